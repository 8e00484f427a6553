package io.votechain.contract;

import static io.votechain.tx.ErrorCode.BAD_NONCE;
import static io.votechain.tx.ErrorCode.BAD_SIGNATURE;

import io.votechain.ballot.BallotVerification;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.state.OverlayState;
import io.votechain.state.StateHash;
import io.votechain.state.StateKey;
import io.votechain.state.StateView;
import io.votechain.state.StateWrite;
import io.votechain.tx.CastBallot;
import io.votechain.tx.CheckIn;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.TxKind;
import io.votechain.tx.Validation;
import io.votechain.util.BoundedLruCache;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Dispatches transactions to the contracts and executes blocks (docs/contracts.md §5). For every
 * transaction of a block, in order:
 *
 * <ol>
 *   <li>envelope: signature over the transaction for this chain ({@code BAD_SIGNATURE}), then nonce
 *       equal to the signer's next sequence number ({@code BAD_NONCE}); a failure here leaves no
 *       trace in state;
 *   <li>the nonce is consumed — from here on the transaction can never be replayed;
 *   <li>the contract validates; a rejection keeps only the consumed nonce;
 *   <li>the contract applies, into a per-transaction overlay committed only on success.
 * </ol>
 *
 * After the last transaction the block's sorted writes extend the state-hash chain ({@link
 * StateHash}). Deterministic. Not thread safe: the ballot box keeps per-block verdicts and a
 * context cache, so give block execution and the mempool an instance each.
 */
public final class ContractExecutor {
  private final GenesisConfig genesis;
  private final boolean batchVerification;
  private final ElectionContract elections = new ElectionContract();
  private final DeviceRegistry devices;
  private final VoterRoll roll;
  private final GovernanceContract governance;
  private final KeyCeremonyContract keyCeremony = new KeyCeremonyContract();
  private final BallotBox ballotBox;
  private final TallyContract tally = new TallyContract();
  private final MeetingContract meetings = new MeetingContract();
  private final MeetingBallotBox meetingBallots = new MeetingBallotBox();
  private final AuthorityChange authorityChange = new AuthorityChange();
  private final CeremonyRestart ceremonyRestart = new CeremonyRestart();

  /**
   * Signature verdicts by transaction id (checking executors only), or null. The id hashes the
   * whole encoding, signature included, so a verdict found here is the one a fresh check would
   * give, and re-checking a pending transaction after every block costs a look-up, not
   * cryptography. Thread safe, as the executing executor reads it too ({@link #forExecution}).
   */
  private final BoundedLruCache<Hash32, Boolean> verifiedSignatures;

  public ContractExecutor(GenesisConfig genesis) {
    this(genesis, true);
  }

  /**
   * @param batchVerification whether {@link #executeBlock} verifies the ballots of a block as one
   *     batch (the default) or one by one; both give the same receipts and state hash
   */
  public ContractExecutor(GenesisConfig genesis, boolean batchVerification) {
    this(genesis, batchVerification, 0);
  }

  /**
   * An executor for checking transactions before they enter a block (a mempool's), which remembers
   * up to {@code rememberedVerdicts} signature and ballot-proof verdicts: re-checking a pending
   * transaction after every block then costs look-ups instead of cryptography. Verdicts depend only
   * on the bytes they are keyed by, so the outcome of every check is unchanged.
   */
  public static ContractExecutor forChecking(GenesisConfig genesis, int rememberedVerdicts) {
    if (rememberedVerdicts < 1) {
      throw new IllegalArgumentException("rememberedVerdicts must be positive");
    }
    return new ContractExecutor(genesis, true, rememberedVerdicts);
  }

  /**
   * An executor for committed blocks whose batch verification of a block's ballots runs in {@code
   * parts} slices on {@code verification} (the node's cores). The verdicts, receipts and state hash
   * are the same for any executor and any number of parts; only the time differs.
   */
  public static ContractExecutor forExecution(
      GenesisConfig genesis, Executor verification, int parts) {
    return forExecution(genesis, verification, parts, null);
  }

