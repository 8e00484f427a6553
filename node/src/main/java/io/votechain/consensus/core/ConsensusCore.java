package io.votechain.consensus.core;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.block.CommitCertificate;
import io.votechain.consensus.block.CommittedBlock;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.message.ConsensusMessage;
import io.votechain.consensus.message.ConsensusMessage.ProposalMessage;
import io.votechain.consensus.message.ConsensusMessage.SyncRequest;
import io.votechain.consensus.message.ConsensusMessage.SyncResponse;
import io.votechain.consensus.message.ConsensusMessage.VoteMessage;
import io.votechain.consensus.message.EquivocationEvidence;
import io.votechain.consensus.message.Proposal;
import io.votechain.consensus.message.SignedProposal;
import io.votechain.consensus.message.SignedVote;
import io.votechain.consensus.message.Vote;
import io.votechain.consensus.message.VoteType;
import io.votechain.consensus.validation.BlockContext;
import io.votechain.consensus.validation.BlockValidator;
import io.votechain.consensus.validation.CertificateValidator;
import io.votechain.consensus.validation.ProposalValidator;
import io.votechain.consensus.validation.RejectReason;
import io.votechain.consensus.validation.SignatureVerifier;
import io.votechain.consensus.validation.SyncValidator;
import io.votechain.consensus.validation.Verdict;
import io.votechain.consensus.validation.VoteValidator;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.encoding.EncodingException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One validator's Tendermint consensus, as Algorithm 1 of Buchman, Kwon and Milosevic, "The latest
 * gossip on BFT consensus" (arXiv:1807.04938), states it (docs/consensus.md maps every line of the
 * pseudocode to a method here; the methods are named {@code lineNN...}).
 *
 * <p>A pure state machine in the shape of etcd's raft: {@link #handle(Input)} takes a received
 * message, an expired timer or the start signal, each with the local clock reading, and returns the
 * outputs in order (messages to send, timers to set, commits, evidence). It has no clock, thread,
 * socket or randomness of its own. Before any signed vote or proposal is returned, the safety state
 * is saved through {@link SafetyStore} ("persist, then send"); a committed block is appended to the
 * {@link BlockStore} and applied to the {@link Application} before its {@link Output.Committed}.
 *
 * <p>Not thread safe: one driver thread (in the node, one Vert.x context) calls it.
 */
public final class ConsensusCore {
  private static final int MAX_SYNC_RESPONSE_BYTES = 8 * 1024 * 1024;
  private static final int PROPOSAL_ROUNDS_AHEAD = 2;
  // One sync batch of heights: a validator further behind than that catches up by batches, not by
  // deciding in rounds, and the lowest heights are kept.
  private static final int MAX_DROPPED_PROPOSAL_HEIGHTS = 16;

  private final Genesis genesis;
  private final Hash32 chainId;
  private final int self;
  private final Ed25519Signer signer;
  private final ConsensusConfig config;
  private final SafetyStore safetyStore;
  private final BlockStore blockStore;
  private final Application application;
  private final Mempool mempool;
  private final boolean lockRuleEnforced;

  private final SignatureVerifier signatures;
  private final VoteValidator voteValidator;
  private final ProposalValidator proposalValidator;
  private final CertificateValidator certificateValidator;
  private final BlockValidator blockValidator;
  private final SyncValidator syncValidator;

  // Algorithm 1, lines 1-9.
  private long height;
  private int round;
  private Step step = Step.PROPOSE;
  // id(lockedValue): the lock rule (lines 23, 29) only ever compares ids.
  private Hash32 lockedId;
  private int lockedRound = -1;
  private Block validBlock;
  private int validRound = -1;
  private List<SignedVote> validProofOfLock = List.of();

  private SignWatermark watermark;
  private List<ConsensusMessage> ownMessages = new ArrayList<>();
  private List<ConsensusMessage> roundEntryProof = List.of();
  private CommittedBlock last;
  private TreeMap<Integer, RoundLog> log = new TreeMap<>();
  private final Map<String, byte[]> nextHeightBuffer = new LinkedHashMap<>();
  // Looked up by block hash only, never iterated.
  private final Map<Hash32, Verdict> validity = new HashMap<>();
  private final EnumMap<RejectReason, Long> drops = new EnumMap<>(RejectReason.class);
  private final List<EquivocationEvidence> evidence = new ArrayList<>();
  private final Set<Hash32> evidenceSeen = new HashSet<>();
  private boolean restored;
  private boolean started;
  private boolean syncInFlight;
  // Heights whose proposal we dropped as too far ahead: the only heights at which
  // fetchDecidedBlockWeLack asks for a block at once. Sorted, so which ones stay is a function
  // of the inputs alone.
  private final TreeSet<Long> droppedProposalHeights = new TreeSet<>();
  // Per block of this height that fetchDecidedBlockWeLack asked for, the validators asked: each
  // at most once, so at most n − 1 requests per block. Looked up only, cleared with the height.
  private final Map<Hash32, BitSet> decidedBlockPeersAsked = new HashMap<>();
  private long now;
  private List<Output> out = new ArrayList<>();
  private long signaturesMade;
  private long decidedBlockFetches;
  private long messagesSent;

