package io.votechain.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.ballot.BallotEncryptor;
import io.votechain.ballot.EncryptedBallot;
import io.votechain.ballot.EncryptionContext;
import io.votechain.ballot.PlaintextBallot;
import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.EcdsaP256Signer;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.crypto.threshold.CeremonyParameters;
import io.votechain.crypto.threshold.DecryptingTrustee;
import io.votechain.crypto.threshold.EncryptedShare;
import io.votechain.crypto.threshold.JointElectionKey;
import io.votechain.crypto.threshold.PartialDecryption;
import io.votechain.crypto.threshold.Trustee;
import io.votechain.state.StateEntry;
import io.votechain.state.StateKey;
import io.votechain.state.StateView;
import io.votechain.tx.AddCredentials;
import io.votechain.tx.AnnounceKey;
import io.votechain.tx.AssignDevice;
import io.votechain.tx.AttestDevice;
import io.votechain.tx.AttestationEvidence;
import io.votechain.tx.CastBallot;
import io.votechain.tx.CheckIn;
import io.votechain.tx.Complain;
import io.votechain.tx.DiscloseShare;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.GovernedAction.CertifyElection;
import io.votechain.tx.GovernedAction.CloseElection;
import io.votechain.tx.GovernedAction.CreateElection;
import io.votechain.tx.GovernedAction.OpenElection;
import io.votechain.tx.GovernedAction.RegisterTrustees;
import io.votechain.tx.ProvisionDevice;
import io.votechain.tx.PublishDecryption;
import io.votechain.tx.PublishShares;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.SpoilBallot;
import io.votechain.tx.Validation;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.RevotePolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The crypto-wired contracts driven through the executor with real keys: key ceremony on the
 * ledger, encrypted ballots with proofs, the running aggregate, threshold decryption of the tally.
 * The manifest has contests "mayor" (alice, bob; 1-of-2) and "measure-1" (yes, no).
 */
class BallotBoxAndTallyTest {
  private static final String E = "e1";

  private TestChain chain;
  private List<Ed25519Signer> trusteeKeys;
  private List<Trustee> trustees;
  private List<DecryptingTrustee> decrypting;
  private List<Ed25519Signer> voters;
  private int ballotCounter;

  @BeforeEach
  void setUp() {
    chain = new TestChain(8);
  }

