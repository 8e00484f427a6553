package io.votechain.verifier;

import io.votechain.ballot.BallotBatchVerifier;
import io.votechain.ballot.BallotStyle;
import io.votechain.ballot.BallotVerification;
import io.votechain.ballot.BallotVerifier;
import io.votechain.ballot.EncryptionContext;
import io.votechain.ballot.SpoiledBallotCheck;
import io.votechain.contract.ElectionCrypto;
import io.votechain.contract.ElectionStatus;
import io.votechain.contract.GenesisConfig;
import io.votechain.contract.RevoteRule;
import io.votechain.crypto.dlog.DiscreteLog;
import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.elgamal.ElectionKey;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.proof.ChaumPedersenProof;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.threshold.CeremonyParameters;
import io.votechain.crypto.threshold.JointElectionKey;
import io.votechain.crypto.threshold.KeyCeremony;
import io.votechain.crypto.threshold.KeyCeremonyAnnouncement;
import io.votechain.crypto.threshold.PartialDecryption;
import io.votechain.crypto.threshold.ThresholdDecryption;
import io.votechain.encoding.EncodingException;
import io.votechain.record.ElectionRecordReader;
import io.votechain.record.ElectionRecordWriter;
import io.votechain.record.KeyTable;
import io.votechain.record.RecordSection;
import io.votechain.record.RecordedTransaction;
import io.votechain.record.TransactionRole;
import io.votechain.record.chain.ChainCertificate;
import io.votechain.record.chain.ChainGenesis;
import io.votechain.record.chain.ChainHeader;
import io.votechain.tx.AddCredentials;
import io.votechain.tx.AnnounceKey;
import io.votechain.tx.Approve;
import io.votechain.tx.CheckIn;
import io.votechain.tx.Complain;
import io.votechain.tx.DiscloseShare;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.Propose;
import io.votechain.tx.PublishDecryption;
import io.votechain.tx.PublishShares;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.SpoilBallot;
import io.votechain.tx.TxKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.RevotePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Implements the independent verification of an election record (docs/election-record.md §5): reads
 * the record once, as a stream, and replays the election's rules from the certified transactions
 * alone — chain links and quorum certificates, inclusion, signatures, governance, key ceremony,
 * eligibility, every ballot's proofs, uniqueness, the re-vote policy, the aggregate, spoiled
 * ballots, partial decryptions and the result — then compares what it recomputed with the record's
 * summary. It never stops at the first failure: every step is reported with the offending items.
 *
 * <p>Threads: cast ballots are decoded and batch-verified in chunks on a fixed pool of {@code
 * threads} workers ({@link BallotChunk}); the order-dependent rules run on the calling thread in
 * record order, so the verdict does not depend on the number of threads. One instance verifies one
 * record at a time.
 */
public final class ElectionRecordVerifier {
  static final int CHUNK = 256;
  private static final long PROGRESS_EVERY = 10_000;

  private final int threads;
  private final Consumer<String> progress;

  public ElectionRecordVerifier(int threads, Consumer<String> progress) {
    if (threads < 1) {
      throw new IllegalArgumentException("at least one thread");
    }
    this.threads = threads;
    this.progress = progress;
  }

  /** The verdict and, when the record could be read far enough, what was recomputed. */
  public record Verification(VerificationReport report, Optional<VerifiedElection> election) {}