  /**
   * Builds (or, after a crash, rebuilds) a validator's core from its stores: the application is
   * brought up to the block store's height by replaying committed blocks, and the round, step, lock
   * and sign watermark are restored from the safety store.
   *
   * @throws IllegalStateException if the safety store lost a block body its state names (it must
   *     save bodies before the state, {@link SafetyStore})
   */
  public ConsensusCore(
      Genesis genesis,
      int validatorIndex,
      Ed25519Signer signer,
      ConsensusConfig config,
      SafetyStore safetyStore,
      BlockStore blockStore,
      Application application,
      Mempool mempool) {
    this(
        genesis,
        validatorIndex,
        signer,
        config,
        safetyStore,
        blockStore,
        application,
        mempool,
        (v, m, s) -> genesis.validator(v).key().verify(m, s),
        true);
  }

  /** As above, with the signature check behind the core's verification cache replaced. */
  public ConsensusCore(
      Genesis genesis,
      int validatorIndex,
      Ed25519Signer signer,
      ConsensusConfig config,
      SafetyStore safetyStore,
      BlockStore blockStore,
      Application application,
      Mempool mempool,
      SignatureVerifier.Check signatureCheck) {
    this(
        genesis,
        validatorIndex,
        signer,
        config,
        safetyStore,
        blockStore,
        application,
        mempool,
        signatureCheck,
        true);
  }

  /**
   * {@code lockRuleEnforced = false} removes the lock condition of lines 23 and 29: a deliberately
   * broken variant that only tests construct (through a test-side helper in this package) to show
   * that the simulation's safety checker catches what the rule prevents.
   */
  ConsensusCore(
      Genesis genesis,
      int validatorIndex,
      Ed25519Signer signer,
      ConsensusConfig config,
      SafetyStore safetyStore,
      BlockStore blockStore,
      Application application,
      Mempool mempool,
      SignatureVerifier.Check signatureCheck,
      boolean lockRuleEnforced) {
    if (!genesis.isValidator(validatorIndex)
        || !genesis.validator(validatorIndex).key().equals(signer.publicKey())) {
      throw new IllegalArgumentException("signer is not validator " + validatorIndex);
    }
    this.genesis = genesis;
    this.chainId = genesis.hash();
    this.self = validatorIndex;
    this.signer = signer;
    this.config = config;
    this.safetyStore = safetyStore;
    this.blockStore = blockStore;
    this.application = application;
    this.mempool = mempool;
    this.lockRuleEnforced = lockRuleEnforced;
    this.signatures = new SignatureVerifier(genesis, config.signatureCacheSize(), signatureCheck);
    this.voteValidator = new VoteValidator(genesis, chainId, signatures);
    this.proposalValidator = new ProposalValidator(genesis, chainId, signatures, voteValidator);
    this.certificateValidator = new CertificateValidator(genesis, chainId, signatures);
    this.blockValidator =
        new BlockValidator(genesis, chainId, certificateValidator, config.maxClockAheadMillis());
    this.syncValidator = new SyncValidator(genesis, chainId, signatures);
    recover();
  }

  private void recover() {
    long stored = blockStore.lastHeight();
    for (long h = application.lastAppliedHeight() + 1; h <= stored; h++) {
      application.apply(blockStore.get(h).orElseThrow().block());
    }
    last = stored == 0 ? null : blockStore.get(stored).orElseThrow();
    height = stored + 1;
    Optional<SafetyState> saved = safetyStore.load();
    watermark = saved.map(SafetyState::watermark).orElse(SignWatermark.NONE);
    if (saved.isPresent() && saved.get().height() == height) {
      SafetyState s = saved.get();
      round = s.round();
      step = s.step();
      lockedRound = s.lockedRound();
      lockedId = s.lockedBlock().orElse(null);
      validRound = s.validRound();
      validBlock = s.validBlock().map(this::savedBlock).orElse(null);
      validProofOfLock = s.validProofOfLock();
      ownMessages = restore(s.ownMessages());
      roundEntryProof = restore(s.roundEntryProof());
      restored = true;
    }
  }

  private Block savedBlock(Hash32 hash) {
    return safetyStore
        .loadBlock(hash)
        .filter(b -> b.hash().equals(hash))
        .orElseThrow(() -> new IllegalStateException("safety store lost block " + hash));
  }

  private List<ConsensusMessage> restore(List<SavedMessage> saved) {
    List<ConsensusMessage> messages = new ArrayList<>();
    for (SavedMessage m : saved) {
      messages.add(
          m.restore(h -> Optional.of(savedBlock(h)))
              .orElseThrow(() -> new IllegalStateException("safety store lost a proposal")));
    }
    return messages;
  }

  /** Feeds one input; returns what to do, in order. Never throws for bad network input. */
  public List<Output> handle(Input input) {
    out = new ArrayList<>();
    now = input.localTime();
    if (input instanceof Input.Start) {
      if (!started) {
        started = true;
        start();
      }
    } else if (!started) {
      return List.of();
    } else if (input instanceof Input.MessageReceived m) {
      onBytes(m.bytes());
    } else if (input instanceof Input.TimerExpired t) {
      onTimer(t.timer());
    }
    evaluateRules();
    List<Output> result = List.copyOf(out);
    out = new ArrayList<>();
    return result;
  }

  // Line 10: upon start do StartRound(0) -- or resume the round a crash interrupted.
  private void start() {
    scheduleRelay();
    boolean signedThisRound = watermark.compareTo(new SignWatermark(height, round, 0)) >= 0;
    if (restored && signedThisRound) {
      // The crash may have fallen between persisting and sending: send again, and count our own
      // messages as received. The round-entry proof lets the others follow us into this round.
      for (ConsensusMessage m : List.copyOf(roundEntryProof)) {
        byte[] bytes = m.encode();
        send(new Output.Broadcast(bytes));
        onBytes(bytes);
      }
      for (ConsensusMessage m : List.copyOf(ownMessages)) {
        byte[] bytes = m.encode();
        send(new Output.Broadcast(bytes));
        onBytes(bytes);
      }
      if (step == Step.PROPOSE) {
        schedule(TimerKind.PROPOSE, round);
      }
    } else {
      startRound(round);
    }
    restored = false;
  }

