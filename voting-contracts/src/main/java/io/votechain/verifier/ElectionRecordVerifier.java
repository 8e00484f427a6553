package io.votechain.verifier;

import io.votechain.ballot.BallotBatchVerifier;
import io.votechain.ballot.BallotStyle;
import io.votechain.ballot.BallotVerification;
import io.votechain.ballot.BallotVerifier;
import io.votechain.ballot.EncryptedBallot;
import io.votechain.ballot.EncryptedContest;
import io.votechain.ballot.EncryptedSelection;
import io.votechain.ballot.EncryptionContext;
import io.votechain.ballot.MeetingBallotVerifier;
import io.votechain.ballot.SpoiledBallotCheck;
import io.votechain.contract.ElectionCrypto;
import io.votechain.contract.ElectionStatus;
import io.votechain.contract.GenesisConfig;
import io.votechain.contract.MeetingResult;
import io.votechain.contract.RevoteRule;
import io.votechain.crypto.dlog.DiscreteLog;
import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.elgamal.ElectionKey;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.proof.ChaumPedersenProof;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.sig.PublicKey;
import io.votechain.crypto.sig.SignatureAlgorithm;
import io.votechain.crypto.threshold.CeremonyParameters;
import io.votechain.crypto.threshold.Complaint;
import io.votechain.crypto.threshold.EncryptedShare;
import io.votechain.crypto.threshold.JointElectionKey;
import io.votechain.crypto.threshold.KeyCeremony;
import io.votechain.crypto.threshold.KeyCeremonyAnnouncement;
import io.votechain.crypto.threshold.PartialDecryption;
import io.votechain.crypto.threshold.ThresholdDecryption;
import io.votechain.encoding.CanonicalReader;
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
import io.votechain.tx.AddHoldings;
import io.votechain.tx.AnnounceKey;
import io.votechain.tx.AppointProxy;
import io.votechain.tx.Approve;
import io.votechain.tx.AssignDevice;
import io.votechain.tx.AttestDevice;
import io.votechain.tx.CastMeetingVote;
import io.votechain.tx.CheckIn;
import io.votechain.tx.Complain;
import io.votechain.tx.DiscloseShare;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.Propose;
import io.votechain.tx.ProvisionDevice;
import io.votechain.tx.PublishDecryption;
import io.votechain.tx.PublishShares;
import io.votechain.tx.ReinstateDevice;
import io.votechain.tx.RevokeProxy;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.SpoilBallot;
import io.votechain.tx.SuspendDevice;
import io.votechain.tx.TransferCustody;
import io.votechain.tx.TxKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.RevotePolicy;
import io.votechain.tx.meeting.Holding;
import io.votechain.tx.meeting.MeetingManifest;
import io.votechain.tx.meeting.PassThreshold;
import io.votechain.tx.meeting.Quorum;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Implements the independent verification of an election record (docs/election-record.md §5): reads
 * the record once, as a stream, and replays the election's rules from the certified transactions
 * alone — chain links, quorum certificates and last-commit hashes, inclusion, signatures,
 * governance, the key ceremony through any restarts with every complaint answered or its dealer
 * excluded, eligibility, the device registry behind in-person ballots, every ballot's proofs,
 * uniqueness, the re-vote policy, the aggregate, spoiled ballots, partial decryptions and the
 * result, and for a shareholder meeting the register, proxies, weighted ballots and the decision —
 * then compares what it recomputed with the record's summary. It never stops at the first failure:
 * every step is reported with the offending items.
 *
 * <p>Threads: cast ballots are decoded and batch-verified in chunks on a fixed pool of {@code
 * threads} workers ({@link BallotChunk}); the order-dependent rules run on the calling thread in
 * record order, so the verdict does not depend on the number of threads. One instance verifies one
 * record at a time.
 */
public final class ElectionRecordVerifier {
  static final int CHUNK = 256;
  private static final Comparator<List<Integer>> COMPLAINT_ORDER =
      Comparator.<List<Integer>>comparingInt(k -> k.get(0)).thenComparingInt(k -> k.get(1));
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
    int round;
    final TreeMap<Integer, KeyCeremonyAnnouncement> announcements = new TreeMap<>();
    final Set<Integer> sharesPublished = new TreeSet<>();
    // (dealer, recipient) → answered by a disclosed share that passed Feldman's check
    final TreeMap<List<Integer>, Boolean> complaints = new TreeMap<>(COMPLAINT_ORDER);
    JointElectionKey joint;
    EncryptionContext context;
    BallotStyle style;
    BallotBatchVerifier batchVerifier;
    int selections;