  /**
   * {@link #forExecution(GenesisConfig, Executor, int)} that also looks up the signature and
   * ballot-proof verdicts {@code checking} (a {@link #forChecking} executor of the same chain)
   * remembered: a validator checked every transaction's signature when it arrived, and the proofs
   * of the ballots submitted to it; a signature verdict is a function of the transaction's bytes
   * (its id) and the chain id alone, a proof verdict of the ballot and its election's {@code H_E}
   * (its key), so the block's outcome is unchanged.
   */
  public static ContractExecutor forExecution(
      GenesisConfig genesis, Executor verification, int parts, ContractExecutor checking) {
    if (parts < 1) {
      throw new IllegalArgumentException("parts must be positive");
    }
    if (checking != null && !checking.genesis.chainId().equals(genesis.chainId())) {
      throw new IllegalArgumentException("the checking executor is another chain's");
    }
    ContractExecutor executor =
        new ContractExecutor(
            genesis, true, 0, checking == null ? null : checking.verifiedSignatures);
    executor.ballotBox.verifyWith(verification, parts);
    if (checking != null) {
      executor.ballotBox.consult(checking.ballotBox);
    }
    return executor;
  }

  private ContractExecutor(
      GenesisConfig genesis, boolean batchVerification, int rememberedVerdicts) {
    this(
        genesis,
        batchVerification,
        rememberedVerdicts,
        rememberedVerdicts > 0 ? new BoundedLruCache<>(rememberedVerdicts) : null);
  }

  private ContractExecutor(
      GenesisConfig genesis,
      boolean batchVerification,
      int rememberedVerdicts,
      BoundedLruCache<Hash32, Boolean> signatureVerdicts) {
    this.genesis = genesis;
    this.batchVerification = batchVerification;
    this.devices = new DeviceRegistry(genesis.chainId(), genesis.params());
    this.roll = new VoterRoll(genesis.params());
    this.ballotBox = new BallotBox(genesis.params(), rememberedVerdicts);
    this.verifiedSignatures = signatureVerdicts;
    this.governance = new GovernanceContract(this::handlerFor, genesis.params());
  }

  public String chainId() {
    return genesis.chainId();
  }

  public ChainParams params() {
    return genesis.params();
  }

  public DeviceRegistry devices() {
    return devices;
  }

  /**
   * Writes the genesis configuration into an empty state as block 0 and returns the state hash of
   * block 0: {@code chain/id}, {@code chain/params}, {@code gov/authority}, {@code chain/head}.
   */
  public Hash32 initialize(StateView state) {
    if (state.get(StateKeys.CHAIN_ID).isPresent()) {
      throw new IllegalStateException("state is already initialised");
    }
    OverlayState writes = new OverlayState(state);
    writes.put(StateKeys.CHAIN_ID, genesis.chainId().getBytes(StandardCharsets.UTF_8));
    writes.put(StateKeys.CHAIN_PARAMS, genesis.params().encode());
    writes.put(
        StateKeys.AUTHORITY, new Authority(genesis.officials(), genesis.threshold()).encode());
    writes.put(StateKeys.CHAIN_HEAD, new BlockContext(0, 0, Hash32.ZERO).encode());
    Hash32 hash = StateHash.next(Hash32.ZERO, 0, writes.writes());
    writes.commit();
    return hash;
  }

  /**
   * Validates {@code tx} against {@code state} as the next block would see it (the mempool's check;
   * block execution repeats it).
   */
  public Validation validate(SignedTransaction tx, StateView state) {
    Validation envelope = validateEnvelope(tx, state);
    return envelope.isOk() ? contractFor(tx.kind()).validate(tx, state) : envelope;
  }

  /**
   * {@link #validate} except for the proofs of a cast ballot, which {@link #executeBlock} verifies
   * with the other ballots of its block in one batch (docs/contracts.md §5.3): for a transaction a
   * peer relayed, the mempool's re-check after a block, and the transactions of a proposal. A
   * ballot whose proofs fail is then refused by execution with {@code BALLOT_INVALID}, the same on
   * every validator. The node that receives a ballot from a device or a browser checks it with
   * {@link #validate}, so an honest client still hears of a bad ballot at once.
   */
  public Validation validateDeferringProofs(SignedTransaction tx, StateView state) {
    Validation envelope = validateEnvelope(tx, state);
    if (!envelope.isOk()) {
      return envelope;
    }
    return tx.kind() == TxKind.CAST_BALLOT
        ? ballotBox.validateDeferringProofs(tx, state)
        : contractFor(tx.kind()).validate(tx, state);
  }

