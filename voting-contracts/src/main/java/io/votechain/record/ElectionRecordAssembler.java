package io.votechain.record;

import io.votechain.ballot.EncryptedBallot;
import io.votechain.contract.ElectionStatus;
import io.votechain.contract.GenesisConfig;
import io.votechain.contract.StateKeys;
import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.hash.ElectionHash;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.merkle.MerkleTree;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import io.votechain.record.chain.LedgerBlock;
import io.votechain.state.StateKey;
import io.votechain.tx.AddCredentials;
import io.votechain.tx.AnnounceKey;
import io.votechain.tx.Approve;
import io.votechain.tx.CheckIn;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.Identifiers;
import io.votechain.tx.Keys;
import io.votechain.tx.Propose;
import io.votechain.tx.PublishDecryption;
import io.votechain.tx.PublishShares;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.TxKind;
import io.votechain.tx.election.ElectionManifest;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds an election record from a ledger (docs/election-record.md §4), streaming: two passes over
 * the blocks, holding per credential only the position of its last ballot. Pass 1 finds the
 * election's effective transactions and each credential's last cast ballot; pass 2 writes one
 * {@link RecordSection.Block} per height up to the last one that holds an election transaction,
 * with those transactions, their roles and audit paths; then the state's {@link
 * RecordSection.Summary}. Not thread safe; one instance per export.
 *
 * <p>A transaction is <em>effective</em> if its stored receipt (state {@code tx/receipt/<id>}, when
 * the node keeps receipts) says OK; without a receipt, by what it left in the state: a cast ballot
 * its {@code ballot/<hash>} entry (first transaction with that hash), a spoiled ballot its {@code
 * spoiled/<hash>} entry, an announcement, shares or decryption the stored value equal to its own. A
 * proposal is effective if it is stored, an approval if the stored proposal lists its signer, a
 * roll addition if it is an official's and put every credential on the roll first, a check-in if it
 * is the first of its credential and the stored one names its device. Complaints and disclosures
 * are all recorded.
 *
 * <p>Besides the election's own transactions (a shareholder meeting's included: register, proxies,
 * weighted ballots), every device-registry transaction that took effect is recorded, by its
 * receipt, so that the verifier can judge in-person ballots, check-ins and kiosk challenges against
 * the registry; they do not extend the record past the election's last block. A meeting ballot is
 * {@link TransactionRole#COUNTED} iff the state's {@code meeting-vote/<holder>} names it.
 */
public final class ElectionRecordAssembler {
  /** The device registry's transaction kinds (docs/contracts.md §4.3). */
  static final Set<TxKind> DEVICE_KINDS =
      java.util.EnumSet.of(
          TxKind.PROVISION_DEVICE,
          TxKind.ASSIGN_DEVICE,
          TxKind.TRANSFER_CUSTODY,
          TxKind.ATTEST_DEVICE,
          TxKind.SUSPEND_DEVICE,
          TxKind.REINSTATE_DEVICE);

  private final LedgerSource source;
  private final String electionId;
  private final Hash32 extendedBaseHash;
  private final Set<Ed25519PublicKey> officials;

  private ElectionRecordAssembler(
      LedgerSource source, String electionId, Set<Ed25519PublicKey> officials) {
    this.source = source;
    this.officials = officials;
    this.electionId = electionId;
    this.extendedBaseHash =
        source.state(StateKeys.extendedBaseHash(electionId)).map(Hash32::of).orElse(Hash32.ZERO);
  }

  /**
   * Writes the whole record of {@code electionId} to {@code out}.
   *
   * @throws IllegalArgumentException if the ledger has no such election
   */
  public static void write(
      RecordSection.Genesis genesis, LedgerSource source, String electionId, OutputStream out)
      throws IOException {
    if (source.state(StateKeys.electionManifest(electionId)).isEmpty()) {
      throw new IllegalArgumentException("no election " + electionId + " on this ledger");
    }
    new ElectionRecordAssembler(source, electionId, Set.copyOf(genesis.contracts().officials()))
        .run(genesis, out);
  }

  private void run(RecordSection.Genesis genesis, OutputStream out) throws IOException {
    ElectionRecordWriter writer = new ElectionRecordWriter(out);
    writer.write(new RecordSection.Header(ElectionRecordWriter.VERSION, electionId));
    writer.write(genesis);

    // Pass 1: the last effective ballot of every credential, the last height worth recording.
    KeyTable lastBallot = new KeyTable();
    Scan first = new Scan();
    long lastHeight = 0;
    long latest = source.latestHeight();
    for (long h = 1; h <= latest; h++) {
      List<byte[]> txs = source.block(h).transactions();
      for (int i = 0; i < txs.size(); i++) {
        Optional<Entry> e = first.classify(txs.get(i));
        if (e.isPresent()) {
          if (e.get().election) {
            lastHeight = h;
          }
          if (e.get().credential != null) {
            lastBallot.put(e.get().credential, position(h, i));
          }
        }
      }
    }

    // Pass 2: the blocks, with roles.
    Scan second = new Scan();
    for (long h = 1; h <= lastHeight; h++) {
      LedgerBlock block = source.block(h);
      List<byte[]> txs = block.transactions();
      List<RecordedTransaction> recorded = new ArrayList<>();
      MerkleTree tree = null;
      for (int i = 0; i < txs.size(); i++) {
        Optional<Entry> e = second.classify(txs.get(i));
        if (e.isEmpty()) {
          continue;
        }
        if (tree == null) {
          tree = MerkleTree.ofLeaves(txs);
        }
        TransactionRole role = TransactionRole.EFFECTIVE;
        if (e.get().meetingBallot != null) {
          // The ballot that counts for a holder is its own latest, else its current proxy's
          // (docs/contracts.md §8.4): exactly the one the state's meeting-vote/<holder> names.
          role =
              countsForHolder(e.get().holder, e.get().meetingBallot)
                  ? TransactionRole.COUNTED
                  : TransactionRole.SUPERSEDED;
        } else if (e.get().credential != null) {
          role =
              lastBallot.get(e.get().credential, -1) == position(h, i)
                  ? TransactionRole.COUNTED
                  : TransactionRole.SUPERSEDED;
        }
        recorded.add(new RecordedTransaction(i, role, txs.get(i), tree.prove(i).path()));
      }
      writer.write(
          new RecordSection.Block(
              block.header().encode(), block.certificate(), block.lastCommit(), recorded));
    }
    writer.write(summary());
    writer.finish();
  }

  private static long position(long height, int index) {
    return (height << 20) | index;
  }

  /**
   * An effective transaction to record; {@code credential} is set for cast ballots; {@code
   * election} is false for the device registry's transactions, which the record carries so that
   * in-person and spoiled ballots can be checked against their device, but which do not make the
   * record any longer (devices keep attesting after the election).
   */
  private record Entry(byte[] credential, boolean election, byte[] holder, Hash32 meetingBallot) {
    Entry(byte[] credential, boolean election) {
      this(credential, election, null, null);
    }
  }

  private boolean countsForHolder(byte[] holder, Hash32 ballotHash) {
    return source
        .state(
            StateKeys.meetingVote(
                electionId, io.votechain.crypto.sig.Ed25519PublicKey.decode(holder)))
        .map(v -> io.votechain.contract.MeetingVote.decode(v).ballotHash().equals(ballotHash))
        .orElse(false);
  }

  /** One pass's view: which transactions belong to the election and took effect. */
  private final class Scan {
    // recorded proposal id → whether it concerns the election (else: a device revocation)
    private final java.util.Map<Hash32, Boolean> proposals = new java.util.HashMap<>();
    private final KeyTable ballots = new KeyTable();
    private final KeyTable rolled = new KeyTable();
    private final KeyTable checkedIn = new KeyTable();

    Optional<Entry> classify(byte[] tx) {
      Optional<TransactionPeek> peek = TransactionPeek.of(tx);
      if (peek.isEmpty()) {
        return Optional.empty();
      }
      TransactionPeek p = peek.get();
      if (p.electionId().isPresent()) {
        if (!p.electionId().get().equals(electionId)) {
          return Optional.empty();
        }
        if (!effective(tx, p)) {
          return Optional.empty();
        }
        if (p.kind() == TxKind.CAST_MEETING_VOTE) {
          // Meeting votes take no part in the last-ballot-per-credential scan of pass 1.
          return Optional.of(new Entry(null, true, p.credential(), ballotHash(p)));
        }
        return Optional.of(new Entry(p.credential(), true));
      }
      if (DEVICE_KINDS.contains(p.kind())) {
        // Only a receipt tells whether a device transaction took effect; the executor keeps one
        // for every transaction (ContractExecutor), so a ledger without them records no devices.
        return receiptOk(tx).orElse(false) ? Optional.of(new Entry(null, false)) : Optional.empty();
      }
      if (p.kind() != TxKind.PROPOSE && p.kind() != TxKind.APPROVE) {
        return Optional.empty();
      }
      SignedTransaction decoded;
      try {
        decoded = SignedTransaction.decode(tx);
      } catch (EncodingException e) {
        return Optional.empty();
      }
      // A proposal took effect iff it is stored under its transaction id; an approval iff the
      // stored proposal lists its signer (docs/contracts.md §4.1).
      if (decoded.body() instanceof Propose propose
          && recorded(propose.action())
          && approvals(decoded.id()).contains(decoded.signer())) {
        proposals.put(decoded.id(), concernsElection(propose.action()));
        return Optional.of(new Entry(null, concernsElection(propose.action())));
      }
      if (decoded.body() instanceof Approve approve
          && proposals.containsKey(approve.proposalId())
          && approvals(approve.proposalId()).contains(decoded.signer())) {
        return Optional.of(new Entry(null, proposals.get(approve.proposalId())));
      }
      return Optional.empty();
    }

    /** The officials the stored proposal lists as approving (none if it is not stored). */
    private List<Ed25519PublicKey> approvals(Hash32 proposalId) {
      return source
          .state(StateKeys.proposal(proposalId))
          .map(
              b -> {
                CanonicalReader r = new CanonicalReader(b);
                GovernedAction.readFrom(r);
                r.varint(Long.MAX_VALUE);
                return r.list(GenesisConfig.MAX_OFFICIALS, Keys::readEd25519);
              })
          .orElse(List.of());
    }

    private boolean effective(byte[] tx, TransactionPeek p) {
      Optional<Boolean> receipt = receiptOk(tx);
      if (p.kind() == TxKind.CAST_BALLOT || p.kind() == TxKind.CAST_MEETING_VOTE) {
        Hash32 hash = ballotHash(p);
        boolean first = !ballots.contains(hash.bytes());
        boolean ok =
            receipt.orElseGet(
                () -> first && source.state(StateKeys.ballot(electionId, hash)).isPresent());
        if (ok) {
          ballots.put(hash.bytes(), 1);
        }
        return ok;
      }
      if (receipt.isPresent()) {
        return receipt.get();
      }
      return switch (p.kind()) {
        case SPOIL_BALLOT,
            ANNOUNCE_KEY,
            PUBLISH_SHARES,
            PUBLISH_DECRYPTION,
            ADD_CREDENTIALS,
            CHECK_IN ->
            leftInState(tx);
        default -> true;
      };
    }

    private Hash32 ballotHash(TransactionPeek p) {
      return ElectionHash.hash(
          extendedBaseHash, EncryptedBallot.DOMAIN_BALLOT_HASH, (Object) p.ballotEncoding());
    }

    /** Whether the value this transaction would have stored is the stored one. */
    private boolean leftInState(byte[] tx) {
      SignedTransaction decoded;
      try {
        decoded = SignedTransaction.decode(tx);
      } catch (EncodingException e) {
        return false;
      }
      if (decoded.body() instanceof io.votechain.tx.SpoilBallot spoil) {
        Hash32 hash = spoil.ballot().hash(extendedBaseHash);
        boolean first = !ballots.contains(hash.bytes());
        CanonicalWriter w = new CanonicalWriter();
        spoil.writeFields(w);
        boolean ok = first && stored(StateKeys.spoiled(electionId, hash), w.toByteArray());
        if (ok) {
          ballots.put(hash.bytes(), 1);
        }
        return ok;
      }
      if (decoded.body() instanceof AddCredentials add) {
        // Refused when signed by a non-official or when a credential was already on the roll; an
        // accepted one put every credential on the roll.
        return decoded.signer() instanceof Ed25519PublicKey k
            && officials.contains(k)
            && add.credentials().stream()
                .allMatch(c -> source.state(StateKeys.rollEntry(electionId, c)).isPresent())
            && add.credentials().stream().noneMatch(c -> rolled.contains(c.encoded()))
            && add.credentials().stream().allMatch(c -> rolled.put(c.encoded(), 1));
      }
      if (decoded.body() instanceof CheckIn c) {
        // The first check-in of a credential that the state records for this device.
        Optional<byte[]> stored = source.state(StateKeys.checkIn(electionId, c.credential()));
        boolean ok =
            stored.isPresent()
                && new CanonicalReader(stored.get())
                    .text(Identifiers.MAX_LENGTH)
                    .equals(c.deviceId())
                && !checkedIn.contains(c.credential().encoded());
        if (ok) {
          checkedIn.put(c.credential().encoded(), 1);
        }
        return ok;
      }
      if (decoded.body() instanceof AnnounceKey a) {
        int dealer = a.announcement().dealer();
        return stored(StateKeys.announcement(electionId, dealer), a.announcement().encode());
      }
      if (decoded.body() instanceof PublishShares s && !s.shares().isEmpty()) {
        CanonicalWriter w = new CanonicalWriter().list(s.shares(), (x, e) -> e.writeTo(x));
        return stored(StateKeys.shares(electionId, s.shares().get(0).dealer()), w.toByteArray());
      }
      if (decoded.body() instanceof PublishDecryption d) {
        CanonicalWriter w = new CanonicalWriter().list(d.partials(), (x, e) -> e.writeTo(x));
        return stored(
            StateKeys.decryption(electionId, d.partials().get(0).trustee()), w.toByteArray());
      }
      return false;
    }

    private boolean stored(StateKey key, byte[] expected) {
      return source.state(key).map(v -> Arrays.equals(v, expected)).orElse(false);
    }

    /** The stored receipt's verdict, when the node keeps receipts in state. */
    private Optional<Boolean> receiptOk(byte[] tx) {
      Hash32 id = io.votechain.crypto.hash.Sha256.tagged(SignedTransaction.ID_DOMAIN, tx);
      return source
          .state(StateKey.of("tx", "receipt", id.hex()))
          .map(v -> new CanonicalReader(v).varint(Integer.MAX_VALUE) == ErrorCode.OK.number());
    }

    private boolean recorded(GovernedAction action) {
      return concernsElection(action) || action instanceof GovernedAction.RevokeDevice;
    }

    private boolean concernsElection(GovernedAction action) {
      if (action instanceof GovernedAction.CreateElection c) {
        return c.manifest().electionId().equals(electionId);
      }
      if (action instanceof GovernedAction.AmendElection a) {
        return a.manifest().electionId().equals(electionId);
      }
      if (action instanceof GovernedAction.RegisterTrustees r) {
        return r.electionId().equals(electionId);
      }
      if (action instanceof GovernedAction.CreateMeeting m) {
        return m.manifest().meetingId().equals(electionId);
      }
      if (action instanceof GovernedAction.RestartKeyCeremony r) {
        return r.electionId().equals(electionId);
      }
      if (action instanceof GovernedAction.OpenElection o) {
        return o.electionId().equals(electionId);
      }
      if (action instanceof GovernedAction.CloseElection c) {
        return c.electionId().equals(electionId);
      }
      if (action instanceof GovernedAction.CertifyElection c) {
        return c.electionId().equals(electionId);
      }
      return false;
    }
  }

  private RecordSection.Summary summary() {
    ElectionManifest manifest =
        ElectionManifest.decode(source.state(StateKeys.electionManifest(electionId)).orElseThrow());
    ElectionStatus status =
        ElectionStatus.ofTag(source.state(StateKeys.electionStatus(electionId)).orElseThrow()[0]);
    Optional<GroupElement> key =
        source.state(StateKeys.electionJointKey(electionId)).map(GroupElement::decode);
    Optional<Hash32> he = source.state(StateKeys.extendedBaseHash(electionId)).map(Hash32::of);
    List<Ciphertext> aggregate =
        source
            .state(StateKeys.aggregate(electionId))
            .map(
                b -> {
                  CanonicalReader r = new CanonicalReader(b);
                  List<Ciphertext> list =
                      r.list(
                          RecordSection.Summary.MAX_SELECTIONS, x -> Ciphertext.readFrom(x, true));
                  r.finish();
                  return list;
                })
            .orElse(List.of());
    long counted =
        source
            .state(StateKeys.counted(electionId))
            .map(b -> new CanonicalReader(b).varint(Long.MAX_VALUE))
            .orElse(0L);
    Optional<List<Long>> result =
        source
            .state(StateKeys.result(electionId))
            .map(
                b ->
                    new CanonicalReader(b)
                        .list(RecordSection.Summary.MAX_SELECTIONS, x -> x.varint(Long.MAX_VALUE)));
    Optional<io.votechain.contract.MeetingResult> meeting =
        source
            .state(StateKeys.meetingResult(electionId))
            .map(io.votechain.contract.MeetingResult::decode);
    return new RecordSection.Summary(
        manifest, status, key, he, aggregate, counted, result, meeting);
  }
}