  // ---------------------------------------------------------------- Algorithm 1, the functions

  /** StartRound(round), lines 11-21. */
  private void startRound(int r) {
    round = r;
    step = Step.PROPOSE;
    if (genesis.proposer(height, r) == self && waitsBeforeProposingEmpty(r)) {
      // Departure (docs/consensus.md §7): an idle chain does not spin through empty heights.
      out.add(
          new Output.ScheduleTimer(
              new Timer(TimerKind.BUILD, height, r), ConsensusConfig.EMPTY_BLOCK_POLL_MILLIS));
      return;
    }
    if (genesis.proposer(height, r) == self) {
      Block proposal;
      int vr;
      List<SignedVote> pol;
      if (validBlock != null) {
        proposal = validBlock;
        vr = validRound;
        pol = validProofOfLock;
      } else {
        proposal = getValue(r);
        vr = -1;
        pol = List.of();
      }
      broadcastProposal(proposal, vr, pol);
    } else {
      schedule(TimerKind.PROPOSE, r);
    }
  }

  /**
   * Whether the proposer of round 0 should hold back: it has no locked or valid block to
   * re-propose, its mempool holds nothing the application accepts, and the last block is younger
   * than the empty-block interval. Later rounds never wait, so a view change is never slowed down.
   *
   * <p>"Nothing the application accepts", not "empty": a transaction that getValue() filters out
   * (the state changed under it since it was pooled) would otherwise make every height propose an
   * empty block at once; a lone validator then decided height after height inside one step, never
   * returning to let the mempool's re-check drop that transaction (seen as thousands of empty
   * blocks a second and a stalled node).
   */
  private boolean waitsBeforeProposingEmpty(int r) {
    long interval = config.emptyBlockIntervalMillis();
    return interval > 0
        && r == 0
        && validBlock == null
        && last != null
        && now < last.block().header().timestamp() + interval
        && !mempoolHoldsAnAcceptableTransaction();
  }

  /** Looks at the oldest few pooled transactions only: the wait is bounded by the interval. */
  private boolean mempoolHoldsAnAcceptableTransaction() {
    for (byte[] tx : mempool.reap(64, config.maxBlockTransactionBytes())) {
      if (application.validateTx(tx).ok()) {
        return true;
      }
    }
    return false;
  }

  /** getValue() of line 18: a fresh block from the mempool, filtered by the application. */
  private Block getValue(int r) {
    List<byte[]> reaped =
        mempool.reap(config.maxBlockTransactions(), config.maxBlockTransactionBytes());
    List<byte[]> txs = new ArrayList<>();
    Set<Hash32> seen = new HashSet<>();
    for (byte[] tx : reaped) {
      if (txs.size() < io.votechain.consensus.block.BlockLimits.MAX_TRANSACTIONS
          && tx.length <= io.votechain.consensus.block.BlockLimits.MAX_TRANSACTION_BYTES
          && seen.add(Sha256.hash(tx))
          && application.validateTx(tx).ok()) {
        txs.add(tx);
      }
    }
    long timestamp = Math.max(now, parentTimestamp() + 1);
    Optional<CommitCertificate> lastCommit =
        last == null ? Optional.empty() : Optional.of(last.certificate());
    return BlockBuilder.build(
        chainId,
        height,
        r,
        timestamp,
        parentHash(),
        application.stateHash(),
        lastCommit,
        self,
        txs);
  }

  /** OnTimeoutPropose, OnTimeoutPrevote, OnTimeoutPrecommit (lines 57-67), relay and sync. */
  private void onTimer(Timer t) {
    switch (t.kind()) {
      case PROPOSE -> {
        // Lines 57-60.
        if (t.height() == height && t.round() == round && step == Step.PROPOSE) {
          step = Step.PREVOTE;
          broadcastVote(VoteType.PREVOTE, Optional.empty());
        }
      }
      case PREVOTE -> {
        // Lines 61-64.
        if (t.height() == height && t.round() == round && step == Step.PREVOTE) {
          step = Step.PRECOMMIT;
          broadcastVote(VoteType.PRECOMMIT, Optional.empty());
        }
      }
      case PRECOMMIT -> {
        // Lines 65-67.
        if (t.height() == height && t.round() == round) {
          roundEntryProof = voteMessages(log.get(round).precommits.all());
          startRound(round + 1);
        }
      }
      case RELAY -> {
        if (t.height() == height) {
          relay();
          scheduleRelay();
        }
      }
      case SYNC -> {
        if (t.height() == height) {
          syncInFlight = false;
        }
      }
      case BUILD -> {
        if (t.height() == height && t.round() == round && step == Step.PROPOSE) {
          startRound(round);
        }
      }
    }
  }

  // ---------------------------------------------------------------- Algorithm 1, the upon rules

  /** Applies upon-rules until none fires; each firing changes state, so this terminates. */
  private void evaluateRules() {
    if (!started) {
      return;
    }
    boolean fired = true;
    while (fired) {
      fired =
          line49Decide()
              || line55SkipRound()
              || line22PrevoteFreshProposal()
              || line28PrevoteProposalWithProofOfLock()
              || line34SchedulePrevoteTimeout()
              || line36LockAndPrecommit()
              || line44PrecommitNil()
              || line47SchedulePrecommitTimeout();
    }
    // After the rules: line 49 may have decided with a proposal that arrived with this input.
    fetchDecidedBlockWeLack();
  }