  /**
   * The state keys a check of {@code tx} reads that belong to it alone — its signer's nonce and,
   * for a ballot or a check-in, the voter's roll entry, check-in and vote and the ballot's id and
   * hash — for a store whose reads are round trips to fetch together before the checks
   * (docs/storage.md §6). Keys an election shares (its status, manifest, key) and a device's
   * records are left out: every ballot reads them, so they are in the cache already; {@code state}
   * is read for one of them, the election's {@code H_E}, which a ballot's hash needs. A hint only:
   * the check reads what it reads whatever this says, so it changes no outcome.
   */
  public static List<StateKey> keysRead(SignedTransaction tx, StateView state) {
    List<StateKey> keys = new ArrayList<>();
    keys.add(StateKeys.nonce(tx.signer()));
    if (tx.body() instanceof CastBallot cast) {
      String e = cast.electionId();
      keys.add(StateKeys.rollEntry(e, cast.credential()));
      if (!tx.signer().equals(cast.credential())) {
        keys.add(StateKeys.checkIn(e, cast.credential())); // a kiosk's ballot, behind a check-in
      }
      keys.add(StateKeys.vote(e, cast.credential()));
      keys.add(StateKeys.ballotId(e, cast.ballot().ballotId()));
      state
          .get(StateKeys.extendedBaseHash(e))
          .ifPresent(he -> keys.add(StateKeys.ballot(e, cast.ballot().hash(Hash32.of(he)))));
    } else if (tx.body() instanceof CheckIn checkIn) {
      keys.add(StateKeys.rollEntry(checkIn.electionId(), checkIn.credential()));
      keys.add(StateKeys.checkIn(checkIn.electionId(), checkIn.credential()));
    }
    return keys;
  }

  /**
   * Verifies the proofs of the cast ballots among {@code txs} in one batch per election, for a
   * checking executor to {@linkplain #rememberProofVerdicts remember}: the node checks the ballots
   * its clients submit in batches instead of one by one (docs/contracts.md §5.1). Reads {@code
   * state} only and touches no executor, so it runs outside the executor's lock. A lone ballot is a
   * batch of one.
   */
  public static ProofVerdicts verifyProofs(List<SignedTransaction> txs, StateView state) {
    Map<Hash32, BallotVerification> verdicts = new LinkedHashMap<>();
    BallotBox.batchVerdicts(
        txs,
        state,
        Runnable::run,
        1,
        (ballot, he, verdict) -> verdicts.put(ballot.hash(he), verdict));
    return new ProofVerdicts(verdicts);
  }

  /**
   * How many ballot-proof verdicts this (checking) executor remembers now. Reads only the memory,
   * which is thread safe, so it may be called without the lock around the executor's other methods.
   */
  public int rememberedProofVerdicts() {
    return ballotBox.rememberedVerdicts();
  }

  /**
   * Remembers verdicts from {@link #verifyProofs}, so that {@link #validate} of those ballots looks
   * them up. Only a checking executor ({@link #forChecking}) remembers; others ignore them.
   */
  public void rememberProofVerdicts(ProofVerdicts verdicts) {
    ballotBox.remember(verdicts.byBallotHash());
  }

  /**
   * Executes one block on {@code state} and returns its receipts and state hash.
   *
   * @throws IllegalArgumentException if {@code block} does not follow the state's head (height + 1,
   *     timestamp not earlier): the consensus layer guarantees both
   */
  public BlockResult executeBlock(
      BlockContext block, List<SignedTransaction> txs, StateView state, Hash32 previousStateHash) {
    BlockContext head = Chain.head(state);
    if (block.height() != head.height() + 1 || block.timestamp() < head.timestamp()) {
      throw new IllegalArgumentException("block " + block + " does not follow " + head);
    }
    OverlayState blockState = new OverlayState(state);
    beginBlock(block, blockState);
    if (batchVerification) {
      ballotBox.verifyBallotsOfBlock(txs, blockState);
    }
    List<TxReceipt> receipts = new ArrayList<>(txs.size());
    try {
      for (SignedTransaction tx : txs) {
        if (!(tx.body() instanceof CastBallot)) {
          // Whatever else runs sees every running aggregate as it stands (the tally reads them).
          ballotBox.writeAggregates(blockState);
        }
        TxReceipt receipt = execute(tx, blockState, block);
        blockState.put(StateKeys.receipt(receipt.txId()), receipt.encodeOutcome());
        receipts.add(receipt);
      }
      ballotBox.writeAggregates(blockState);
    } finally {
      ballotBox.forgetVerdicts();
      ballotBox.dropPendingAggregates();
    }
    List<StateWrite> writes = blockState.writes();
    Hash32 stateHash = StateHash.next(previousStateHash, block.height(), writes);
    blockState.commit();
    return new BlockResult(block.height(), stateHash, receipts, writes);
  }