    // devices and stations
    DeviceLedger devices;
    final TreeMap<Long, Hash32> recentHeaders = new TreeMap<>();
    final KeyTable rollStation = new KeyTable(); // credential → index into stations
    final List<String> stations = new ArrayList<>();
    final Map<String, Integer> stationIndex = new HashMap<>();

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
    final MeetingReplay meetings = new MeetingReplay();

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
              meetings.manifest != null ? meetings.votes.size() : votes.size(),
              spoiled,
              talliedAt,
              Optional.ofNullable(meetings.result)));
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
      devices = new DeviceLedger(contracts.chainId(), officials, contracts.params());
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
      lastCommit(where, header, block.lastCommit());
      height = header.height();
      previousHash = hash;
      // Attestation nonces name one of the last attestationNonceWindow headers.
      recentHeaders.put(height, hash);
      recentHeaders.headMap(height - contracts.params().attestationNonceWindow()).clear();

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

    /**
     * The header's {@code lastCommitHash} covers the parent's certificate as this block carries it
     * (docs/consensus.md §3), which may have other signers than the parent's own certificate: it
     * must hash to the header's value and be itself a quorum certificate of the parent.
     */
    void lastCommit(String where, ChainHeader header, Optional<byte[]> carried) {
      if (header.height() == 1) {
        report.check(
            Step.CERTIFICATES,
            carried.isEmpty() && header.lastCommitHash().equals(Hash32.ZERO),
            where,
            "block 1 has no parent certificate: no last commit, zero last-commit hash");
        return;
      }
      if (!report.check(
          Step.CERTIFICATES, carried.isPresent(), where, "the parent's certificate is missing")) {
        return;
      }
      byte[] bytes = carried.get();
      if (!report.check(
          Step.CERTIFICATES,
          ChainCertificate.lastCommitHash(bytes).equals(header.lastCommitHash()),
          where,
          "last-commit hash does not match the parent's certificate the block carries")) {
        return;
      }
      String problem;
      try {
        problem = ChainCertificate.decode(bytes).problem(chain, header.height() - 1, previousHash);
      } catch (EncodingException e) {
        problem = "does not decode: " + e.getMessage();
      }
      report.check(
          Step.CERTIFICATES,
          problem == null,
          where,
          "the parent's certificate it carries: " + problem);
    }

    // ---- transactions --------------------------------------------------------------------------

    void transaction(String item, ChainHeader header, RecordedTransaction t) {
      sequence++;
      byte[] bytes = t.transaction();
      TxKind kind = peekKind(bytes);
      if (kind == TxKind.CAST_MEETING_VOTE) {
        meetingVote(item, header, t, bytes);
        return;
      }
      if (t.role() != TransactionRole.EFFECTIVE || kind == TxKind.CAST_BALLOT) {
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
        shares(item, tx, s);
      } else if (body instanceof Complain c && concerns(item, c.electionId())) {
        complain(item, tx, c);
      } else if (body instanceof DiscloseShare d && concerns(item, d.electionId())) {
        disclose(item, tx, d);
      } else if (body instanceof AddCredentials a && concerns(item, a.electionId())) {
        boolean official = tx.signer() instanceof Ed25519PublicKey k && officials.contains(k);
        if (report.check(Step.ELIGIBILITY, official, item, "credentials not added by an official")
            && report.check(
                Step.ELIGIBILITY,
                meetings.manifest == null,
                item,
                "a meeting has a share register, not a roll")) {
          long station = stationIndex.computeIfAbsent(a.stationId(), this::newStation);
          for (Ed25519PublicKey c : a.credentials()) {
            if (report.check(
                Step.ELIGIBILITY,
                !roll.contains(c.encoded()),
                item,
                "credential put on the roll twice")) {
              roll.put(c.encoded(), sequence);
              rollStation.put(c.encoded(), station);
            }
          }
        }
      } else if (body instanceof CheckIn c && concerns(item, c.electionId())) {
        checkIn(item, header, tx, c);
      } else if (body instanceof SpoilBallot s && concerns(item, s.electionId())) {
        spoil(item, header, tx, s);
      } else if (body instanceof AddHoldings h && concerns(item, h.meetingId())) {
        meetings.addHoldings(item, tx, h);
      } else if (body instanceof AppointProxy a && concerns(item, a.meetingId())) {
        meetings.proxy(item, tx, Optional.of(a.proxy()));
      } else if (body instanceof RevokeProxy rp && concerns(item, rp.meetingId())) {
        meetings.proxy(item, tx, Optional.empty());
      } else if (isDeviceTransaction(body)) {
        String problem = devices.apply(tx, header.height(), recentHeaders::get);
        report.check(Step.DEVICES, problem == null, item, String.valueOf(problem));
      } else if (body instanceof PublishDecryption d && concerns(item, d.electionId())) {
        decryption(item, header, tx, d);
      } else if (!(body instanceof AnnounceKey
          || body instanceof PublishShares
          || body instanceof Complain
          || body instanceof DiscloseShare
          || body instanceof AddCredentials
          || body instanceof CheckIn
          || body instanceof SpoilBallot
          || body instanceof PublishDecryption
          || body instanceof AddHoldings
          || body instanceof AppointProxy
          || body instanceof RevokeProxy
          || isDeviceTransaction(body))) {
        report.fail(Step.TRANSACTIONS, item, tx.kind() + " has no place in an election record");
      }
    }

    int newStation(String station) {
      stations.add(station);
      return stations.size() - 1;
    }

    boolean isDeviceTransaction(Object body) {
      return body instanceof ProvisionDevice
          || body instanceof AssignDevice
          || body instanceof TransferCustody
          || body instanceof AttestDevice
          || body instanceof SuspendDevice
          || body instanceof ReinstateDevice;
    }

    /** The station the roll assigns to {@code credential}, or null. */
    String station(byte[] credential) {
      long i = rollStation.get(credential, -1);
      return i < 0 ? null : stations.get((int) i);
    }

    /**
     * CheckIn (docs/contracts.md §4.4): by the named device, while OPEN and in the window, the
     * device in service (attested) at the credential's station, the credential on the roll, once.
     */
    void checkIn(String item, ChainHeader header, SignedTransaction tx, CheckIn c) {
      byte[] credential = c.credential().encoded();
      report.check(
          Step.ELIGIBILITY,
          status == ElectionStatus.OPEN
              && header.timestamp() >= manifest.votingStart()
              && header.timestamp() < manifest.votingEnd(),
          item,
          "check-in while the election was not open or outside the voting window");
      report.check(
          Step.ELIGIBILITY,
          roll.contains(credential),
          item,
          "check-in of a credential not on the roll");
      Optional<DeviceLedger.Device> device = devices.byId(c.deviceId());
      if (report.check(Step.DEVICES, device.isPresent(), item, "no device " + c.deviceId())) {
        DeviceLedger.Device d = device.get();
        report.check(
            Step.DEVICES, tx.signer().equals(d.key), item, "check-in not signed by device " + d.id);
        String problem = devices.notInService(d, header.height());
        report.check(Step.DEVICES, problem == null, item, String.valueOf(problem));
        report.check(
            Step.DEVICES,
            d.station.equals(station(credential)),
            item,
            "device " + d.id + " is not at the voter's station");
      }
      if (report.check(
          Step.ELIGIBILITY, !checkIns.contains(credential), item, "voter checked in twice")) {
        checkIns.put(credential, sequence);
      }
    }

    /**
     * What the device registry says, at this point of the record, about the device that signed a
     * cast ballot: peeked from the undecoded transaction (signer tag and key), as the ballot is
     * only decoded later on a worker. {@code [problem, station]}, both null for a non-device
     * signer.
     */
    String[] deviceAt(byte[] tx, long atHeight) {
      try {
        CanonicalReader r = new CanonicalReader(tx);
        int tag = r.u8();
        if (tag != SignatureAlgorithm.ECDSA_P256.tag()) {
          return new String[2];
        }
        byte[] key = r.fixed(SignatureAlgorithm.ECDSA_P256.publicKeyLength());
        Optional<DeviceLedger.Device> d = devices.byEncodedKey(tag, key);
        if (d.isEmpty()) {
          return new String[] {"not signed by a registered device", null};
        }
        return new String[] {devices.notInService(d.get(), atHeight), d.get().station};
      } catch (EncodingException e) {
        return new String[2];
      }
    }

    boolean concerns(String item, String id) {
      return report.check(Step.TRANSACTIONS, id.equals(electionId), item, "about election " + id);
    }

    TxKind peekKind(byte[] tx) {
      // signer tag, key, nonce, kind: peeked to route ballots to the workers undecoded.
      try {
        CanonicalReader r = new CanonicalReader(tx);
        SignatureAlgorithm a = SignatureAlgorithm.ofTag(r.u8());
        if (a == null) {
          return null;
        }
        r.fixed(a.publicKeyLength());
        r.varint(Long.MAX_VALUE);
        return TxKind.ofTag(r.u8());
      } catch (EncodingException e) {
        return null;
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
      } else if (action instanceof GovernedAction.CreateMeeting c) {
        if (report.check(Step.GOVERNANCE, manifest == null, item, "election created twice")
            && report.check(
                Step.GOVERNANCE,
                c.manifest().meetingId().equals(electionId),
                item,
                "creates another meeting")) {
          manifest = c.manifest().election();
          meetings.manifest = c.manifest();
          status = ElectionStatus.DRAFT;
          report.check(
              Step.GOVERNANCE,
              c.manifest().problem().isEmpty(),
              item,
              "invalid meeting: " + c.manifest().problem().orElse(""));
        }
      } else if (action instanceof GovernedAction.AmendElection a) {
        report.check(
            Step.GOVERNANCE,
            meetings.manifest == null,
            item,
            "a meeting's terms cannot be amended");
        if (transition(item, ElectionStatus.DRAFT, ElectionStatus.DRAFT)) {
          manifest = a.manifest();
        }
      } else if (action instanceof GovernedAction.RegisterTrustees r) {
        if (transition(item, ElectionStatus.DRAFT, ElectionStatus.KEY_CEREMONY)) {
          startCeremony(item, r.trustees(), r.threshold());
        }
      } else if (action instanceof GovernedAction.RestartKeyCeremony r) {
        restart(item, r);
      } else if (action instanceof GovernedAction.OpenElection) {
        if (transition(item, ElectionStatus.KEY_CEREMONY, ElectionStatus.OPEN)) {
          report.check(Step.GOVERNANCE, joint != null, item, "opened before the joint key existed");
          ceremonyComplete(item);
          // The contract's rule: an election may open ahead of its window (ballots are refused
          // until the window starts, which the ballot steps check), never after it has ended.
          report.check(
              Step.GOVERNANCE,
              header.timestamp() < manifest.votingEnd(),
              item,
              "opened after the voting window had ended");
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
      } else if (action instanceof GovernedAction.RevokeDevice r) {
        String problem = devices.revoke(r.deviceId());
        report.check(Step.DEVICES, problem == null, item, String.valueOf(problem));
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

    /**
     * A ceremony round begins (docs/contracts.md §4.5): with the registered trustees (round 0) or
     * after a restart (round >= 1, which enters {@code H_B}). Nothing of an earlier round carries
     * over — the contract deletes it all — so neither does anything here.
     */
    void startCeremony(String item, List<Ed25519PublicKey> keys, int k) {
      trustees = List.copyOf(keys);
      threshold = k;
      announcements.clear();
      sharesPublished.clear();
      complaints.clear();
      joint = null;
      context = null;
      style = null;
      batchVerifier = null;
      aggregate = null;
      parameters = null;
      boolean valid = k >= 1 && k <= keys.size() && new HashSet<>(keys).size() == keys.size();
      if (report.check(
          Step.KEY_CEREMONY,
          valid,
          item,
          "threshold " + k + " of " + keys.size() + " trustees out of range, or a trustee twice")) {
        parameters =
            new CeremonyParameters(
                ElectionCrypto.electionBaseHash(manifest, keys.size(), k, round), keys.size(), k);
      }
    }

    /**
     * Implements the restart rules of docs/contracts.md §4.5: only while KEY_CEREMONY, only when a
     * complaint is unanswered (a ceremony that can still complete is not restarted), and no dealer
     * with an unanswered complaint is kept. So every complaint of a round is either answered or
     * cost its dealer the seat.
     */
    void restart(String item, GovernedAction.RestartKeyCeremony r) {
      if (!report.check(
          Step.GOVERNANCE,
          manifest != null && status == ElectionStatus.KEY_CEREMONY,
          item,
          "restarts the key ceremony while the election is " + status)) {
        return;
      }
      List<Integer> silent = unansweredDealers();
      report.check(
          Step.KEY_CEREMONY,
          !silent.isEmpty(),
          item,
          "restarts round " + round + ", which no unanswered complaint blocks");
      for (int dealer : silent) {
        report.check(
            Step.KEY_CEREMONY,
            !r.trustees().contains(trustees.get(dealer - 1)),
            item,
            "the restart keeps trustee " + dealer + ", who left a complaint unanswered");
      }
      round++;
      startCeremony(item, r.trustees(), r.threshold());
    }

    /** The dealers (1-based, ascending) with a complaint they have not answered. */
    List<Integer> unansweredDealers() {
      List<Integer> out = new ArrayList<>();
      complaints.forEach(
          (key, answered) -> {
            if (!answered && !out.contains(key.get(0))) {
              out.add(key.get(0));
            }
          });
      return out;
    }

    /**
     * What OpenElection requires of the ceremony besides the joint key ({@code
     * ElectionCrypto.pendingCeremonyStep}): every trustee's shares (when n > 1) and an answer to
     * every complaint of the round.
     */
    void ceremonyComplete(String item) {
      report.check(
          Step.KEY_CEREMONY,
          trustees.size() <= 1 || sharesPublished.size() == trustees.size(),
          item,
          "opened before every trustee published its shares ("
              + sharesPublished.size()
              + " of "
              + trustees.size()
              + ")");
      complaints.forEach(
          (key, answered) ->
              report.check(
                  Step.KEY_CEREMONY,
                  answered,
                  item,
                  "opened although trustee "
                      + key.get(0)
                      + " has not answered the complaint of trustee "
                      + key.get(1)));
    }

    boolean inCeremony(String item, String what) {
      return report.check(
          Step.KEY_CEREMONY,
          status == ElectionStatus.KEY_CEREMONY && parameters != null,
          item,
          what + " outside the key ceremony");
    }

    /** PublishShares: a trustee, after all announcements, once, one share to each other trustee. */
    void shares(String item, SignedTransaction tx, PublishShares s) {
      int dealer = trusteeIndex(tx);
      if (!inCeremony(item, "shares")
          || !report.check(Step.KEY_CEREMONY, dealer > 0, item, "shares not from a trustee")) {
        return;
      }
      int n = trustees.size();
      report.check(
          Step.KEY_CEREMONY,
          announcements.size() == n,
          item,
          "shares of trustee " + dealer + " before every trustee announced");
      boolean[] seen = new boolean[n + 1];
      boolean addressed = s.shares().size() == n - 1;
      for (EncryptedShare share : s.shares()) {
        int to = share.recipient();
        boolean ok = share.dealer() == dealer && to >= 1 && to <= n && to != dealer && !seen[to];
        addressed &= ok;
        if (ok) {
          seen[to] = true;
        }
      }
      report.check(
          Step.KEY_CEREMONY,
          addressed,
          item,
          "not exactly one share from trustee " + dealer + " to each other trustee");
      report.check(
          Step.KEY_CEREMONY,
          sharesPublished.add(dealer),
          item,
          "second shares of trustee " + dealer);
    }

    /** Complain: by its recipient, against a dealer whose shares are recorded, once. */
    void complain(String item, SignedTransaction tx, Complain c) {
      Complaint complaint = c.complaint();
      int signer = trusteeIndex(tx);
      if (!inCeremony(item, "complaint")
          || !report.check(
              Step.KEY_CEREMONY,
              signer > 0 && signer == complaint.recipient(),
              item,
              "complaint not signed by its recipient, trustee " + complaint.recipient())) {
        return;
      }
      report.check(
          Step.KEY_CEREMONY,
          sharesPublished.contains(complaint.dealer()),
          item,
          "complaint against trustee " + complaint.dealer() + ", who has published no shares");
      List<Integer> key = List.of(complaint.dealer(), complaint.recipient());
      if (report.check(
          Step.KEY_CEREMONY, !complaints.containsKey(key), item, "complaint made twice")) {
        complaints.put(key, false);
      }
    }

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
        Arrays.fill(aggregate, Ciphertext.ZERO);
      }
    }

    /** DiscloseShare: the accused dealer answers an open complaint with a share that verifies. */
    void disclose(String item, SignedTransaction tx, DiscloseShare d) {
      int dealer = trusteeIndex(tx);
      if (!inCeremony(item, "disclosure")) {
        return;
      }
      List<Integer> key = List.of(dealer, d.recipient());
      boolean open =
          report.check(
              Step.KEY_CEREMONY,
              dealer > 0 && Boolean.FALSE.equals(complaints.get(key)),
              item,
              "answers no open complaint of trustee " + d.recipient() + " against its signer");
      KeyCeremonyAnnouncement a = announcements.get(dealer);
      boolean verifies =
          report.check(
              Step.KEY_CEREMONY,
              a != null && KeyCeremony.verifyShare(a, d.recipient(), d.share()),
              item,
              "disclosed share does not match trustee " + dealer + "'s commitments");
      if (open && verifies) {
        complaints.put(key, true);
      }
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
      String[] device = deviceAt(bytes, header.height());
      pending.add(
          new BallotChunk.Pending(
              sequence,
              item,
              header.timestamp(),
              t.role(),
              status == ElectionStatus.OPEN,
              bytes,
              device[0],
              device[1]));
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
      meetings.drainProofs();
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
        report.check(
            Step.DEVICES, p.deviceProblem() == null, item, String.valueOf(p.deviceProblem()));
        report.check(
            Step.DEVICES,
            p.deviceProblem() != null
                || (p.deviceStation() != null && p.deviceStation().equals(station(o.credential()))),
            item,
            "in-person ballot from a device not at the voter's station");
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

    void spoil(String item, ChainHeader header, SignedTransaction tx, SpoilBallot s) {
      if (!report.check(Step.SPOILED, context != null, item, "spoiled before the key ceremony")) {
        return;
      }
      // A web voter challenges with its credential; a kiosk with its own (attested) key.
      boolean voter =
          tx.signer() instanceof Ed25519PublicKey k
              && roll.get(k.encoded(), Long.MAX_VALUE) < sequence;
      if (!voter) {
        Optional<DeviceLedger.Device> d = devices.byKey(tx.signer());
        if (report.check(
            Step.DEVICES,
            d.isPresent(),
            item,
            "spoiled ballot signed by neither a credential on the roll nor a device")) {
          String problem = devices.notInService(d.get(), header.height());
          report.check(Step.DEVICES, problem == null, item, String.valueOf(problem));
        }
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
      // A meeting's totals are shares, at most the shares represented (docs/contracts.md §8.5).
      long bound = meetings.manifest != null ? meetings.represented : votes.size();
      DiscreteLog dlog = DiscreteLog.forBound(Math.max(1, bound));
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
      if (meetings.manifest != null) {
        meetings.decide(counts);
      }
      status = ElectionStatus.TALLIED;
      talliedAt = header.timestamp();
    }

    // ---- shareholder meetings -----------------------------------------------------------------

    /** The ballot that counts for a holder: who cast it, its hash and its selection ciphertexts. */
    record HolderVote(boolean byHolder, Hash32 ballotHash, List<Ciphertext> selections) {}

    /**
     * The replay of a shareholder meeting (docs/contracts.md §8): the share register, proxies, the
     * weighted ballots with the holder's override, and the decision. The order-dependent rules run
     * on the main thread; each meeting ballot's proofs are checked on the pool (one {@code
     * MeetingBallotVerifier} call per ballot, not batched: every holder has its own weight, hence
     * its own statements), at most 64 per thread in flight, and reported in record order.
     */
    final class MeetingReplay {
      MeetingManifest manifest;
      final Map<String, Long> holdings = new HashMap<>();
      long issued;
      final Map<String, Ed25519PublicKey> proxies = new HashMap<>();
      // holder → the ballot that counts for it now (docs/contracts.md §8.4)
      final TreeMap<String, HolderVote> votes = new TreeMap<>();
      final Set<Hash32> markedCounted = new HashSet<>();
      long represented;
      MeetingResult result;

      String key(PublicKey k) {
        return HexFormat.of().formatHex(k.encoded());
      }

      /** AddHoldings (§8.2): an official, while DRAFT, new holders only, total at most 2^40. */
      void addHoldings(String item, SignedTransaction tx, AddHoldings h) {
        boolean official = tx.signer() instanceof Ed25519PublicKey k && officials.contains(k);
        if (!report.check(Step.MEETING, official, item, "holdings not added by an official")
            || !report.check(Step.MEETING, manifest != null, item, "holdings for no meeting")
            || !report.check(
                Step.MEETING,
                status == ElectionStatus.DRAFT,
                item,
                "holdings added while the meeting is " + status + " (the register is closed)")) {
          return;
        }
        Set<String> seen = new HashSet<>();
        long total = issued;
        for (Holding holding : h.holdings()) {
          String holder = key(holding.holder());
          if (report.check(
              Step.MEETING,
              seen.add(holder) && !holdings.containsKey(holder),
              item,
              "holder " + holder.substring(0, 16) + " on the register twice")) {
            total += holding.shares();
          }
        }
        if (report.check(
            Step.MEETING, total <= 1L << 40, item, "the register would exceed 2^40 shares")) {
          for (Holding holding : h.holdings()) {
            holdings.putIfAbsent(key(holding.holder()), holding.shares());
          }
          issued = total;
        }
      }

      /**
       * AppointProxy ({@code proxy} present) or RevokeProxy (§8.4): while at most OPEN, by a
       * holder, not itself nor the current proxy / a proxy is appointed; either withdraws the
       * outgoing proxy's ballot if that is the one counting for the holder.
       */
      void proxy(String item, SignedTransaction tx, Optional<Ed25519PublicKey> proxy) {
        if (!report.check(Step.MEETING, manifest != null, item, "proxy of no meeting")
            || !report.check(
                Step.MEETING,
                status.compareTo(ElectionStatus.OPEN) <= 0,
                item,
                "proxy changed after the meeting closed")) {
          return;
        }
        String holder = key(tx.signer());
        Long shares = holdings.get(holder);
        if (!report.check(
            Step.MEETING, shares != null, item, "proxy changed by a signer not on the register")) {
          return;
        }
        Ed25519PublicKey current = proxies.get(holder);
        boolean valid =
            proxy.isPresent()
                ? !proxy.get().equals(tx.signer()) && !proxy.get().equals(current)
                : current != null;
        if (!report.check(
            Step.MEETING,
            valid,
            item,
            proxy.isPresent()
                ? "appoints the holder itself or the proxy already appointed"
                : "revokes a proxy that is not appointed")) {
          return;
        }
        HolderVote counting = votes.get(holder);
        if (counting != null && !counting.byHolder()) {
          add(counting.selections(), true);
          votes.remove(holder);
          represented -= shares;
        }
        if (proxy.isPresent()) {
          proxies.put(holder, proxy.get());
        } else {
          proxies.remove(holder);
        }
      }

      /**
       * CastMeetingVote (§8.3), rules in the contract's order; a ballot that breaks one is reported
       * and left out of the recomputation, as the contract would have refused it.
       */
      void cast(
          String item,
          ChainHeader header,
          RecordedTransaction t,
          SignedTransaction tx,
          CastMeetingVote v) {
        if (!report.check(
                Step.ELIGIBILITY,
                manifest != null && context != null,
                item,
                "meeting ballot outside a meeting or before the key ceremony")
            || !report.check(
                Step.ELIGIBILITY,
                status == ElectionStatus.OPEN,
                item,
                "cast while the meeting was " + status)
            || !report.check(
                Step.ELIGIBILITY,
                header.timestamp() >= manifest.election().votingStart()
                    && header.timestamp() < manifest.election().votingEnd(),
                item,
                "cast outside the voting window")) {
          return;
        }
        String holder = key(v.holder());
        Long shares = holdings.get(holder);
        if (!report.check(
            Step.ELIGIBILITY, shares != null, item, "holder not on the share register")) {
          return;
        }
        boolean byHolder = tx.signer().equals(v.holder());
        if (!report.check(
            Step.ELIGIBILITY,
            byHolder || tx.signer().equals(proxies.get(holder)),
            item,
            "signed by neither the holder nor its current proxy")) {
          return;
        }
        HolderVote previous = votes.get(holder);
        if (previous != null) {
          if (!report.check(
                  Step.REVOTE,
                  byHolder || !previous.byHolder(),
                  item,
                  "proxy ballot although the holder's own ballot counts")
              || !report.check(
                  Step.REVOTE,
                  previous.byHolder() != byHolder
                      || manifest.election().revotePolicy() != RevotePolicy.SINGLE_VOTE,
                  item,
                  "a second ballot from the same source under SINGLE_VOTE")) {
            return;
          }
        }
        EncryptedBallot ballot = v.ballot();
        Hash32 hash = ballot.hash(context.extendedBaseHash());
        boolean unique =
            report.check(
                    Step.UNIQUENESS,
                    ballotHashes.put(hash.bytes(), sequence),
                    item,
                    "ballot " + hash.hex().substring(0, 16) + " recorded twice")
                & report.check(
                    Step.UNIQUENESS,
                    ballotIds.put(
                        Sha256.hash(ballot.ballotId().getBytes(StandardCharsets.UTF_8)).bytes(),
                        sequence),
                    item,
                    "ballot id recorded twice");
        // The weight comes from the register, never from the ballot: each selection must prove
        // it encrypts 0 or w, and each resolution that it sums to w.
        // The register is frozen before the ceremony (AddHoldings only in DRAFT), so the weight is
        // final here and the proofs can be checked on the pool while the bookkeeping goes on in
        // order; a ballot whose proofs fail is still a finding, reported when its check is taken.
        verifyProofs(item, hash, shares, ballot);
        if (!unique) {
          return;
        }
        List<Ciphertext> selections = new ArrayList<>();
        for (EncryptedContest c : ballot.contests()) {
          for (EncryptedSelection sel : c.selections()) {
            selections.add(sel.ciphertext());
          }
        }
        add(selections, false);
        if (previous != null) {
          add(previous.selections(), true);
        } else {
          represented += shares;
        }
        votes.put(holder, new HolderVote(byHolder, hash, selections));
        if (t.role() == TransactionRole.COUNTED) {
          markedCounted.add(hash);
        }
      }

      /** Meeting-ballot proof checks in flight (null: valid), taken in record order. */
      final ArrayDeque<CompletableFuture<Finding>> proofs = new ArrayDeque<>();

      void verifyProofs(String item, Hash32 hash, long shares, EncryptedBallot ballot) {
        EncryptionContext ctx = context;
        BallotStyle weighted = style.withWeight(shares);
        String what =
            "meeting ballot " + hash.hex().substring(0, 16) + " for a weight of " + shares;
        proofs.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    BallotVerification v = MeetingBallotVerifier.verify(ctx, weighted, ballot);
                    return v.isValid()
                        ? null
                        : new Finding(
                            Step.BALLOT_PROOFS,
                            item,
                            what
                                + ": "
                                + v.reason()
                                + " at resolution "
                                + v.contest()
                                + ", selection "
                                + v.selection());
                  } catch (RuntimeException e) {
                    // Not expected for any input; if it happens the ballot fails, not the run.
                    return new Finding(
                        Step.BALLOT_PROOFS, item, what + " could not be verified: " + e);
                  }
                },
                pool));
        while (proofs.size() > 64 * threads) {
          takeProof();
        }
      }

      void takeProof() {
        Finding problem = proofs.poll().join();
        report.checked(Step.BALLOT_PROOFS);
        if (problem != null) {
          report.fail(problem.step(), problem.item(), problem.reason());
        }
      }

      void drainProofs() {
        while (!proofs.isEmpty()) {
          takeProof();
        }
      }

      void add(List<Ciphertext> selections, boolean subtract) {
        for (int i = 0; i < selections.size() && i < aggregate.length; i++) {
          aggregate[i] =
              subtract
                  ? aggregate[i].subtract(selections.get(i))
                  : aggregate[i].add(selections.get(i));
        }
      }

      /**
       * Implements the decision of docs/contracts.md §8.5 in exact integer arithmetic: quorum
       * {@code represented · d ≥ n · issued}; per resolution, votes cast = for + against, and it
       * passes iff the quorum is met, some votes were cast and {@code for · d > n · cast} (strict)
       * or {@code ≥}. Re-implemented here rather than taken from the contract, so that a wrong
       * contract rule shows.
       */
      void decide(List<Long> counts) {
        BigInteger rep = BigInteger.valueOf(represented);
        Quorum q = manifest.quorum();
        boolean quorumMet =
            rep.multiply(BigInteger.valueOf(q.denominator()))
                    .compareTo(
                        BigInteger.valueOf(q.numerator()).multiply(BigInteger.valueOf(issued)))
                >= 0;
        List<String> ids = manifest.resolutionIds();
        List<MeetingResult.Resolution> resolutions = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
          long votesFor = counts.get(3 * i);
          long against = counts.get(3 * i + 1);
          long abstain = counts.get(3 * i + 2);
          if (!report.check(
              Step.RESULT,
              votesFor >= 0
                  && against >= 0
                  && abstain >= 0
                  && votesFor + against + abstain == represented,
              "resolution " + ids.get(i),
              "totals "
                  + votesFor
                  + "/"
                  + against
                  + "/"
                  + abstain
                  + " do not add up to the "
                  + represented
                  + " shares represented")) {
            return;
          }
          PassThreshold th = manifest.thresholds().get(i);
          BigInteger cast = BigInteger.valueOf(votesFor + against);
          int cmp =
              BigInteger.valueOf(votesFor)
                  .multiply(BigInteger.valueOf(th.denominator()))
                  .compareTo(BigInteger.valueOf(th.numerator()).multiply(cast));
          boolean passed = quorumMet && cast.signum() > 0 && (th.strict() ? cmp > 0 : cmp >= 0);
          resolutions.add(
              new MeetingResult.Resolution(ids.get(i), votesFor, against, abstain, passed));
        }
        result = new MeetingResult(issued, represented, quorumMet, resolutions);
      }

      void compareWithSummary(RecordSection.Summary s) {
        if (manifest == null) {
          report.check(
              Step.MEETING,
              s.meetingResult().isEmpty(),
              "meeting result",
              "a meeting decision published for an election");
          return;
        }
        Set<Hash32> counting = new HashSet<>();
        votes.values().forEach(v -> counting.add(v.ballotHash()));
        report.check(
            Step.REVOTE,
            counting.equals(markedCounted),
            "holders",
            "the ballots marked counted are not those the proxy rule makes count ("
                + markedCounted.size()
                + " marked, "
                + counting.size()
                + " count)");
        if (s.meetingResult().isPresent() || result != null) {
          report.check(
              Step.MEETING,
              s.meetingResult().isPresent() && s.meetingResult().get().equals(result),
              "decision",
              "published decision "
                  + s.meetingResult().map(Object::toString).orElse("(none)")
                  + ", the decryptions give "
                  + (result == null ? "(none)" : result));
        }
      }
    }

    void meetingVote(String item, ChainHeader header, RecordedTransaction t, byte[] bytes) {
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
      report.check(
          Step.RECORD,
          t.role() != TransactionRole.EFFECTIVE,
          item,
          "a meeting ballot must be marked counted or superseded");
      if (tx.body() instanceof CastMeetingVote v && concerns(item, v.meetingId())) {
        meetings.cast(item, header, t, tx, v);
      }
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
      long countedNow = meetings.manifest != null ? meetings.votes.size() : votes.size();
      report.check(
          Step.REVOTE,
          s.counted() == countedNow,
          "counted",
          "the record says " + s.counted() + " ballots count, the ballots give " + countedNow);
      meetings.compareWithSummary(s);
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