  /** Lines 22-27. */
  private boolean line22PrevoteFreshProposal() {
    RoundLog rl = log.get(round);
    if (step != Step.PROPOSE || rl == null || rl.proposal == null) {
      return false;
    }
    if (rl.proposal.proposal().validRound() != -1) {
      return false;
    }
    Block v = rl.proposal.block();
    boolean lockAllows = lockedRound == -1 || v.hash().equals(lockedId) || !lockRuleEnforced;
    step = Step.PREVOTE;
    broadcastVote(
        VoteType.PREVOTE, valid(v, true) && lockAllows ? Optional.of(v.hash()) : Optional.empty());
    return true;
  }

  /** Lines 28-33. */
  private boolean line28PrevoteProposalWithProofOfLock() {
    RoundLog rl = log.get(round);
    if (step != Step.PROPOSE || rl == null || rl.proposal == null) {
      return false;
    }
    int vr = rl.proposal.proposal().validRound();
    if (vr < 0 || vr >= round) {
      return false;
    }
    Block v = rl.proposal.block();
    // "AND 2f+1 ⟨PREVOTE, h, vr, id(v)⟩": the proposal's proof of lock, already verified by
    // ProposalValidator to be n − f prevotes of distinct validators for exactly (h, vr, id(v)).
    // Counting the log instead is not enough: an equivocator may have filled its slots in our
    // VoteSet with junk, so its prevote inside the proof would not count (soak seed 1014915).
    RoundLog vrl = log.get(vr);
    boolean proofOfLock =
        rl.proposal.proofOfLock().size() >= genesis.quorum()
            || (vrl != null && vrl.prevotes.count(Optional.of(v.hash())) >= genesis.quorum());
    if (!proofOfLock) {
      return false;
    }
    boolean lockAllows = lockedRound <= vr || v.hash().equals(lockedId) || !lockRuleEnforced;
    step = Step.PREVOTE;
    broadcastVote(
        VoteType.PREVOTE, valid(v, true) && lockAllows ? Optional.of(v.hash()) : Optional.empty());
    return true;
  }

  /** Lines 34-35. */
  private boolean line34SchedulePrevoteTimeout() {
    RoundLog rl = log.get(round);
    if (step != Step.PREVOTE
        || rl == null
        || rl.prevoteTimerScheduled
        || rl.prevotes.total() < genesis.quorum()) {
      return false;
    }
    rl.prevoteTimerScheduled = true;
    schedule(TimerKind.PREVOTE, round);
    return true;
  }

  /** Lines 36-43. */
  private boolean line36LockAndPrecommit() {
    RoundLog rl = log.get(round);
    if (rl == null || rl.proposal == null || rl.lockRuleFired || !step.atLeast(Step.PREVOTE)) {
      return false;
    }
    Block v = rl.proposal.block();
    Optional<Hash32> id = Optional.of(v.hash());
    if (rl.prevotes.count(id) < genesis.quorum() || !valid(v, false)) {
      return false;
    }
    rl.lockRuleFired = true;
    validBlock = v;
    validRound = round;
    validProofOfLock = rl.prevotes.votesFor(id);
    if (step == Step.PREVOTE) {
      lockedId = v.hash();
      lockedRound = round;
      step = Step.PRECOMMIT;
      broadcastVote(VoteType.PRECOMMIT, id);
    }
    return true;
  }

  /** Lines 44-46. */
  private boolean line44PrecommitNil() {
    RoundLog rl = log.get(round);
    if (step != Step.PREVOTE
        || rl == null
        || rl.prevotes.count(Optional.empty()) < genesis.quorum()) {
      return false;
    }
    step = Step.PRECOMMIT;
    broadcastVote(VoteType.PRECOMMIT, Optional.empty());
    return true;
  }

  /** Lines 47-48. */
  private boolean line47SchedulePrecommitTimeout() {
    RoundLog rl = log.get(round);
    if (rl == null || rl.precommitTimerScheduled || rl.precommits.total() < genesis.quorum()) {
      return false;
    }
    rl.precommitTimerScheduled = true;
    schedule(TimerKind.PRECOMMIT, round);
    return true;
  }

  /** Lines 49-54: a proposal of any round with n − f precommits for it decides the height. */
  private boolean line49Decide() {
    for (Map.Entry<Integer, RoundLog> e : log.entrySet()) {
      RoundLog rl = e.getValue();
      if (rl.proposal == null) {
        continue;
      }
      Block v = rl.proposal.block();
      Optional<Hash32> id = Optional.of(v.hash());
      if (rl.precommits.count(id) >= genesis.quorum() && valid(v, false)) {
        commit(new CommittedBlock(v, CommitCertificate.of(rl.precommits.votesFor(id))));
        return true;
      }
    }
    return false;
  }

  /** Lines 55-56: f+1 validators already in a later round pull us there (the highest such). */
  private boolean line55SkipRound() {
    for (Map.Entry<Integer, RoundLog> e : log.descendingMap().entrySet()) {
      if (e.getKey() <= round) {
        return false;
      }
      if (e.getValue().senders.cardinality() >= genesis.skipThreshold()) {
        roundEntryProof = roundMessages(e.getValue());
        startRound(e.getKey());
        return true;
      }
    }
    return false;
  }