  private TxReceipt execute(SignedTransaction tx, StateView blockState, BlockContext block) {
    Hash32 id = tx.id();
    Validation envelope = validateEnvelope(tx, blockState);
    if (!envelope.isOk()) {
      return new TxReceipt(id, envelope.code(), envelope.reason(), List.of());
    }
    OverlayState txState = new OverlayState(blockState);
    Contract contract = contractFor(tx.kind());
    Validation validation = contract.validate(tx, txState);
    List<Event> events = validation.isOk() ? contract.apply(tx, txState, block) : List.of();
    if (validation.isOk()) {
      txState.commit();
    }
    blockState.put(StateKeys.nonce(tx.signer()), encodeNonce(tx.nonce() + 1));
    return new TxReceipt(id, validation.code(), validation.reason(), events);
  }

  /**
   * Records the block in {@code chain/head} and its parent's hash, pruning hashes too old to use.
   */
  private void beginBlock(BlockContext block, StateView state) {
    state.put(StateKeys.CHAIN_HEAD, block.encode());
    long parent = block.height() - 1;
    state.put(StateKeys.blockHash(parent), block.parentBlockHash().bytes());
    long expired = parent - genesis.params().attestationNonceWindow();
    if (expired >= 0 && state.get(StateKeys.blockHash(expired)).isPresent()) {
      state.delete(StateKeys.blockHash(expired));
    }
  }

  private Validation validateEnvelope(SignedTransaction tx, StateView state) {
    if (!signatureVerifies(tx)) {
      return Validation.reject(BAD_SIGNATURE, "signature does not verify on " + genesis.chainId());
    }
    long expected = nextNonce(state, tx.signer());
    if (tx.nonce() != expected) {
      return Validation.reject(BAD_NONCE, "expected nonce " + expected + ", got " + tx.nonce());
    }
    return Validation.ok();
  }

  /**
   * Verifies the signatures of {@code txs} into this (checking) executor's memory, so that their
   * checks find the verdicts. Touches nothing but the memory, which is thread safe: a node calls it
   * without the lock it holds around this executor's other methods, so signature verification (the
   * most expensive part of a check after the proofs) runs in parallel with other checks.
   */
  public void verifySignaturesAhead(List<SignedTransaction> txs) {
    if (verifiedSignatures == null) {
      return;
    }
    for (SignedTransaction tx : txs) {
      signatureVerifies(tx);
    }
  }

  private boolean signatureVerifies(SignedTransaction tx) {
    if (verifiedSignatures == null) {
      return tx.verifySignature(genesis.chainId());
    }
    // The id hashes the whole encoding, signature included, and the chain id is this executor's.
    Hash32 id = tx.id();
    Boolean known = verifiedSignatures.get(id);
    if (known == null) {
      known = tx.verifySignature(genesis.chainId());
      verifiedSignatures.put(id, known);
    }
    return known;
  }

  /** The nonce {@code signer}'s next transaction must carry; 0 for a new signer. */
  public static long nextNonce(StateView state, PublicKey signer) {
    return state
        .get(StateKeys.nonce(signer))
        .map(
            b -> {
              CanonicalReader r = new CanonicalReader(b);
              long n = r.varint(Long.MAX_VALUE);
              r.finish();
              return n;
            })
        .orElse(0L);
  }

  private static byte[] encodeNonce(long next) {
    return new CanonicalWriter().varint(next).toByteArray();
  }

  private Contract contractFor(TxKind kind) {
    return switch (kind) {
      case PROPOSE, APPROVE -> governance;
      case PROVISION_DEVICE,
          ASSIGN_DEVICE,
          TRANSFER_CUSTODY,
          ATTEST_DEVICE,
          SUSPEND_DEVICE,
          REINSTATE_DEVICE ->
          devices;
      case ADD_CREDENTIALS, CHECK_IN -> roll;
      case ANNOUNCE_KEY, PUBLISH_SHARES, COMPLAIN, DISCLOSE_SHARE -> keyCeremony;
      case CAST_BALLOT, SPOIL_BALLOT -> ballotBox;
      case PUBLISH_DECRYPTION -> tally;
      case ADD_HOLDINGS -> meetings;
      case APPOINT_PROXY, REVOKE_PROXY, CAST_MEETING_VOTE -> meetingBallots;
    };
  }

  private ActionHandler handlerFor(GovernedAction action) {
    return switch (action.kind()) {
      case CREATE_ELECTION,
          AMEND_ELECTION,
          REGISTER_TRUSTEES,
          OPEN_ELECTION,
          CLOSE_ELECTION,
          CERTIFY_ELECTION ->
          elections;
      case REVOKE_DEVICE -> devices;
      case CREATE_MEETING -> meetings;
      case CHANGE_AUTHORITY -> authorityChange;
      case RESTART_KEY_CEREMONY -> ceremonyRestart;
    };
  }
}