  public Verification verify(InputStream record) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = Executors.defaultThreadFactory().newThread(r);
              t.setDaemon(true);
              t.setName("verifier-" + t.getId());
              return t;
            });
    try {
      Run run = new Run(pool);
      run.read(new ElectionRecordReader(record));
      return new Verification(run.report, run.election());
    } finally {
      pool.shutdownNow();
    }
  }

  /** The state of one verification. */
  private final class Run {
    final VerificationReport report = new VerificationReport();
    final ExecutorService pool;

    String electionId;
    ChainGenesis chain;
    GenesisConfig contracts;
    Set<Ed25519PublicKey> officials = Set.of();

    // chain
    long height;
    Hash32 previousHash;
    long sequence;

    // governance
    final Map<Hash32, Proposal> proposals = new HashMap<>();
    ElectionManifest manifest;
    ElectionStatus status;
    List<Ed25519PublicKey> trustees = List.of();
    int threshold;
    CeremonyParameters parameters;
    final TreeMap<Integer, KeyCeremonyAnnouncement> announcements = new TreeMap<>();
    JointElectionKey joint;
    EncryptionContext context;
    BallotStyle style;
    BallotBatchVerifier batchVerifier;
    int selections;

    // ballots
    final KeyTable roll = new KeyTable();
    final KeyTable checkIns = new KeyTable();
    final KeyTable ballotHashes = new KeyTable();
    final KeyTable ballotIds = new KeyTable();
    final KeyTable votes = new KeyTable(); // credential → 1 | channel << 1 | counted << 2
    final ArrayDeque<CompletableFuture<BallotChunk.Result>> inFlight = new ArrayDeque<>();
    List<BallotChunk.Pending> pending = new ArrayList<>();
    Ciphertext[] aggregate;
    long ballotsDone;
    long spoiled;

    // tally
    final TreeMap<Integer, List<PartialDecryption>> decryptions = new TreeMap<>();
    List<Long> result;
    long talliedAt;

    RecordSection.Summary summary;

    Run(ExecutorService pool) {
      this.pool = pool;
    }

    void read(ElectionRecordReader reader) {
      long sections = 0;
      boolean ended = false;
      try {
        Optional<RecordSection> first = reader.next();
        if (first.isEmpty() || !(first.get() instanceof RecordSection.Header header)) {
          report.fail(Step.RECORD, "section 1", "the record does not start with its header");
          return;
        }
        if (header.version() != ElectionRecordWriter.VERSION) {
          report.fail(Step.RECORD, "header", "unsupported version " + header.version());
          return;
        }
        electionId = header.electionId();
        sections++;
        Optional<RecordSection> second = reader.next();
        if (second.isEmpty() || !(second.get() instanceof RecordSection.Genesis genesis)) {
          report.fail(Step.RECORD, "section 2", "the genesis section is missing");
          return;
        }
        sections++;
        genesis(genesis);
        for (Optional<RecordSection> s = reader.next(); s.isPresent(); s = reader.next()) {
          RecordSection section = s.get();
          if (ended) {
            report.fail(Step.RECORD, "offset " + reader.offset(), "data after the end section");
            break;
          }
          if (section instanceof RecordSection.Block block && summary == null) {
            block(block);
          } else if (section instanceof RecordSection.Summary sum && summary == null) {
            drainAll();
            summary = sum;
            compareWithSummary();
          } else if (section instanceof RecordSection.End end) {
            report.check(
                Step.RECORD,
                end.sections() == sections,
                "end section",
                "announces " + end.sections() + " sections, the record has " + sections);
            ended = true;
            continue;
          } else {
            report.fail(Step.RECORD, "section " + (sections + 1), "out of order");
          }
          sections++;
        }
      } catch (IOException | EncodingException e) {
        report.fail(Step.RECORD, "offset " + reader.offset(), "unreadable: " + e.getMessage());
      }
      drainAll();
      report.check(Step.RECORD, summary != null, "summary", "the summary section is missing");
      report.check(Step.RECORD, ended, "end", "the record is truncated (no end section)");
    }

    Optional<VerifiedElection> election() {
      if (manifest == null) {
        return Optional.empty();
      }
      return Optional.of(
          new VerifiedElection(
              manifest,
              status,
              result == null ? List.of() : result,
              votes.size(),
              spoiled,
              talliedAt));
    }

    // ---- chain -------------------------------------------------------------------------------

    void genesis(RecordSection.Genesis g) {
      try {
        chain = ChainGenesis.decode(g.consensusGenesis());
        report.checked(Step.CHAIN);
      } catch (EncodingException e) {
        report.fail(Step.CHAIN, "genesis", "consensus genesis does not decode: " + e.getMessage());
        throw e;
      }
      contracts = g.contracts();
      officials = new LinkedHashSet<>(contracts.officials());
      previousHash = chain.chainId();
    }

    void block(RecordSection.Block block) {
      long expected = height + 1;
      String where = "block " + expected;
      ChainHeader header;
      try {
        header = ChainHeader.decode(block.header());
      } catch (EncodingException e) {
        report.fail(Step.CHAIN, where, "header does not decode: " + e.getMessage());
        height = expected;
        previousHash = Hash32.ZERO;
        return;
      }
      where = "block " + header.height();
      report.check(Step.CHAIN, header.height() == expected, where, "expected height " + expected);
      report.check(
          Step.CHAIN,
          header.chainId().equals(chain.chainId()),
          where,
          "header names another chain");
      report.check(
          Step.CHAIN,
          header.previousBlockHash().equals(previousHash),
          where,
          "previous-block hash does not match the hash of block " + (header.height() - 1));
      Hash32 hash = header.hash();
      String problem;
      try {
        problem =
            ChainCertificate.decode(block.certificate()).problem(chain, header.height(), hash);
      } catch (EncodingException e) {
        problem = "certificate does not decode: " + e.getMessage();
      }
      report.check(Step.CERTIFICATES, problem == null, where, String.valueOf(problem));
      height = header.height();
      previousHash = hash;

      int lastIndex = -1;
      for (RecordedTransaction t : block.transactions()) {
        String item = where + " tx " + t.index();
        boolean inRange = t.index() > lastIndex && t.index() < header.transactionCount();
        boolean included =
            inRange
                && t.proof(header.transactionCount())
                    .verify(t.transaction(), header.transactionsRoot());
        report.check(
            Step.INCLUSION,
            included,
            item,
            inRange
                ? "audit path does not lead to the header's transaction root"
                : "index out of order or beyond the block's " + header.transactionCount());
        lastIndex = Math.max(lastIndex, t.index());
        transaction(item, header, t);
      }
    }

    // ---- transactions --------------------------------------------------------------------------

    void transaction(String item, ChainHeader header, RecordedTransaction t) {
      sequence++;
      byte[] bytes = t.transaction();
      if (t.role() != TransactionRole.EFFECTIVE || isCastBallot(bytes)) {
        castBallot(item, header, t, bytes);
        return;
      }
      SignedTransaction tx;
      try {
        tx = SignedTransaction.decode(bytes);
      } catch (EncodingException e) {
        report.fail(Step.TRANSACTIONS, item, "does not decode: " + e.getMessage());
        return;
      }
      report.check(
          Step.TRANSACTIONS,
          tx.verifySignature(contracts.chainId()),
          item,
          "bad signature for chain " + contracts.chainId());
      Object body = tx.body();
      if (body instanceof Propose p) {
        propose(item, header, tx, p);
      } else if (body instanceof Approve a) {
        approve(item, header, tx, a);
      } else if (body instanceof AnnounceKey a && concerns(item, a.electionId())) {
        announce(item, tx, a);
      } else if (body instanceof PublishShares s && concerns(item, s.electionId())) {
        report.check(Step.KEY_CEREMONY, trusteeIndex(tx) > 0, item, "shares not from a trustee");
      } else if (body instanceof Complain c && concerns(item, c.electionId())) {
        report.check(Step.KEY_CEREMONY, trusteeIndex(tx) > 0, item, "complaint not from a trustee");
      } else if (body instanceof DiscloseShare d && concerns(item, d.electionId())) {
        disclose(item, tx, d);
      } else if (body instanceof AddCredentials a && concerns(item, a.electionId())) {
        boolean official = tx.signer() instanceof Ed25519PublicKey k && officials.contains(k);
        if (report.check(
            Step.ELIGIBILITY, official, item, "credentials not added by an official")) {
          for (Ed25519PublicKey c : a.credentials()) {
            if (!roll.contains(c.encoded())) {
              roll.put(c.encoded(), sequence);
            }
          }
        }
      } else if (body instanceof CheckIn c && concerns(item, c.electionId())) {
        if (!checkIns.contains(c.credential().encoded())) {
          checkIns.put(c.credential().encoded(), sequence);
        }
      } else if (body instanceof SpoilBallot s && concerns(item, s.electionId())) {
        spoil(item, s);
      } else if (body instanceof PublishDecryption d && concerns(item, d.electionId())) {
        decryption(item, header, tx, d);
      } else if (!(body instanceof AnnounceKey
          || body instanceof PublishShares
          || body instanceof Complain
          || body instanceof DiscloseShare
          || body instanceof AddCredentials
          || body instanceof CheckIn
          || body instanceof SpoilBallot
          || body instanceof PublishDecryption)) {
        report.fail(Step.TRANSACTIONS, item, tx.kind() + " has no place in an election record");
      }
    }

    boolean concerns(String item, String id) {
      return report.check(Step.TRANSACTIONS, id.equals(electionId), item, "about election " + id);
    }

    boolean isCastBallot(byte[] tx) {
      // signer tag, key, nonce, kind: peeked to route ballots to the workers undecoded.
      try {
        io.votechain.encoding.CanonicalReader r = new io.votechain.encoding.CanonicalReader(tx);
        io.votechain.crypto.sig.SignatureAlgorithm a =
            io.votechain.crypto.sig.SignatureAlgorithm.ofTag(r.u8());
        if (a == null) {
          return false;
        }
        r.fixed(a.publicKeyLength());
        r.varint(Long.MAX_VALUE);
        return r.u8() == TxKind.CAST_BALLOT.tag();
      } catch (EncodingException e) {
        return false;
      }
    }

    int trusteeIndex(SignedTransaction tx) {
      return trustees.indexOf(tx.signer()) + 1;
    }

    // ---- governance --------------------------------------------------------------------------

    final class Proposal {
      final GovernedAction action;
      final long expiresAt;
      final Set<Ed25519PublicKey> approvals = new LinkedHashSet<>();
      boolean executed;

      Proposal(GovernedAction action, long expiresAt) {
        this.action = action;
        this.expiresAt = expiresAt;
      }
    }

    void propose(String item, ChainHeader header, SignedTransaction tx, Propose p) {
      boolean official = tx.signer() instanceof Ed25519PublicKey k && officials.contains(k);
      if (!report.check(Step.GOVERNANCE, official, item, "proposal not by an official")) {
        return;
      }
      Proposal proposal = new Proposal(p.action(), p.expiresAtHeight());
      proposal.approvals.add((Ed25519PublicKey) tx.signer());
      proposals.put(tx.id(), proposal);
      maybeExecute(item, header, proposal);
    }

    void approve(String item, ChainHeader header, SignedTransaction tx, Approve a) {
      Proposal proposal = proposals.get(a.proposalId());
      if (!report.check(Step.GOVERNANCE, proposal != null, item, "approves an unknown proposal")) {
        return;
      }
      boolean official = tx.signer() instanceof Ed25519PublicKey k && officials.contains(k);
      report.check(Step.GOVERNANCE, official, item, "approval not by an official");
      report.check(
          Step.GOVERNANCE, header.height() <= proposal.expiresAt, item, "approval after expiry");
      if (official && header.height() <= proposal.expiresAt) {
        proposal.approvals.add((Ed25519PublicKey) tx.signer());
        maybeExecute(item, header, proposal);
      }
    }

    void maybeExecute(String item, ChainHeader header, Proposal proposal) {
      if (proposal.executed || proposal.approvals.size() < contracts.threshold()) {
        return;
      }
      proposal.executed = true;
      GovernedAction action = proposal.action;
      if (action instanceof GovernedAction.CreateElection c) {
        if (report.check(Step.GOVERNANCE, manifest == null, item, "election created twice")
            && report.check(
                Step.GOVERNANCE,
                c.manifest().electionId().equals(electionId),
                item,
                "creates another election")) {
          manifest = c.manifest();
          status = ElectionStatus.DRAFT;
          report.check(
              Step.GOVERNANCE,
              manifest.problem().isEmpty(),
              item,
              "invalid manifest: " + manifest.problem().orElse(""));
        }
      } else if (action instanceof GovernedAction.AmendElection a) {
        if (transition(item, ElectionStatus.DRAFT, ElectionStatus.DRAFT)) {
          manifest = a.manifest();
        }
      } else if (action instanceof GovernedAction.RegisterTrustees r) {
        if (transition(item, ElectionStatus.DRAFT, ElectionStatus.KEY_CEREMONY)) {
          trustees = r.trustees();
          threshold = r.threshold();
          boolean valid = threshold >= 1 && threshold <= trustees.size();
          if (report.check(Step.KEY_CEREMONY, valid, item, "threshold out of range")) {
            parameters =
                new CeremonyParameters(
                    ElectionCrypto.electionBaseHash(manifest, trustees.size(), threshold),
                    trustees.size(),
                    threshold);
          }
        }
      } else if (action instanceof GovernedAction.OpenElection) {
        if (transition(item, ElectionStatus.KEY_CEREMONY, ElectionStatus.OPEN)) {
          report.check(Step.GOVERNANCE, joint != null, item, "opened before the joint key existed");
          report.check(
              Step.GOVERNANCE,
              header.timestamp() >= manifest.votingStart()
                  && header.timestamp() < manifest.votingEnd(),
              item,
              "opened outside the voting window");
        }
      } else if (action instanceof GovernedAction.CloseElection) {
        drainAll();
        if (transition(item, ElectionStatus.OPEN, ElectionStatus.CLOSED)) {
          report.check(
              Step.GOVERNANCE,
              header.timestamp() >= manifest.votingEnd(),
              item,
              "closed before the end of the voting window");
        }
      } else if (action instanceof GovernedAction.CertifyElection) {
        transition(item, ElectionStatus.TALLIED, ElectionStatus.CERTIFIED);
      }
    }

    /** The lifecycle step of docs/contracts.md §3.2; on success the status moves to {@code to}. */
    boolean transition(String item, ElectionStatus from, ElectionStatus to) {
      boolean legal =
          report.check(
              Step.GOVERNANCE,
              manifest != null && status == from,
              item,
              "moves the election to " + to + " from " + status);
      if (legal) {
        status = to;
      }
      return legal;
    }

    // ---- key ceremony ------------------------------------------------------------------------

    void announce(String item, SignedTransaction tx, AnnounceKey a) {
      KeyCeremonyAnnouncement announcement = a.announcement();
      int dealer = announcement.dealer();
      if (!report.check(
          Step.KEY_CEREMONY,
          status == ElectionStatus.KEY_CEREMONY && parameters != null,
          item,
          "announcement outside the key ceremony")) {
        return;
      }
      report.check(
          Step.KEY_CEREMONY, trusteeIndex(tx) == dealer, item, "not signed by trustee " + dealer);
      KeyCeremony.AnnouncementVerification v =
          KeyCeremony.verifyAnnouncement(parameters, announcement);
      report.check(
          Step.KEY_CEREMONY, v.isValid(), item, "announcement of trustee " + dealer + ": " + v);
      boolean fresh = !announcements.containsKey(dealer);
      report.check(Step.KEY_CEREMONY, fresh, item, "second announcement of trustee " + dealer);
      if (v.isValid() && fresh && trusteeIndex(tx) == dealer) {
        announcements.put(dealer, announcement);
      }
      if (announcements.size() == trustees.size() && joint == null) {
        joint = KeyCeremony.jointKey(parameters, List.copyOf(announcements.values()));
        context =
            new EncryptionContext(joint.extendedBaseHash(), new ElectionKey(joint.publicKey()));
        style = ElectionCrypto.style(manifest);
        selections = ElectionCrypto.selectionCount(manifest);
        batchVerifier = new BallotBatchVerifier(context);
        aggregate = new Ciphertext[selections];
        java.util.Arrays.fill(aggregate, Ciphertext.ZERO);
      }
    }

    void disclose(String item, SignedTransaction tx, DiscloseShare d) {
      int dealer = trusteeIndex(tx);
      KeyCeremonyAnnouncement a = announcements.get(dealer);
      report.check(
          Step.KEY_CEREMONY,
          a != null && KeyCeremony.verifyShare(a, d.recipient(), d.share()),
          item,
          "disclosed share does not match trustee " + dealer + "'s commitments");
    }

    // ---- ballots -----------------------------------------------------------------------------

    void castBallot(String item, ChainHeader header, RecordedTransaction t, byte[] bytes) {
      if (!report.check(
          Step.ELIGIBILITY, context != null, item, "ballot before the key ceremony completed")) {
        return;
      }
      report.check(
          Step.RECORD,
          t.role() != TransactionRole.EFFECTIVE,
          item,
          "a cast ballot must be marked counted or superseded");
      pending.add(
          new BallotChunk.Pending(
              sequence, item, header.timestamp(), t.role(), status == ElectionStatus.OPEN, bytes));
      if (pending.size() >= CHUNK) {
        submit();
      }
    }

    void submit() {
      if (pending.isEmpty()) {
        return;
      }
      List<BallotChunk.Pending> chunk = pending;
      pending = new ArrayList<>();
      String id = electionId;
      String chainId = contracts.chainId();
      Hash32 he = context.extendedBaseHash();
      BallotStyle s = style;
      BallotBatchVerifier verifier = batchVerifier;
      int n = selections;
      inFlight.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return BallotChunk.verify(chunk, id, chainId, he, s, verifier, n);
                } catch (RuntimeException e) {
                  // Not expected for any input (decoding throws only EncodingException, caught
                  // per ballot); if it happens the chunk fails rather than the whole run.
                  return BallotChunk.unverifiable(chunk, n, e);
                }
              },
              pool));
      while (inFlight.size() > 2 * threads) {
        consume(inFlight.poll().join());
      }
    }

    void drainAll() {
      if (context == null) {
        return;
      }
      submit();
      while (!inFlight.isEmpty()) {
        consume(inFlight.poll().join());
      }
    }

    void consume(BallotChunk.Result chunk) {
      for (int i = 0; i < selections; i++) {
        aggregate[i] = aggregate[i].add(chunk.countedSum()[i]);
      }
      for (BallotChunk.Outcome o : chunk.outcomes()) {
        outcome(o);
        if (++ballotsDone % PROGRESS_EVERY == 0) {
          progress.accept("verified " + ballotsDone + " ballots");
        }
      }
    }

    void outcome(BallotChunk.Outcome o) {
      BallotChunk.Pending p = o.pending();
      String item = p.item();
      if (!report.check(
          Step.TRANSACTIONS, o.credential() != null, item, String.valueOf(o.problem()))) {
        return;
      }
      report.check(Step.TRANSACTIONS, o.signatureValid(), item, "bad signature");
      report.check(Step.ELIGIBILITY, o.problem() == null, item, String.valueOf(o.problem()));
      report.check(
          Step.BALLOT_PROOFS,
          o.verdict().isValid(),
          item,
          "ballot "
              + o.ballotHash().hex().substring(0, 16)
              + ": "
              + o.verdict().reason()
              + " at contest "
              + o.verdict().contest()
              + ", selection "
              + o.verdict().selection());
      report.check(
          Step.ELIGIBILITY, p.electionOpen(), item, "cast while the election was not OPEN");
      report.check(
          Step.ELIGIBILITY,
          p.timestamp() >= manifest.votingStart() && p.timestamp() < manifest.votingEnd(),
          item,
          "cast outside the voting window");
      long added = roll.get(o.credential(), Long.MAX_VALUE);
      report.check(Step.ELIGIBILITY, added < p.sequence(), item, "credential not on the roll");
      if (o.inPerson()) {
        long checkedIn = checkIns.get(o.credential(), Long.MAX_VALUE);
        report.check(Step.ELIGIBILITY, checkedIn < p.sequence(), item, "voter not checked in");
      }
      report.check(
          Step.UNIQUENESS,
          ballotHashes.put(o.ballotHash().bytes(), p.sequence()),
          item,
          "ballot " + o.ballotHash().hex().substring(0, 16) + " recorded twice");
      report.check(
          Step.UNIQUENESS,
          ballotIds.put(o.ballotIdHash().bytes(), p.sequence()),
          item,
          "ballot id recorded twice");
      revote(item, o);
    }

    /** docs/contracts.md §4.4, with the roles the record declares (docs/election-record.md §3). */
    void revote(String item, BallotChunk.Outcome o) {
      long state = votes.get(o.credential(), 0);
      RevoteRule.Channel channel =
          o.inPerson() ? RevoteRule.Channel.IN_PERSON : RevoteRule.Channel.WEB;
      Optional<RevoteRule.Channel> counted =
          state == 0
              ? Optional.empty()
              : Optional.of(
                  (state & 2) != 0 ? RevoteRule.Channel.IN_PERSON : RevoteRule.Channel.WEB);
      RevotePolicy policy = manifest.revotePolicy();
      RevoteRule.Decision decision = RevoteRule.decide(policy, counted, channel);
      report.check(
          Step.REVOTE,
          decision.outcome() != RevoteRule.Outcome.REJECTED,
          item,
          "a second ballot of the credential is not allowed (" + decision.code() + ")");
      report.check(
          Step.REVOTE,
          state == 0 || (state & 4) == 0,
          item,
          "supersedes a ballot the record marks as counted");
      boolean countedNow = o.pending().role() == TransactionRole.COUNTED;
      votes.put(o.credential(), 1 | (o.inPerson() ? 2 : 0) | (countedNow ? 4 : 0));
    }

    void spoil(String item, SpoilBallot s) {
      if (!report.check(Step.SPOILED, context != null, item, "spoiled before the key ceremony")) {
        return;
      }
      report.check(
          Step.SPOILED,
          status == ElectionStatus.OPEN,
          item,
          "spoiled while the election was " + status);
      BallotVerification v = BallotVerifier.verify(context, style, s.ballot());
      report.check(Step.SPOILED, v.isValid(), item, "ballot proofs: " + v.reason());
      SpoiledBallotCheck.Result check =
          SpoiledBallotCheck.check(context, style, s.ballot(), s.nonces(), s.plaintext());
      report.check(
          Step.SPOILED,
          check.matches(),
          item,
          "nonces do not open it to the stated plaintext: "
              + check.reason()
              + " at contest "
              + check.contest()
              + ", selection "
              + check.selection());
      Hash32 hash = s.ballot().hash(context.extendedBaseHash());
      report.check(
          Step.UNIQUENESS, ballotHashes.put(hash.bytes(), sequence), item, "ballot recorded twice");
      report.check(
          Step.UNIQUENESS,
          ballotIds.put(
              Sha256.hash(s.ballot().ballotId().getBytes(StandardCharsets.UTF_8)).bytes(),
              sequence),
          item,
          "ballot id recorded twice");
      spoiled++;
    }

    // ---- tally -------------------------------------------------------------------------------

    void decryption(String item, ChainHeader header, SignedTransaction tx, PublishDecryption d) {
      drainAll();
      int trustee = trusteeIndex(tx);
      if (!report.check(Step.DECRYPTIONS, trustee > 0, item, "not signed by a trustee")
          || !report.check(
              Step.DECRYPTIONS,
              status == ElectionStatus.CLOSED && joint != null,
              item,
              "decryption while the election was " + status)
          || !report.check(
              Step.DECRYPTIONS,
              !decryptions.containsKey(trustee),
              item,
              "second decryption of trustee " + trustee)
          || !report.check(
              Step.DECRYPTIONS,
              d.partials().size() == selections,
              item,
              d.partials().size() + " partial decryptions for " + selections + " selections")) {
        return;
      }
      for (int i = 0; i < selections; i++) {
        PartialDecryption partial = d.partials().get(i);
        String where = item + " selection " + i;
        if (report.check(
            Step.DECRYPTIONS,
            partial.trustee() == trustee,
            where,
            "names trustee " + partial.trustee())) {
          ChaumPedersenProof.Verification v = partial.verify(joint, aggregate[i]);
          report.check(
              Step.DECRYPTIONS, v.isValid(), where, "trustee " + trustee + "'s proof: " + v);
        }
      }
      decryptions.put(trustee, d.partials());
      if (decryptions.size() == threshold) {
        tally(header);
      }
    }

    void tally(ChainHeader header) {
      DiscreteLog dlog = DiscreteLog.forBound(Math.max(1, votes.size()));
      List<Long> counts = new ArrayList<>(selections);
      for (int i = 0; i < selections; i++) {
        List<PartialDecryption> partials = new ArrayList<>();
        for (List<PartialDecryption> byTrustee : decryptions.values()) {
          partials.add(byTrustee.get(i));
        }
        ThresholdDecryption.Decryption d =
            ThresholdDecryption.decrypt(joint, aggregate[i], partials, dlog);
        if (d instanceof ThresholdDecryption.Decrypted decrypted) {
          counts.add(decrypted.value());
          report.checked(Step.RESULT);
        } else {
          counts.add(-1L);
          report.fail(Step.RESULT, "selection " + i, "does not decrypt: " + d);
        }
      }
      result = counts;
      status = ElectionStatus.TALLIED;
      talliedAt = header.timestamp();
    }

    // ---- summary -----------------------------------------------------------------------------

    void compareWithSummary() {
      RecordSection.Summary s = summary;
      // Re-vote: every credential's last ballot counts, and the count is the published one.
      long[] notCounted = {0};
      votes.forEach(
          (credential, state) -> {
            if ((state & 4) == 0) {
              notCounted[0]++;
            }
          });
      report.check(
          Step.REVOTE,
          notCounted[0] == 0,
          "credentials",
          notCounted[0] + " credentials whose last ballot is not marked counted");
      report.check(
          Step.REVOTE,
          s.counted() == votes.size(),
          "counted",
          "the record says " + s.counted() + " ballots count, the ballots give " + votes.size());
      if (!report.check(Step.GOVERNANCE, manifest != null, "manifest", "no approved manifest")) {
        return;
      }
      report.check(
          Step.GOVERNANCE,
          s.manifest().equals(manifest),
          "manifest",
          "published manifest (hash "
              + s.manifest().hash().hex().substring(0, 16)
              + ") is not the approved one (hash "
              + manifest.hash().hex().substring(0, 16)
              + ")");
      report.check(
          Step.GOVERNANCE,
          s.status() == status,
          "status",
          "published status " + s.status() + ", the transactions give " + status);
      if (joint == null) {
        report.check(
            Step.KEY_CEREMONY, s.jointKey().isEmpty(), "joint key", "published without a ceremony");
        return;
      }
      report.check(
          Step.KEY_CEREMONY,
          s.jointKey().map(joint.publicKey()::equals).orElse(false),
          "joint key",
          "published joint key is not the sum of the constant-term commitments");
      report.check(
          Step.KEY_CEREMONY,
          s.extendedBaseHash().map(joint.extendedBaseHash()::equals).orElse(false),
          "extended base hash",
          "published H_E is not H(H_B; 0x12, K)");
      List<Ciphertext> published = s.aggregate();
      for (int i = 0; i < selections; i++) {
        Ciphertext p =
            published.isEmpty() ? Ciphertext.ZERO : i < published.size() ? published.get(i) : null;
        report.check(
            Step.AGGREGATE,
            aggregate[i].equals(p),
            "selection " + i,
            "published aggregate differs from the sum of the counted ballots");
      }
      report.check(
          Step.AGGREGATE,
          published.isEmpty() || published.size() == selections,
          "aggregate",
          published.size() + " ciphertexts for " + selections + " selections");
      if (s.result().isPresent() || result != null) {
        report.check(
            Step.RESULT,
            s.result().isPresent() && s.result().get().equals(result),
            "result",
            "published result "
                + s.result().map(Object::toString).orElse("(none)")
                + ", the decryptions give "
                + (result == null ? "(none)" : result));
      }
    }
  }
}