  /** decision_p[h_p] = v, then lines 52-54 (plus storing, applying and announcing the block). */
  private void commit(CommittedBlock decided) {
    recordDecision(decided);
    enterHeight();
  }

  /** Lines 51-53: store, apply and announce the decision; reset the per-height state. */
  private void recordDecision(CommittedBlock decided) {
    blockStore.append(decided);
    application.apply(decided.block());
    out.add(new Output.Committed(decided));
    last = decided;
    height++;
    lockedId = null;
    lockedRound = -1;
    validBlock = null;
    validRound = -1;
    validProofOfLock = List.of();
    log = new TreeMap<>();
    roundEntryProof = List.of();
    validity.clear();
    decidedBlockPeersAsked.clear();
    droppedProposalHeights.headSet(height).clear();
  }

  /** Line 54, StartRound(0) at the new height, then the messages that arrived early for it. */
  private void enterHeight() {
    syncInFlight = false;
    startRound(0);
    scheduleRelay();
    List<byte[]> buffered = new ArrayList<>(nextHeightBuffer.values());
    nextHeightBuffer.clear();
    for (byte[] m : buffered) {
      onBytes(m);
    }
  }

  // ---------------------------------------------------------------- receiving

  private void onBytes(byte[] bytes) {
    ConsensusMessage m;
    try {
      m = ConsensusMessage.decode(bytes);
    } catch (EncodingException | IllegalArgumentException e) {
      drop(RejectReason.MALFORMED);
      return;
    }
    if (m instanceof VoteMessage vm) {
      onVote(vm.signed(), bytes);
    } else if (m instanceof ProposalMessage pm) {
      onProposal(pm, bytes);
    } else if (m instanceof SyncRequest sr) {
      onSyncRequest(sr);
    } else if (m instanceof SyncResponse sr) {
      onSyncResponse(sr);
    }
  }

  private void onVote(SignedVote sv, byte[] bytes) {
    Vote v = sv.vote();
    if (!admissible(v.height(), v.round())) {
      return;
    }
    Verdict verdict = voteValidator.validate(sv);
    if (verdict instanceof Verdict.Reject r) {
      drop(r.reason());
      return;
    }
    if (v.height() > height) {
      onLaterHeight(v.height(), v.validator(), v.type().tag() + ":" + v.round(), bytes);
      return;
    }
    recordVote(sv, false);
  }

  private void onProposal(ProposalMessage pm, byte[] bytes) {
    Proposal p = pm.proposal();
    if (!admissible(p.height(), p.round())) {
      return;
    }
    // A proposal carries a whole block: keep at most a few rounds ahead (memory bound). One that
    // is needed later comes again with the proposer's relay. Not remembered for
    // fetchDecidedBlockWeLack: it is dropped before its signature is checked (this drop is the
    // cheap defence against round flooding), and remembering our own height would arm the fetch
    // for every round of it, the case where a late proposal would be fetched twice.
    if (p.height() == height && p.round() > round + PROPOSAL_ROUNDS_AHEAD) {
      drop(RejectReason.ROUND_TOO_FAR_AHEAD);
      return;
    }
    Verdict verdict = proposalValidator.validate(pm);
    if (verdict instanceof Verdict.Reject r) {
      drop(r.reason());
      return;
    }
    if (p.height() > height) {
      if (onLaterHeight(p.height(), p.proposer(), "p:" + p.round(), bytes)) {
        rememberDroppedProposal(p.height());
      }
      return;
    }
    storeProposal(pm, bytes);
  }

  private void storeProposal(ProposalMessage pm, byte[] bytes) {
    Proposal p = pm.proposal();
    RoundLog rl = log.computeIfAbsent(p.round(), k -> new RoundLog());
    if (rl.proposal != null) {
      if (rl.proposal.proposal().equals(p)) {
        drop(RejectReason.DUPLICATE);
      } else {
        addEvidence(new EquivocationEvidence.DuplicateProposal(rl.proposal.signed(), pm.signed()));
      }
      return;
    }
    rl.proposal = pm;
    rl.proposalBytes = bytes.clone();
    rl.senders.set(p.proposer());
    for (SignedVote pol : pm.proofOfLock()) {
      recordVote(pol, true);
    }
  }

  /** Height and round bounds shared by proposals and votes; counts the drop when out of bounds. */
  private boolean admissible(long msgHeight, int msgRound) {
    if (msgHeight < height) {
      drop(RejectReason.STALE_HEIGHT);
      return false;
    }
    if (msgHeight == height && msgRound > (long) round + config.maxRoundsAhead()) {
      drop(RejectReason.ROUND_TOO_FAR_AHEAD);
      return false;
    }
    return true;
  }

  /**
   * A verified message from a later height: its author has decided our height. Keep h+1 messages
   * (bounded) to replay after we decide; anything further means we are behind, so ask for blocks.
   * Returns whether it was dropped for being too far ahead (h+2 or later, or h+1 with the buffer
   * full); not when its slot is buffered already, as then we hold that slot's message.
   */
  private boolean onLaterHeight(long msgHeight, int author, String slot, byte[] bytes) {
    if (msgHeight == height + 1) {
      String key = author + ":" + slot;
      if (nextHeightBuffer.containsKey(key)) {
        drop(RejectReason.DUPLICATE);
        return false;
      }
      if (nextHeightBuffer.size() >= 12 * genesis.size()) {
        drop(RejectReason.DUPLICATE);
        return true;
      }
      nextHeightBuffer.put(key, bytes.clone());
      return false;
    }
    drop(RejectReason.HEIGHT_TOO_FAR_AHEAD);
    requestSync(author);
    return true;
  }