  /** Creates the election with {@code policy}, registers 3 trustees (k = 2) and adds 3 voters. */
  private void electionWithTrustees(RevotePolicy policy) {
    ElectionManifest m = TestChain.manifest(E);
    ElectionManifest manifest =
        new ElectionManifest(E, m.name(), m.contests(), m.votingStart(), m.votingEnd(), policy);
    assertEquals(ErrorCode.OK, chain.govern(new CreateElection(manifest)).code());
    trusteeKeys = List.of(chain.newEd25519(), chain.newEd25519(), chain.newEd25519());
    assertEquals(
        ErrorCode.OK,
        chain
            .govern(
                new RegisterTrustees(
                    E, trusteeKeys.stream().map(Ed25519Signer::publicKey).toList(), 2))
            .code());
    voters = List.of(chain.newEd25519(), chain.newEd25519(), chain.newEd25519());
    assertEquals(
        ErrorCode.OK,
        chain.code(
            chain.officials.get(0),
            new AddCredentials(E, "s1", voters.stream().map(Ed25519Signer::publicKey).toList())));
    CeremonyParameters parameters =
        ElectionCrypto.parameters(manifest, Trustees.read(chain.state, E).orElseThrow());
    trustees = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      trustees.add(Trustee.generate(parameters, i, chain.random));
    }
  }

  /** All three trustees announce on the ledger and exchange shares; then the election opens. */
  private void announceAll() {
    for (int i = 0; i < 3; i++) {
      TxReceipt r =
          chain.submit(trusteeKeys.get(i), new AnnounceKey(E, trustees.get(i).announcement()));
      assertEquals(ErrorCode.OK, r.code(), r.reason());
    }
  }

  /** Trustee {@code dealer}'s shares for the others, as it would publish them. */
  private PublishShares sharesOf(int dealer) {
    List<EncryptedShare> shares = new ArrayList<>();
    for (Trustee recipient : trustees) {
      if (recipient != trustees.get(dealer)) {
        shares.add(trustees.get(dealer).shareFor(recipient.announcement(), chain.random));
      }
    }
    return new PublishShares(E, shares);
  }

  /** Every trustee opens the shares addressed to it, as read back from the ledger. */
  private void receiveSharesFromTheLedger() {
    for (int d = 0; d < 3; d++) {
      byte[] stored = chain.state.get(StateKeys.shares(E, d + 1)).orElseThrow();
      io.votechain.encoding.CanonicalReader r = new io.votechain.encoding.CanonicalReader(stored);
      for (EncryptedShare share : r.list(8, EncryptedShare::readFrom)) {
        Trustee recipient = trustees.get(share.recipient() - 1);
        assertTrue(recipient.receiveShare(trustees.get(d).announcement(), share).isEmpty());
      }
    }
  }

  /** The whole ceremony on the ledger (announcements, then shares); then the election opens. */
  private void ceremonyAndOpen() {
    announceAll();
    for (int d = 0; d < 3; d++) {
      assertEquals(ErrorCode.OK, chain.code(trusteeKeys.get(d), sharesOf(d)));
    }
    receiveSharesFromTheLedger();
    JointElectionKey joint = ElectionCrypto.jointKey(chain.state, E);
    decrypting = trustees.stream().map(t -> t.finish(joint)).toList();
    chain.time = TestChain.START;
    assertEquals(ErrorCode.OK, chain.govern(new OpenElection(E)).code());
  }

  private EncryptionContext context() {
    return ElectionCrypto.context(chain.state, E);
  }

  /** A ballot: mayor choice 0 (alice) or 1 (bob), measure yes (true) or no. */
  private EncryptedBallot ballot(int mayor, boolean yes) {
    ElectionManifest manifest = ElectionContract.manifest(chain.state, E).orElseThrow();
    PlaintextBallot plain =
        new PlaintextBallot(
            "ballot-" + (++ballotCounter),
            E,
            List.of(
                mayor == 0 ? List.of(1, 0) : List.of(0, 1), yes ? List.of(1, 0) : List.of(0, 1)));
    return new BallotEncryptor(context())
        .encrypt(ElectionCrypto.style(manifest), plain, chain.random)
        .ballot();
  }

  private TxReceipt castWeb(int voter, EncryptedBallot ballot) {
    Ed25519Signer v = voters.get(voter);
    return chain.submit(v, new CastBallot(E, v.publicKey(), ballot));
  }

  private void close() {
    chain.time = TestChain.END;
    assertEquals(ErrorCode.OK, chain.govern(new CloseElection(E)).code());
  }

  private PublishDecryption decryptionBy(int trustee) {
    ElectionManifest manifest = ElectionContract.manifest(chain.state, E).orElseThrow();
    List<Ciphertext> aggregate =
        ElectionCrypto.aggregate(chain.state, E, ElectionCrypto.selectionCount(manifest));
    List<PartialDecryption> partials = new ArrayList<>();
    for (Ciphertext c : aggregate) {
      partials.add(decrypting.get(trustee).partialDecrypt(c, chain.random));
    }
    return new PublishDecryption(E, partials);
  }

  @Test
  void ledgerElectionTalliesExactlyTheBallotsThatCount() {
    electionWithTrustees(RevotePolicy.LAST_VOTE_COUNTS);
    ceremonyAndOpen();

    assertEquals(ErrorCode.OK, castWeb(0, ballot(0, true)).code());
    assertEquals(ErrorCode.OK, castWeb(1, ballot(1, true)).code());
    TxReceipt revote = castWeb(0, ballot(1, false)); // voter 0 changes their mind
    assertEquals(ErrorCode.OK, revote.code(), revote.reason());
    assertTrue(((Event.BallotCast) revote.events().get(0)).supersedes());
    Hash32 trackingCode = ((Event.BallotCast) revote.events().get(0)).ballotHash();
    assertArrayEquals(
        revote.txId().bytes(),
        chain.state.get(StateKeys.ballotTx(E, trackingCode)).orElseThrow(),
        "the tracking code leads to the transaction that cast the ballot");
    assertEquals(ErrorCode.OK, castWeb(2, ballot(0, true)).code());
    assertEquals(3, ElectionCrypto.counted(chain.state, E));
    close();

    assertEquals(ErrorCode.OK, chain.code(trusteeKeys.get(2), decryptionBy(2)));
    assertEquals(ElectionStatus.CLOSED, ElectionContract.status(chain.state, E).orElseThrow());
    TxReceipt second = chain.submit(trusteeKeys.get(0), decryptionBy(0));

    assertEquals(ErrorCode.OK, second.code(), second.reason());
    // alice 1, bob 2; yes 2, no 1
    assertTrue(second.events().contains(new Event.ElectionTallied(E, List.of(1L, 2L, 2L, 1L))));
    assertEquals(ElectionStatus.TALLIED, ElectionContract.status(chain.state, E).orElseThrow());
    assertEquals(ErrorCode.OK, chain.govern(new CertifyElection(E)).code());

    // a second validator replaying the same blocks reaches the same state, bit for bit
    io.votechain.state.InMemoryState replica = new io.votechain.state.InMemoryState();
    List<BlockResult> replayed = chain.replayOnFreshValidator(replica, true);
    assertEquals(chain.stateHash, replayed.get(replayed.size() - 1).stateHash());
    assertEquals(chain.state.scan(""), replica.scan(""));
  }

  @Test
  void electionWithoutBallotsTalliesToZero() {
    electionWithTrustees(RevotePolicy.LAST_VOTE_COUNTS);
    ceremonyAndOpen();
    close();
    assertEquals(ErrorCode.OK, chain.code(trusteeKeys.get(0), decryptionBy(0)));
    TxReceipt r = chain.submit(trusteeKeys.get(1), decryptionBy(1));
    assertEquals(ErrorCode.OK, r.code(), r.reason());
    assertTrue(r.events().contains(new Event.ElectionTallied(E, List.of(0L, 0L, 0L, 0L))));
  }

  @Test
  void batchAndOneByOneVerificationGiveTheSameReceiptsAndStateHashes() {
    electionWithTrustees(RevotePolicy.LAST_VOTE_COUNTS);
    List<Ed25519Signer> more = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      more.add(chain.newEd25519());
    }
    chain.submit(
        chain.officials.get(0),
        new AddCredentials(E, "s1", more.stream().map(Ed25519Signer::publicKey).toList()));
    ceremonyAndOpen();
    List<io.votechain.tx.SignedTransaction> block = new ArrayList<>();
    EncryptedBallot good = ballot(0, true);
    EncryptedBallot other = ballot(1, false);
    EncryptedBallot spliced =
        new EncryptedBallot("spliced", E, List.of(good.contests().get(0), other.contests().get(1)));
    List<EncryptedBallot> ballots =
        List.of(good, ballot(1, true), spliced, ballot(0, false), good, other);
    for (int i = 0; i < ballots.size(); i++) {
      Ed25519Signer voter = i < 3 ? voters.get(i) : more.get(i - 3);
      block.add(chain.sign(voter, new CastBallot(E, voter.publicKey(), ballots.get(i))));
    }
    BlockResult batched = chain.block(block);
    assertEquals(
        List.of(
            ErrorCode.OK,
            ErrorCode.OK,
            ErrorCode.BALLOT_INVALID,
            ErrorCode.OK,
            ErrorCode.DUPLICATE_BALLOT,
            ErrorCode.OK),
        batched.receipts().stream().map(TxReceipt::code).toList());

    List<BlockResult> oneByOne =
        chain.replayOnFreshValidator(new io.votechain.state.InMemoryState(), false);
    BlockResult last = oneByOne.get(oneByOne.size() - 1);
    assertEquals(batched.stateHash(), last.stateHash());
    assertEquals(batched.receipts(), last.receipts());
  }

  @Nested
  class KeyCeremony {
    @BeforeEach
    void register() {
      electionWithTrustees(RevotePolicy.LAST_VOTE_COUNTS);
    }

    @Test
    void announcementSignedByAnotherTrusteeIsRejected() {
      assertEquals(
          ErrorCode.NOT_A_TRUSTEE,
          chain.code(trusteeKeys.get(1), new AnnounceKey(E, trustees.get(0).announcement())));
    }

    @Test
    void secondAnnouncementIsRejected() {
      chain.submit(trusteeKeys.get(0), new AnnounceKey(E, trustees.get(0).announcement()));
      assertEquals(
          ErrorCode.DUPLICATE_ANNOUNCEMENT,
          chain.code(trusteeKeys.get(0), new AnnounceKey(E, trustees.get(0).announcement())));
    }

    @Test
    void announcementForAnotherElectionIsRejected() {
      CeremonyParameters other = new CeremonyParameters(Sha256.hash(new byte[] {9}), 3, 2);
      Trustee foreign = Trustee.generate(other, 1, chain.random);
      TxReceipt r = chain.submit(trusteeKeys.get(0), new AnnounceKey(E, foreign.announcement()));
      assertEquals(ErrorCode.INVALID_ANNOUNCEMENT, r.code());
      assertTrue(r.reason().contains("COEFFICIENT_PROOF_INVALID"), r.reason());
    }

    @Test
    void jointKeyAppearsOnlyWithTheLastAnnouncement() {
      chain.submit(trusteeKeys.get(0), new AnnounceKey(E, trustees.get(0).announcement()));
      chain.submit(trusteeKeys.get(1), new AnnounceKey(E, trustees.get(1).announcement()));
      assertTrue(chain.state.get(StateKeys.electionJointKey(E)).isEmpty());
      chain.time = TestChain.START;
      assertEquals(ErrorCode.ELECTION_KEY_MISSING, chain.govern(new OpenElection(E)).code());
      TxReceipt last =
          chain.submit(trusteeKeys.get(2), new AnnounceKey(E, trustees.get(2).announcement()));
      assertTrue(last.events().stream().anyMatch(e -> e instanceof Event.KeyCeremonyCompleted));
      assertTrue(chain.state.get(StateKeys.electionJointKey(E)).isPresent());
    }

    @Test
    void sharesBeforeEveryAnnouncementAreRejected() {
      announceAll();
      // the round is ready now; a trustee outside the set and a repeat are refused
      assertEquals(ErrorCode.NOT_A_TRUSTEE, chain.code(chain.newEd25519(), sharesOf(0)));
      assertEquals(ErrorCode.OK, chain.code(trusteeKeys.get(0), sharesOf(0)));
      assertEquals(ErrorCode.DUPLICATE_SHARES, chain.code(trusteeKeys.get(0), sharesOf(0)));
    }

    @Test
    void sharesAreRefusedUntilEveryTrusteeHasAnnounced() {
      chain.submit(trusteeKeys.get(0), new AnnounceKey(E, trustees.get(0).announcement()));
      chain.submit(trusteeKeys.get(1), new AnnounceKey(E, trustees.get(1).announcement()));
      EncryptedShare share = trustees.get(0).shareFor(trustees.get(1).announcement(), chain.random);
      assertEquals(
          ErrorCode.CEREMONY_ROUND_NOT_READY,
          chain.code(trusteeKeys.get(0), new PublishShares(E, List.of(share))));
    }

    @Test
    void sharesMissingARecipientAreRejected() {
      announceAll();
      PublishShares all = sharesOf(0);
      assertEquals(
          ErrorCode.INVALID_ARGUMENT,
          chain.code(trusteeKeys.get(0), new PublishShares(E, all.shares().subList(0, 1))));
      assertEquals(
          ErrorCode.INVALID_ARGUMENT,
          chain.code(trusteeKeys.get(1), all)); // trustee 2 publishing trustee 1's shares
    }

    @Test
    void electionCannotOpenBeforeEveryTrusteePublishedShares() {
      announceAll();
      chain.submit(trusteeKeys.get(0), sharesOf(0));
      chain.submit(trusteeKeys.get(1), sharesOf(1));
      chain.time = TestChain.START;
      TxReceipt r = chain.govern(new OpenElection(E));
      assertEquals(ErrorCode.ELECTION_KEY_MISSING, r.code());
      assertTrue(r.reason().contains("shares"), r.reason());
    }

    /**
     * Trustee 1 sends trustee 2 a share that does not open; trustee 2 complains on the ledger, the
     * election cannot open until trustee 1 discloses the right share, and a wrong one is refused.
     */
    @Test
    void complaintBlocksOpeningUntilTheDealerDisclosesAValidShare() {
      announceAll();
      List<EncryptedShare> honest = sharesOf(0).shares();
      EncryptedShare forThree = honest.get(1); // dealer 1 -> recipient 3
      EncryptedShare misdirected = new EncryptedShare(1, 2, forThree.ciphertext());
      assertEquals(
          ErrorCode.OK,
          chain.code(trusteeKeys.get(0), new PublishShares(E, List.of(misdirected, forThree))));
      chain.submit(trusteeKeys.get(1), sharesOf(1));
      chain.submit(trusteeKeys.get(2), sharesOf(2));
      io.votechain.crypto.threshold.Complaint complaint =
          trustees.get(1).receiveShare(trustees.get(0).announcement(), misdirected).orElseThrow();

      assertEquals(
          ErrorCode.UNKNOWN_COMPLAINT,
          chain.code(
              trusteeKeys.get(0), new DiscloseShare(E, 2, trustees.get(0).discloseShare(2))));
      assertEquals(
          ErrorCode.NOT_A_TRUSTEE, chain.code(trusteeKeys.get(2), new Complain(E, complaint)));
      assertEquals(ErrorCode.OK, chain.code(trusteeKeys.get(1), new Complain(E, complaint)));
      assertEquals(
          ErrorCode.DUPLICATE_COMPLAINT,
          chain.code(trusteeKeys.get(1), new Complain(E, complaint)));
      chain.time = TestChain.START;
      assertEquals(ErrorCode.ELECTION_KEY_MISSING, chain.govern(new OpenElection(E)).code());

      assertEquals(
          ErrorCode.INVALID_DISCLOSURE,
          chain.code(
              trusteeKeys.get(0), new DiscloseShare(E, 2, trustees.get(0).discloseShare(3))));
      assertEquals(
          ErrorCode.OK,
          chain.code(
              trusteeKeys.get(0), new DiscloseShare(E, 2, trustees.get(0).discloseShare(2))));
      assertEquals(ErrorCode.OK, chain.govern(new OpenElection(E)).code());
    }

    @Test
    void announcementAfterTheCeremonyIsRejected() {
      ceremonyAndOpen();
      assertEquals(
          ErrorCode.WRONG_ELECTION_STATUS,
          chain.code(trusteeKeys.get(0), new AnnounceKey(E, trustees.get(0).announcement())));
    }
  }

  @Nested
  class Casting {
    @Test
    void ballotWithABrokenProofIsRejected() {
      electionWithTrustees(RevotePolicy.LAST_VOTE_COUNTS);
      ceremonyAndOpen();
      EncryptedBallot good = ballot(0, true);
      EncryptedBallot other = ballot(1, false);
      // contest 0 of one ballot with contest 1 of another: each proof is bound to its ballot id
      EncryptedBallot spliced =
          new EncryptedBallot(
              good.ballotId(), E, List.of(good.contests().get(0), other.contests().get(1)));
      TxReceipt r = castWeb(0, spliced);
      assertEquals(ErrorCode.BALLOT_INVALID, r.code());
      assertEquals(0, ElectionCrypto.counted(chain.state, E));
    }

    @Test
    void aBlockOfBallotsWithARevoteAndAnotherTransactionAmongThemLeavesTheSumOfWhatCounts() {
      electionWithTrustees(RevotePolicy.LAST_VOTE_COUNTS);
      ceremonyAndOpen();
      EncryptedBallot first = ballot(0, true);
      EncryptedBallot second = ballot(1, false);
      EncryptedBallot third = ballot(1, true);
      EncryptedBallot replacement = ballot(1, true);
      Ed25519Signer newcomer = chain.newEd25519();
      List<io.votechain.tx.SignedTransaction> block =
          List.of(
              chain.sign(voters.get(0), new CastBallot(E, voters.get(0).publicKey(), first)),
              chain.sign(voters.get(1), new CastBallot(E, voters.get(1).publicKey(), second)),
              // Not a cast: the aggregate so far is written before it runs.
              chain.sign(
                  chain.officials.get(0),
                  new AddCredentials(E, "s1", List.of(newcomer.publicKey()))),
              chain.sign(voters.get(2), new CastBallot(E, voters.get(2).publicKey(), third)));
      List<TxReceipt> receipts = chain.block(block).receipts();
      // The first voter again, in the next block: the first ballot leaves the aggregate.
      TxReceipt revote =
          chain
              .block(
                  List.of(
                      chain.sign(
                          voters.get(0),
                          new CastBallot(E, voters.get(0).publicKey(), replacement))))
              .receipts()
              .get(0);
      for (TxReceipt r : receipts) {
        assertEquals(ErrorCode.OK, r.code(), r.reason());
      }
      assertEquals(ErrorCode.OK, revote.code(), revote.reason());
      // Expected: added one ciphertext at a time, in affine coordinates, as before.
      List<Ciphertext> expected = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        expected.add(Ciphertext.ZERO);
      }
      for (EncryptedBallot b : List.of(second, third, replacement)) {
        int i = 0;
        for (var contest : b.contests()) {
          for (var selection : contest.selections()) {
            expected.set(i, expected.get(i).add(selection.ciphertext()));
            i++;
          }
        }
      }
      assertEquals(expected, ElectionCrypto.aggregate(chain.state, E, 4));
      assertEquals(3, ElectionCrypto.counted(chain.state, E));
    }

    @Test
    void sameBallotCannotBeRecordedTwice() {
      electionWithTrustees(RevotePolicy.LAST_VOTE_COUNTS);
      ceremonyAndOpen();
      EncryptedBallot b = ballot(0, true);
      assertEquals(ErrorCode.OK, castWeb(0, b).code());
      assertEquals(ErrorCode.DUPLICATE_BALLOT, castWeb(1, b).code());
    }

    @Test
    void credentialNotOnTheRollCannotCast() {
      electionWithTrustees(RevotePolicy.LAST_VOTE_COUNTS);
      ceremonyAndOpen();
      Ed25519Signer stranger = chain.newEd25519();
      assertEquals(
          ErrorCode.UNKNOWN_CREDENTIAL,
          chain.code(stranger, new CastBallot(E, stranger.publicKey(), ballot(0, true))));
    }

    @Test
    void singleVoteElectionRejectsASecondBallot() {
      electionWithTrustees(RevotePolicy.SINGLE_VOTE);
      ceremonyAndOpen();
      assertEquals(ErrorCode.OK, castWeb(0, ballot(0, true)).code());
      assertEquals(ErrorCode.ALREADY_VOTED, castWeb(0, ballot(1, true)).code());
    }

    @Test
    void castingAfterCloseIsRejected() {
      electionWithTrustees(RevotePolicy.LAST_VOTE_COUNTS);
      ceremonyAndOpen();
      EncryptedBallot late = ballot(0, true);
      close();
      assertEquals(ErrorCode.ELECTION_NOT_OPEN, castWeb(0, late).code());
    }
  }

  @Nested
  class InPerson {
    private EcdsaP256Signer kiosk;

    @BeforeEach
    void kioskAtStationOne() {
      electionWithTrustees(RevotePolicy.LAST_VOTE_COUNTS);
      ceremonyAndOpen();
      kiosk = chain.newDevice();
      chain.submit(
          chain.officials.get(0),
          new ProvisionDevice(
              "kiosk-1",
              kiosk.publicKey(),
              "VX-2000",
              DeviceRegistryTest.REFERENCE,
              chain.newEd25519().publicKey()));
      chain.submit(chain.officials.get(0), new AssignDevice("kiosk-1", "s1"));
      long h = chain.height();
      assertEquals(
          ErrorCode.OK,
          chain.code(
              kiosk,
              new AttestDevice(
                  AttestationEvidence.sign(
                      kiosk,
                      TestChain.CHAIN_ID,
                      "kiosk-1",
                      DeviceRegistryTest.REFERENCE,
                      1,
                      h,
                      TestChain.blockHash(h)))));
    }

    private TxReceipt castAtKiosk(Ed25519PublicKey voter, EncryptedBallot b) {
      return chain.submit(kiosk, new CastBallot(E, voter, b));
    }

    /** The keys a successful check of {@code tx} reads. */
    private Set<StateKey> keysACheckReads(SignedTransaction tx) {
      Set<StateKey> read = new LinkedHashSet<>();
      StateView recording =
          new StateView() {
            @Override
            public Optional<byte[]> get(StateKey key) {
              read.add(key);
              return chain.state.get(key);
            }

            @Override
            public void put(StateKey key, byte[] value) {
              throw new UnsupportedOperationException("a check writes nothing");
            }

            @Override
            public void delete(StateKey key) {
              throw new UnsupportedOperationException("a check writes nothing");
            }

            @Override
            public List<StateEntry> scan(String prefix) {
              return chain.state.scan(prefix);
            }
          };
      Validation v = chain.executor.validate(tx, recording);
      assertTrue(v.isOk(), v.reason());
      return read;
    }

    /**
     * What a check reads for one voter and not for another is what the voter's transaction alone
     * brings to a store's cache: every such key must be named for prefetching, and every key named
     * must be one the check reads (docs/storage.md §6).
     */
    private void assertKeysReadNameWhatTheCheckReadsOfItsOwn(
        SignedTransaction ann, SignedTransaction ben) {
      Set<StateKey> annReads = keysACheckReads(ann);
      Set<StateKey> ownToAnn = new LinkedHashSet<>(annReads);
      ownToAnn.removeAll(keysACheckReads(ben));
      List<StateKey> named = ContractExecutor.keysRead(ann, chain.state);
      assertFalse(ownToAnn.isEmpty());
      assertTrue(named.containsAll(ownToAnn), "read but not named: " + ownToAnn);
      assertTrue(annReads.containsAll(named), "named but not read: " + named);
    }

    @Test
    void theKeysNamedForPrefetchingAreThoseACheckInAndAKioskBallotReadOfTheirOwn() {
      Ed25519PublicKey ann = voters.get(0).publicKey();
      Ed25519PublicKey ben = voters.get(1).publicKey();
      assertKeysReadNameWhatTheCheckReadsOfItsOwn(
          chain.sign(kiosk, new CheckIn(E, "kiosk-1", ann)),
          chain.sign(kiosk, new CheckIn(E, "kiosk-1", ben)));
      assertEquals(ErrorCode.OK, chain.code(kiosk, new CheckIn(E, "kiosk-1", ann)));
      assertEquals(ErrorCode.OK, chain.code(kiosk, new CheckIn(E, "kiosk-1", ben)));
      assertKeysReadNameWhatTheCheckReadsOfItsOwn(
          chain.sign(kiosk, new CastBallot(E, ann, ballot(0, true))),
          chain.sign(kiosk, new CastBallot(E, ben, ballot(1, false))));
    }

    @Test
    void theKeysNamedForPrefetchingCoverAWebBallot() {
      Ed25519Signer ann = voters.get(0);
      Ed25519Signer ben = voters.get(1);
      assertKeysReadNameWhatTheCheckReadsOfItsOwn(
          chain.sign(ann, new CastBallot(E, ann.publicKey(), ballot(0, true))),
          chain.sign(ben, new CastBallot(E, ben.publicKey(), ballot(1, false))));
    }

    @Test
    void inPersonBallotSupersedesTheWebBallotAndIsFinal() {
      Ed25519PublicKey voter = voters.get(0).publicKey();
      assertEquals(ErrorCode.OK, castWeb(0, ballot(0, true)).code());
      assertEquals(ErrorCode.OK, chain.code(kiosk, new CheckIn(E, "kiosk-1", voter)));
      TxReceipt inPerson = castAtKiosk(voter, ballot(1, false));
      assertEquals(ErrorCode.OK, inPerson.code(), inPerson.reason());
      Event.BallotCast cast = (Event.BallotCast) inPerson.events().get(0);
      assertEquals(RevoteRule.Channel.IN_PERSON, cast.channel());
      assertTrue(cast.supersedes());
      assertEquals(ErrorCode.IN_PERSON_VOTE_FINAL, castWeb(0, ballot(0, true)).code());
      assertEquals(1, ElectionCrypto.counted(chain.state, E));
    }

    @Test
    void turnoutPerStationFollowsTheRollTheCheckInsAndTheChannelOfTheVoteThatCounts() {
      Ed25519PublicKey first = voters.get(0).publicKey();
      assertEquals(ErrorCode.OK, castWeb(0, ballot(0, true)).code());
      assertEquals(ErrorCode.OK, castWeb(0, ballot(1, true)).code()); // a web re-vote
      assertEquals(ErrorCode.OK, castWeb(1, ballot(1, false)).code());
      assertEquals(
          List.of(new StationTurnout("s1", 3, 2, 0, 0)), StationTurnout.byStation(chain.state, E));

      // The kiosk's ballot supersedes the web ballot: the vote moves from one channel to the other.
      assertEquals(ErrorCode.OK, chain.code(kiosk, new CheckIn(E, "kiosk-1", first)));
      assertEquals(ErrorCode.OK, castAtKiosk(first, ballot(0, false)).code());
      assertEquals(ErrorCode.IN_PERSON_VOTE_FINAL, castWeb(0, ballot(0, true)).code());
      StationTurnout s1 = StationTurnout.find(chain.state, E, "s1").orElseThrow();
      assertEquals(new StationTurnout("s1", 3, 1, 1, 1), s1);
      assertEquals(ElectionCrypto.counted(chain.state, E), s1.counted());

      assertEquals(
          ErrorCode.OK,
          chain.code(
              chain.officials.get(0),
              new AddCredentials(
                  E,
                  "s2",
                  List.of(chain.newEd25519().publicKey(), chain.newEd25519().publicKey()))));
      assertEquals(
          ErrorCode.OK,
          chain.code(
              chain.officials.get(0),
              new AddCredentials(E, "s1", List.of(chain.newEd25519().publicKey()))));
      assertEquals(
          List.of(new StationTurnout("s1", 4, 1, 1, 1), new StationTurnout("s2", 2, 0, 0, 0)),
          StationTurnout.byStation(chain.state, E));
    }

    private BallotEncryptor.Encrypted encrypted(PlaintextBallot plain) {
      ElectionManifest manifest = ElectionContract.manifest(chain.state, E).orElseThrow();
      return new BallotEncryptor(context())
          .encrypt(ElectionCrypto.style(manifest), plain, chain.random);
    }

    @Test
    void challengedBallotIsPublishedAndCanNeverBeCast() {
      PlaintextBallot shown =
          new PlaintextBallot("kiosk-b-1", E, List.of(List.of(1, 0), List.of(0, 1)));
      BallotEncryptor.Encrypted e = encrypted(shown);
      TxReceipt spoiled = chain.submit(kiosk, new SpoilBallot(E, e.ballot(), e.nonces(), shown));
      assertEquals(ErrorCode.OK, spoiled.code(), spoiled.reason());
      assertTrue(spoiled.events().get(0) instanceof Event.BallotSpoiled);

      Ed25519PublicKey voter = voters.get(0).publicKey();
      chain.submit(kiosk, new CheckIn(E, "kiosk-1", voter));
      assertEquals(ErrorCode.DUPLICATE_BALLOT, castAtKiosk(voter, e.ballot()).code());
      assertEquals(0, ElectionCrypto.counted(chain.state, E));
    }

    @Test
    void aWebVoterChallengesWithTheirCredentialAndAStrangerCannot() {
      PlaintextBallot shown =
          new PlaintextBallot("web-b-1", E, List.of(List.of(0, 1), List.of(1, 0)));
      BallotEncryptor.Encrypted e = encrypted(shown);
      Ed25519Signer stranger = chain.newEd25519();
      assertEquals(
          ErrorCode.UNAUTHORIZED,
          chain.code(stranger, new SpoilBallot(E, e.ballot(), e.nonces(), shown)));
      TxReceipt spoiled =
          chain.submit(voters.get(2), new SpoilBallot(E, e.ballot(), e.nonces(), shown));
      assertEquals(ErrorCode.OK, spoiled.code(), spoiled.reason());
      assertEquals(0, ElectionCrypto.counted(chain.state, E));
      // The voter then votes for real with a new ballot.
      assertEquals(ErrorCode.OK, castWeb(2, ballot(0, true)).code());
    }

    @Test
    void challengedBallotThatDoesNotMatchTheScreenIsRejected() {
      PlaintextBallot encryptedChoice =
          new PlaintextBallot("kiosk-b-2", E, List.of(List.of(1, 0), List.of(0, 1)));
      PlaintextBallot shownChoice =
          new PlaintextBallot("kiosk-b-2", E, List.of(List.of(0, 1), List.of(0, 1)));
      BallotEncryptor.Encrypted e = encrypted(encryptedChoice);
      TxReceipt r = chain.submit(kiosk, new SpoilBallot(E, e.ballot(), e.nonces(), shownChoice));
      assertEquals(ErrorCode.SPOILED_BALLOT_MISMATCH, r.code());
      assertTrue(r.reason().contains("SELECTION_MISMATCH"), r.reason());
    }

    @Test
    void kioskCannotCastForAVoterItDidNotCheckIn() {
      assertEquals(
          ErrorCode.NOT_CHECKED_IN, castAtKiosk(voters.get(1).publicKey(), ballot(0, true)).code());
    }

    @Test
    void ballotSignedByAStrangerIsUnauthorized() {
      Ed25519Signer stranger = chain.newEd25519();
      assertEquals(
          ErrorCode.UNAUTHORIZED,
          chain.code(stranger, new CastBallot(E, voters.get(0).publicKey(), ballot(0, true))));
    }
  }

  @Nested
  class Tally {
    @BeforeEach
    void closedElectionWithOneBallot() {
      electionWithTrustees(RevotePolicy.LAST_VOTE_COUNTS);
      ceremonyAndOpen();
      assertEquals(ErrorCode.OK, castWeb(0, ballot(0, true)).code());
    }

    @Test
    void decryptionBeforeCloseIsRejected() {
      assertEquals(
          ErrorCode.WRONG_ELECTION_STATUS, chain.code(trusteeKeys.get(0), decryptionBy(0)));
    }

    @Test
    void decryptionOfAnotherCiphertextIsRejected() {
      PublishDecryption early = decryptionBy(0);
      assertEquals(ErrorCode.OK, castWeb(1, ballot(1, false)).code());
      close();
      TxReceipt r = chain.submit(trusteeKeys.get(0), early);
      assertEquals(ErrorCode.INVALID_DECRYPTION, r.code());
      assertFalse(chain.state.get(StateKeys.decryption(E, 1)).isPresent());
    }

    @Test
    void trusteeCannotPublishTwiceAndOutsidersNotAtAll() {
      close();
      assertEquals(ErrorCode.OK, chain.code(trusteeKeys.get(0), decryptionBy(0)));
      assertEquals(ErrorCode.DUPLICATE_DECRYPTION, chain.code(trusteeKeys.get(0), decryptionBy(0)));
      assertEquals(ErrorCode.NOT_A_TRUSTEE, chain.code(chain.newEd25519(), decryptionBy(1)));
    }
  }

  /** The mempool's executor: remembered verdicts and proofs deferred to block execution. */
  @Nested
  class CheckingExecutor {
    private ContractExecutor checking() {
      return ContractExecutor.forChecking(
          new GenesisConfig(
              TestChain.CHAIN_ID,
              chain.officials.stream().map(Ed25519Signer::publicKey).toList(),
              2,
              TestChain.PARAMS),
          16);
    }

    private EncryptedBallot spliced() {
      EncryptedBallot good = ballot(0, true);
      EncryptedBallot other = ballot(1, false);
      return new EncryptedBallot(
          good.ballotId(), E, List.of(good.contests().get(0), other.contests().get(1)));
    }

    @Test
    void aRememberedVerdictNeverAnswersForAnotherBallot() {
      electionWithTrustees(RevotePolicy.LAST_VOTE_COUNTS);
      ceremonyAndOpen();
      ContractExecutor checking = checking();
      Ed25519Signer v = voters.get(0);
      EncryptedBallot good = ballot(0, true);
      var valid = chain.sign(v, new CastBallot(E, v.publicKey(), good));
      assertEquals(ErrorCode.OK, checking.validate(valid, chain.state).code());
      assertEquals(ErrorCode.OK, checking.validate(valid, chain.state).code());
      // Same ballot id and the first contest of the remembered ballot: still verified afresh.
      EncryptedBallot tampered =
          new EncryptedBallot(
              good.ballotId(),
              E,
              List.of(good.contests().get(0), ballot(1, false).contests().get(1)));
      var bad = chain.sign(v, new CastBallot(E, v.publicKey(), tampered));
      assertEquals(ErrorCode.BALLOT_INVALID, checking.validate(bad, chain.state).code());
      assertEquals(ErrorCode.BALLOT_INVALID, checking.validate(bad, chain.state).code());
    }

    @Test
    void aRememberedSignatureNeverAnswersForAChangedTransaction() {
      electionWithTrustees(RevotePolicy.LAST_VOTE_COUNTS);
      ceremonyAndOpen();
      ContractExecutor checking = checking();
      Ed25519Signer v = voters.get(0);
      var valid = chain.sign(v, new CastBallot(E, v.publicKey(), ballot(0, true)));
      assertEquals(ErrorCode.OK, checking.validate(valid, chain.state).code());
      byte[] encoded = valid.encode();
      encoded[encoded.length - 1] ^= 1; // the last byte of the signature
      var forged = io.votechain.tx.SignedTransaction.decode(encoded);
      assertEquals(ErrorCode.BAD_SIGNATURE, checking.validate(forged, chain.state).code());
      assertEquals(
          ErrorCode.BAD_SIGNATURE, checking.validateDeferringProofs(forged, chain.state).code());
    }

    @Test
    void signaturesVerifiedAheadGiveTheVerdictsTheChecksWouldGive() throws Exception {
      electionWithTrustees(RevotePolicy.LAST_VOTE_COUNTS);
      ceremonyAndOpen();
      ContractExecutor checking = checking();
      Ed25519Signer v = voters.get(0);
      var valid = chain.sign(v, new CastBallot(E, v.publicKey(), ballot(0, true)));
      byte[] encoded = valid.encode();
      encoded[encoded.length - 1] ^= 1; // the last byte of the signature
      var forged = io.votechain.tx.SignedTransaction.decode(encoded);
      // From two threads at once, as a node's submission and relay checks do, without a lock.
      Thread other = new Thread(() -> checking.verifySignaturesAhead(List.of(forged, valid)));
      other.start();
      checking.verifySignaturesAhead(List.of(valid, forged));
      other.join();
      assertEquals(ErrorCode.OK, checking.validate(valid, chain.state).code());
      assertEquals(ErrorCode.BAD_SIGNATURE, checking.validate(forged, chain.state).code());
    }

    @Test
    void deferredProofsAreVerifiedByBlockExecution() {
      electionWithTrustees(RevotePolicy.LAST_VOTE_COUNTS);
      ceremonyAndOpen();
      ContractExecutor checking = checking();
      Ed25519Signer v = voters.get(0);
      var bad = chain.sign(v, new CastBallot(E, v.publicKey(), spliced()));
      assertEquals(ErrorCode.OK, checking.validateDeferringProofs(bad, chain.state).code());
      assertEquals(ErrorCode.BALLOT_INVALID, checking.validate(bad, chain.state).code());
      assertEquals(ErrorCode.BALLOT_INVALID, chain.block(List.of(bad)).receipts().get(0).code());
      // Everything that depends on the state is still checked: the nonce is used now.
      assertEquals(ErrorCode.BAD_NONCE, checking.validateDeferringProofs(bad, chain.state).code());
    }

    @Test
    void proofsVerifiedInABatchAreRememberedBallotByBallot() {
      electionWithTrustees(RevotePolicy.LAST_VOTE_COUNTS);
      ceremonyAndOpen();
      ContractExecutor checking = checking();
      var first =
          chain.sign(voters.get(0), new CastBallot(E, voters.get(0).publicKey(), ballot(0, true)));
      var bad = chain.sign(voters.get(1), new CastBallot(E, voters.get(1).publicKey(), spliced()));
      var third =
          chain.sign(voters.get(2), new CastBallot(E, voters.get(2).publicKey(), ballot(1, false)));
      ProofVerdicts verdicts =
          ContractExecutor.verifyProofs(List.of(first, bad, third), chain.state);
      assertEquals(3, verdicts.size());
      assertEquals(1, verdicts.byBallotHash().values().stream().filter(v -> !v.isValid()).count());
      checking.rememberProofVerdicts(verdicts);
      assertEquals(ErrorCode.OK, checking.validate(first, chain.state).code());
      assertEquals(ErrorCode.BALLOT_INVALID, checking.validate(bad, chain.state).code());
      assertEquals(ErrorCode.OK, checking.validate(third, chain.state).code());
    }

    @Test
    void aLoneBallotIsABatchOfOneWithTheOneByOneVerdict() {
      electionWithTrustees(RevotePolicy.LAST_VOTE_COUNTS);
      ceremonyAndOpen();
      var bad = chain.sign(voters.get(1), new CastBallot(E, voters.get(1).publicKey(), spliced()));
      var good =
          chain.sign(voters.get(0), new CastBallot(E, voters.get(0).publicKey(), ballot(0, true)));
      EncryptionContext context = ElectionCrypto.context(chain.state, E);
      io.votechain.ballot.BallotStyle style =
          ElectionCrypto.style(ElectionContract.manifest(chain.state, E).orElseThrow());
      for (var tx : List.of(bad, good)) {
        EncryptedBallot ballot = ((CastBallot) tx.body()).ballot();
        ProofVerdicts lone = ContractExecutor.verifyProofs(List.of(tx), chain.state);
        assertEquals(1, lone.size(), "a lone ballot is verified in a batch of one");
        assertEquals(
            io.votechain.ballot.BallotVerifier.verify(context, style, ballot),
            lone.byBallotHash().get(ballot.hash(context.extendedBaseHash())),
            "the one-by-one verdict, reason included");
      }
      assertEquals(ErrorCode.BALLOT_INVALID, checking().validate(bad, chain.state).code());
    }

    @Test
    void theSharedContextIsBuiltOnceAndIsTheElectionsContext() {
      electionWithTrustees(RevotePolicy.LAST_VOTE_COUNTS);
      ceremonyAndOpen();
      EncryptionContext shared = ElectionCrypto.sharedContext(chain.state, E);
      assertSame(shared, ElectionCrypto.sharedContext(chain.state, E));
      EncryptionContext fresh = ElectionCrypto.context(chain.state, E);
      assertEquals(fresh.extendedBaseHash(), shared.extendedBaseHash());
      assertEquals(fresh.electionKey().point(), shared.electionKey().point());
    }

    @Test
    void blocksVerifiedInParallelGiveTheSameReceiptsAndStateHashes() throws Exception {
      electionWithTrustees(RevotePolicy.LAST_VOTE_COUNTS);
      ceremonyAndOpen();
      List<io.votechain.tx.SignedTransaction> casts = new java.util.ArrayList<>();
      for (int i = 0; i < voters.size(); i++) {
        Ed25519Signer v = voters.get(i);
        casts.add(
            chain.sign(
                v, new CastBallot(E, v.publicKey(), i == 1 ? spliced() : ballot(i % 2, true))));
      }
      chain.block(casts);
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(3);
      try {
        List<BlockResult> parallel =
            chain.replayOn(
                ContractExecutor.forExecution(chain.genesis(), pool, 3),
                new io.votechain.state.InMemoryState());
        List<BlockResult> alone =
            chain.replayOnFreshValidator(new io.votechain.state.InMemoryState(), true);
        assertEquals(alone.size(), parallel.size());
        for (int i = 0; i < alone.size(); i++) {
          assertEquals(alone.get(i).stateHash(), parallel.get(i).stateHash());
          assertEquals(alone.get(i).receipts(), parallel.get(i).receipts());
        }
        List<TxReceipt> last = parallel.get(parallel.size() - 1).receipts();
        assertEquals(ErrorCode.BALLOT_INVALID, last.get(1).code());
        assertEquals(2, last.stream().filter(r -> r.code() == ErrorCode.OK).count());
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    void blockExecutionTakesTheVerdictsTheChecksRememberedAndVerifiesTheOthers() {
      electionWithTrustees(RevotePolicy.LAST_VOTE_COUNTS);
      ceremonyAndOpen();
      List<io.votechain.tx.SignedTransaction> casts = new ArrayList<>();
      for (int i = 0; i < voters.size(); i++) {
        Ed25519Signer v = voters.get(i);
        casts.add(
            chain.sign(
                v, new CastBallot(E, v.publicKey(), i == 1 ? spliced() : ballot(i % 2, true))));
      }
      Hash32 he = context().extendedBaseHash();
      CastBallot first = (CastBallot) casts.get(0).body();
      // What the checks remembered for the first ballot, made false on purpose: if execution
      // takes it, the valid first ballot is refused, which a fresh verification would never do.
      ContractExecutor checking = checking();
      checking.rememberProofVerdicts(
          new ProofVerdicts(
              java.util.Map.of(
                  first.ballot().hash(he),
                  new io.votechain.ballot.BallotVerification(
                      io.votechain.ballot.BallotVerification.Reason.SELECTION_PROOF_INVALID,
                      0,
                      0,
                      new io.votechain.crypto.proof.RangeProofResult(
                          io.votechain.crypto.proof.RangeProofResult.Reason.CHALLENGE_MISMATCH,
                          0)))));
      chain.block(casts);
      List<TxReceipt> fresh =
          lastBlock(chain.replayOnFreshValidator(new io.votechain.state.InMemoryState(), true));
      List<TxReceipt> consulting =
          lastBlock(
              chain.replayOn(
                  ContractExecutor.forExecution(chain.genesis(), Runnable::run, 1, checking),
                  new io.votechain.state.InMemoryState()));
      assertEquals(ErrorCode.OK, fresh.get(0).code());
      assertEquals(ErrorCode.BALLOT_INVALID, consulting.get(0).code(), "the remembered verdict");
      for (int i = 1; i < casts.size(); i++) {
        // The ballots the checks never saw are verified by the block's batch, as without them.
        assertEquals(fresh.get(i), consulting.get(i));
      }
      assertEquals(ErrorCode.BALLOT_INVALID, consulting.get(1).code());
    }

    private List<TxReceipt> lastBlock(List<BlockResult> results) {
      return results.get(results.size() - 1).receipts();
    }

    @Test
    void deferringProofsStillChecksTheRoll() {
      electionWithTrustees(RevotePolicy.LAST_VOTE_COUNTS);
      ceremonyAndOpen();
      Ed25519Signer stranger = chain.newEd25519();
      var tx = chain.sign(stranger, new CastBallot(E, stranger.publicKey(), ballot(0, true)));
      assertEquals(
          ErrorCode.UNKNOWN_CREDENTIAL, checking().validateDeferringProofs(tx, chain.state).code());
    }
  }
}