  /**
   * Keeps the lowest heights: we reach heights in order, so those are the next we may need, and a
   * Byzantine proposer signing proposals far ahead cannot push them out. A height left out loses
   * only the shortcut; relay and catch-up still bring its block. The proposal was verified first,
   * so a Byzantine validator can add only heights it signs proposals for.
   */
  private void rememberDroppedProposal(long h) {
    droppedProposalHeights.add(h);
    if (droppedProposalHeights.size() > MAX_DROPPED_PROPOSAL_HEIGHTS) {
      droppedProposalHeights.pollLast();
    }
  }

  private void recordVote(SignedVote sv, boolean fromProofOfLock) {
    Vote v = sv.vote();
    RoundLog rl = log.computeIfAbsent(v.round(), k -> new RoundLog());
    VoteSet set = v.type() == VoteType.PREVOTE ? rl.prevotes : rl.precommits;
    VoteSet.Added added = set.add(sv);
    switch (added.kind()) {
      case ADDED -> rl.senders.set(v.validator());
      case DUPLICATE -> {
        if (!fromProofOfLock) {
          drop(RejectReason.DUPLICATE);
        }
      }
      case CONFLICT -> {
        rl.senders.set(v.validator());
        addEvidence(new EquivocationEvidence.DuplicateVote(added.existing(), sv));
      }
      case OVER_LIMIT -> drop(RejectReason.DUPLICATE);
    }
  }

  private void addEvidence(EquivocationEvidence e) {
    if (evidenceSeen.add(Sha256.hash(e.encode()))) {
      evidence.add(e);
      out.add(new Output.EvidenceFound(e));
    }
  }

  // ---------------------------------------------------------------- catch-up

  private void requestSync(int peer) {
    if (syncInFlight || peer == self) {
      return;
    }
    syncInFlight = true;
    byte[] sig = sign(SyncRequest.signBytes(chainId, self, height));
    send(new Output.SendTo(peer, new SyncRequest(self, height, sig).encode()));
    out.add(
        new Output.ScheduleTimer(
            new Timer(TimerKind.SYNC, height, 0), config.timeouts().timeout(TimerKind.SYNC, 1)));
  }

  /**
   * Departure (docs/consensus.md §7, item 10): n − f precommits for a block of a round whose
   * proposal we do not hold mean the height is decided, and line 49 cannot fire for us without the
   * block. At a height whose proposal we dropped as too far ahead, nothing will bring it soon: the
   * proposer has moved on and relays only its new height, so we would wait for the precommit
   * timeout and a relay timer, and as the next proposer hold up everyone. So there we ask a
   * validator that precommitted it (it held the proposal, and has most likely decided) at once,
   * with the ordinary sync request; the answer is verified like any sync response, so the request
   * itself decides nothing. Not at other heights: there the proposal is most likely still on its
   * way (a large one is overtaken by the small precommits), and asking fetched the block twice and
   * cost throughput at saturation (§8).
   *
   * <p>A precommitter may not have decided yet (it answers nothing), or its answer may be lost or
   * fail verification; with nobody else to ask we would be left to relay and catch-up, which at
   * such a height may bring nothing. So once the request is over (answered without the block, or
   * ended by its SYNC timer) the next precommitter is asked: the lowest index not asked yet for
   * this block. Each one at most once per block and height, so Byzantine precommits cannot make us
   * send more than n − 1 requests per block; after the last, relay and catch-up remain.
   */
  private void fetchDecidedBlockWeLack() {
    if (!droppedProposalHeights.contains(height)) {
      return;
    }
    if (syncInFlight) {
      // A request for this height is out already and may bring the block; look again when it is
      // answered or its SYNC timer ends it.
      return;
    }
    for (RoundLog rl : log.values()) {
      for (Hash32 id : rl.precommits.blocksWithAtLeast(genesis.quorum())) {
        if (rl.proposal != null && rl.proposal.block().hash().equals(id)) {
          continue;
        }
        BitSet asked = decidedBlockPeersAsked.computeIfAbsent(id, k -> new BitSet());
        int peer = lowestPrecommitterNotAsked(rl, id, asked);
        if (peer >= 0) {
          asked.set(peer);
          decidedBlockFetches++;
          requestSync(peer);
          return;
        }
      }
    }
  }

  /**
   * Lowest index first: the core may choose only by its inputs (no randomness), and any will do.
   * Returns −1 when every precommitter of {@code id} in this round besides us has been asked.
   */
  private int lowestPrecommitterNotAsked(RoundLog rl, Hash32 id, BitSet asked) {
    int lowest = -1;
    for (SignedVote sv : rl.precommits.votesFor(Optional.of(id))) {
      int v = sv.vote().validator();
      if (v != self && !asked.get(v) && (lowest < 0 || v < lowest)) {
        lowest = v;
      }
    }
    return lowest;
  }

  private void onSyncRequest(SyncRequest request) {
    Verdict verdict = syncValidator.validate(request);
    if (verdict instanceof Verdict.Reject r) {
      drop(r.reason());
      return;
    }
    List<CommittedBlock> blocks = new ArrayList<>();
    long bytes = 0;
    for (long h = request.fromHeight();
        h <= blockStore.lastHeight() && blocks.size() < SyncResponse.MAX_BLOCKS;
        h++) {
      CommittedBlock b = blockStore.get(h).orElseThrow();
      bytes += b.block().encode().length;
      if (!blocks.isEmpty() && bytes > MAX_SYNC_RESPONSE_BYTES) {
        break;
      }
      blocks.add(b);
    }
    if (blocks.isEmpty() || request.requester() == self) {
      return;
    }
    byte[] sig = sign(SyncResponse.signBytes(chainId, self, blocks));
    send(new Output.SendTo(request.requester(), new SyncResponse(self, blocks, sig).encode()));
  }

  private void onSyncResponse(SyncResponse response) {
    Verdict verdict = syncValidator.validate(response);
    if (verdict instanceof Verdict.Reject r) {
      drop(r.reason());
      return;
    }
    syncInFlight = false;
    boolean appliedAny = false;
    boolean appliedLast = false;
    for (CommittedBlock cb : response.blocks()) {
      if (cb.height() < height) {
        continue;
      }
      if (cb.height() > height) {
        break;
      }
      Verdict v = verifyCommitted(cb);
      if (v instanceof Verdict.Reject r) {
        drop(r.reason());
        break;
      }
      // Intermediate heights are decided already: no rounds (and no proposals) for them.
      recordDecision(cb);
      appliedAny = true;
      appliedLast = cb == response.blocks().get(response.blocks().size() - 1);
    }
    if (appliedAny) {
      enterHeight();
    }
    if (appliedLast && response.blocks().size() == SyncResponse.MAX_BLOCKS) {
      requestSync(response.responder());
    }
  }

  /** A block from a peer: valid at our height, extending our chain, with a quorum certificate. */
  private Verdict verifyCommitted(CommittedBlock cb) {
    Verdict cert = certificateValidator.validate(cb.certificate(), height, cb.block().hash());
    if (!cert.accepted()) {
      return cert;
    }
    return blockValidator.validate(cb.block(), context(OptionalLong.empty()), this::txValid);
  }

  // ---------------------------------------------------------------- sending

  private void broadcastProposal(Block v, int vr, List<SignedVote> pol) {
    Proposal p = new Proposal(height, round, vr, v.hash(), self);
    SignWatermark slot = new SignWatermark(height, round, SignWatermark.PROPOSAL);
    if (slot.compareTo(watermark) <= 0) {
      return;
    }
    byte[] sig = sign(p.signBytes(chainId));
    persistThenSend(slot, new ProposalMessage(new SignedProposal(p, sig), v, pol));
  }

  private void broadcastVote(VoteType type, Optional<Hash32> value) {
    int rank = type == VoteType.PREVOTE ? SignWatermark.PREVOTE : SignWatermark.PRECOMMIT;
    SignWatermark slot = new SignWatermark(height, round, rank);
    if (slot.compareTo(watermark) <= 0) {
      return; // already signed for this slot before a restart: never sign twice
    }
    Vote vote = new Vote(type, height, round, value, self);
    byte[] sig = sign(vote.signBytes(chainId));
    persistThenSend(slot, new VoteMessage(new SignedVote(vote, sig)));
  }

  private void persistThenSend(SignWatermark slot, ConsensusMessage signed) {
    byte[] message = signed.encode();
    if (slot.height() != watermark.height() || slot.round() != watermark.round()) {
      ownMessages = new ArrayList<>();
    }
    ownMessages.add(signed);
    watermark = slot;
    SafetyState state =
        new SafetyState(
            height,
            round,
            step,
            lockedRound,
            Optional.ofNullable(lockedId),
            validRound,
            Optional.ofNullable(validBlock).map(Block::hash),
            validProofOfLock,
            watermark,
            saved(ownMessages),
            saved(roundEntryProof));
    safetyStore.save(state, bodiesNamedBy(state));
    send(new Output.Broadcast(message));
    // Broadcast includes the sender itself; its own signature needs no check.
    if (signed instanceof VoteMessage vm) {
      recordVote(vm.signed(), false);
    } else if (signed instanceof ProposalMessage pm) {
      storeProposal(pm, message);
    }
  }

  private static List<SavedMessage> saved(List<ConsensusMessage> messages) {
    List<SavedMessage> out = new ArrayList<>(messages.size());
    for (ConsensusMessage m : messages) {
      out.add(SavedMessage.of(m));
    }
    return out;
  }

  /** The bodies of {@link SafetyState#blockHashes()}, all of them at hand in memory. */
  private List<Block> bodiesNamedBy(SafetyState state) {
    Map<Hash32, Block> known = new HashMap<>(); // looked up only
    if (validBlock != null) {
      known.put(validBlock.hash(), validBlock);
    }
    for (List<ConsensusMessage> list : List.of(ownMessages, roundEntryProof)) {
      for (ConsensusMessage m : list) {
        if (m instanceof ProposalMessage pm) {
          known.put(pm.block().hash(), pm.block());
        }
      }
    }
    List<Block> bodies = new ArrayList<>();
    for (Hash32 h : state.blockHashes()) {
      bodies.add(known.get(h));
    }
    return bodies;
  }

  private static List<ConsensusMessage> voteMessages(List<SignedVote> votes) {
    List<ConsensusMessage> out = new ArrayList<>(votes.size());
    for (SignedVote v : votes) {
      out.add(new VoteMessage(v));
    }
    return out;
  }

  private static List<byte[]> encode(List<SignedVote> votes) {
    List<byte[]> out = new ArrayList<>(votes.size());
    for (SignedVote v : votes) {
      out.add(new VoteMessage(v).encode());
    }
    return out;
  }

  /** The messages of one round as the round-entry proof keeps them. */
  private static List<ConsensusMessage> roundMessages(RoundLog rl) {
    List<ConsensusMessage> out = new ArrayList<>();
    if (rl.proposal != null) {
      out.add(rl.proposal);
    }
    out.addAll(voteMessages(rl.prevotes.all()));
    out.addAll(voteMessages(rl.precommits.all()));
    return out;
  }

  private static List<byte[]> messagesOf(RoundLog rl) {
    List<byte[]> out = new ArrayList<>();
    if (rl.proposal != null) {
      out.add(rl.proposalBytes);
    }
    out.addAll(encode(rl.prevotes.all()));
    out.addAll(encode(rl.precommits.all()));
    return out;
  }

  private void relay() {
    for (RoundLog rl : log.tailMap(Math.max(0, round - 1), true).values()) {
      for (byte[] m : messagesOf(rl)) {
        send(new Output.Broadcast(m));
      }
    }
    if (!nextHeightBuffer.isEmpty()) {
      // Someone decided this height and we did not see it: fetch the block.
      String firstKey = nextHeightBuffer.keySet().iterator().next();
      requestSync(Integer.parseInt(firstKey.substring(0, firstKey.indexOf(':'))));
    }
  }

  private byte[] sign(byte[] message) {
    signaturesMade++;
    return signer.sign(message);
  }

  private void send(Output o) {
    messagesSent++;
    out.add(o);
  }

  private void schedule(TimerKind kind, int r) {
    out.add(
        new Output.ScheduleTimer(new Timer(kind, height, r), config.timeouts().timeout(kind, r)));
  }

  private void scheduleRelay() {
    out.add(
        new Output.ScheduleTimer(
            new Timer(TimerKind.RELAY, height, round),
            2 * config.timeouts().timeout(TimerKind.RELAY, round)));
  }

  // ---------------------------------------------------------------- validity

  /**
   * valid(v). The clock half of the timestamp rule is applied only when prevoting (lines 22, 28):
   * once n − f validators prevoted or precommitted v, at least one honest validator found its
   * timestamp acceptable, and a skewed clock must not stop a validator from locking or deciding.
   */
  private boolean valid(Block v, boolean checkClock) {
    Verdict verdict =
        validity.computeIfAbsent(
            v.hash(),
            k -> blockValidator.validate(v, context(OptionalLong.empty()), this::txValid));
    return verdict.accepted() && (!checkClock || blockValidator.timestampAcceptable(v, now));
  }

  private boolean txValid(byte[] tx) {
    return application.validateTx(tx).ok();
  }

  private BlockContext context(OptionalLong localTime) {
    return new BlockContext(
        height, parentHash(), parentTimestamp(), application.stateHash(), localTime);
  }

  private Hash32 parentHash() {
    return last == null ? chainId : last.block().hash();
  }

  private long parentTimestamp() {
    return last == null ? genesis.genesisTime() : last.block().header().timestamp();
  }

  private void drop(RejectReason reason) {
    drops.merge(reason, 1L, Long::sum);
  }

  // ---------------------------------------------------------------- observation

  public long height() {
    return height;
  }

  public int round() {
    return round;
  }

  public Step step() {
    return step;
  }

  public int validatorIndex() {
    return self;
  }

  /** Drop counts by reason (a copy). */
  public Map<RejectReason, Long> drops() {
    return Collections.unmodifiableMap(new EnumMap<>(drops));
  }

  /** Equivocation evidence found so far, in the order found. */
  public List<EquivocationEvidence> evidence() {
    return List.copyOf(evidence);
  }

  public long signatureVerifications() {
    return signatures.verifications();
  }

  /**
   * How many sync requests for a decided block whose proposal was dropped as too far ahead were
   * sent ({@link #fetchDecidedBlockWeLack}), each retry to a further precommitter counted too; a
   * metric, so that a load run shows how often it fires.
   */
  public long decidedBlockFetches() {
    return decidedBlockFetches;
  }

  public long signaturesMade() {
    return signaturesMade;
  }

  public long messagesSent() {
    return messagesSent;
  }

  /** The heights whose proposal was dropped as too far ahead and not yet passed, lowest first. */
  List<Long> droppedProposalHeights() {
    return List.copyOf(droppedProposalHeights);
  }

  /**
   * A one-screen summary of the state machine (height, round, step, lock, per-round vote counts,
   * drop counts) for logs and simulator failure reports. Holds no secret.
   */
  public String diagnostics() {
    StringBuilder b = new StringBuilder();
    b.append(String.format("validator %d height %d round %d %s", self, height, round, step));
    b.append(String.format(" lockedRound %d validRound %d %s", lockedRound, validRound, watermark));
    b.append(
        String.format(
            " syncInFlight %s buffered %d droppedProposalHeights %s%n",
            syncInFlight, nextHeightBuffer.size(), droppedProposalHeights));
    for (Map.Entry<Integer, RoundLog> e : log.entrySet()) {
      RoundLog rl = e.getValue();
      b.append(
          String.format(
              "  round %d proposal %s prevotes %d (nil %d) precommits %d (nil %d) senders %s%n",
              e.getKey(),
              rl.proposal == null
                  ? "none"
                  : "vr=" + rl.proposal.proposal().validRound() + " " + rl.proposal.block().hash(),
              rl.prevotes.total(),
              rl.prevotes.count(Optional.empty()),
              rl.precommits.total(),
              rl.precommits.count(Optional.empty()),
              rl.senders));
    }
    b.append("  drops ").append(drops);
    return b.toString();
  }

  public Hash32 chainId() {
    return chainId;
  }
}
