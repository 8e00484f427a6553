package io.votechain.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.EcdsaP256Signer;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.crypto.sig.Signer;
import io.votechain.state.InMemoryState;
import io.votechain.tx.Approve;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.Propose;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.Transaction;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import io.votechain.tx.election.RevotePolicy;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;

/**
 * A chain for contract tests: three officials with a 2-of-3 rule, an executor over an in-memory
 * state, and helpers that sign with real keys (seeded) and execute one block per submission. Block
 * hashes are SHA-256("block-" + height); block h has timestamp {@link #time}.
 */
public final class TestChain {
  public static final String CHAIN_ID = "votechain-test";
  public static final ChainParams PARAMS = new ChainParams(10, 5, 4);
  public static final long START = 1_800_000_000_000L;
  public static final long END = START + 3_600_000L;

  public final SecureRandom random;
  public final List<Ed25519Signer> officials;
  public final ContractExecutor executor;
  public final InMemoryState state = new InMemoryState();
  public Hash32 stateHash;

  /**
   * What blocks execute on: {@link #state} seen as a validator's store lists it ({@link
   * StoreLikeState}), so that a contract scanning deeper than a store lists fails here, not on a
   * node.
   */
  private final io.votechain.state.StateView executed = new StoreLikeState(state);

  public long time = START - 60_000;

  /** Every block executed, for replaying on another validator. */
  public final List<BlockContext> contexts = new java.util.ArrayList<>();

  public final List<List<SignedTransaction>> blocks = new java.util.ArrayList<>();

  public TestChain(long seed) {
    random = seededRandom(seed);
    officials =
        List.of(
            Ed25519Signer.generate(random),
            Ed25519Signer.generate(random),
            Ed25519Signer.generate(random));
    executor =
        new ContractExecutor(
            new GenesisConfig(
                CHAIN_ID, officials.stream().map(Ed25519Signer::publicKey).toList(), 2, PARAMS));
    stateHash = executor.initialize(state);
  }

  public static SecureRandom seededRandom(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Ed25519Signer newEd25519() {
    return Ed25519Signer.generate(random);
  }

  public EcdsaP256Signer newDevice() {
    return EcdsaP256Signer.generate(random);
  }

  public static Hash32 blockHash(long height) {
    return Sha256.hash(("block-" + height).getBytes(StandardCharsets.US_ASCII));
  }

  public long height() {
    return Chain.head(state).height();
  }

  /** The context the next block will run in. */
  public BlockContext nextBlock() {
    long h = height() + 1;
    return new BlockContext(h, time, blockHash(h - 1));
  }

  public SignedTransaction sign(Signer signer, Transaction body) {
    return SignedTransaction.sign(
        signer, ContractExecutor.nextNonce(state, signer.publicKey()), body, CHAIN_ID);
  }

  public BlockResult block(List<SignedTransaction> txs) {
    BlockContext context = nextBlock();
    contexts.add(context);
    blocks.add(List.copyOf(txs));
    BlockResult result = executor.executeBlock(context, txs, executed, stateHash);
    stateHash = result.stateHash();
    return result;
  }

  /**
   * Replays every block of this chain on a fresh validator with the same genesis, verifying ballots
   * in batches or one by one, and returns the receipts and state hash of each block.
   */
  public List<BlockResult> replayOnFreshValidator(InMemoryState into, boolean batchVerification) {
    return replayOn(new ContractExecutor(genesis(), batchVerification), into);
  }

  /** This chain's genesis, for a replica. */
  public GenesisConfig genesis() {
    return new GenesisConfig(
        CHAIN_ID, officials.stream().map(Ed25519Signer::publicKey).toList(), 2, PARAMS);
  }

  /** Replays every block of this chain with {@code replica} on {@code into}. */
  public List<BlockResult> replayOn(ContractExecutor replica, InMemoryState into) {
    List<BlockResult> results = new java.util.ArrayList<>();
    Hash32 hash = replica.initialize(into);
    for (int i = 0; i < blocks.size(); i++) {
      BlockResult r = replica.executeBlock(contexts.get(i), blocks.get(i), into, hash);
      hash = r.stateHash();
      results.add(r);
    }
    return results;
  }

  public void emptyBlocks(int n) {
    for (int i = 0; i < n; i++) {
      block(List.of());
    }
  }

  /** Signs {@code body}, executes it alone in a block and returns its receipt. */
  public TxReceipt submit(Signer signer, Transaction body) {
    return block(List.of(sign(signer, body))).receipts().get(0);
  }

  public ErrorCode code(Signer signer, Transaction body) {
    return submit(signer, body).code();
  }

  /** Proposes {@code action} (official 0, expiry in 5 blocks) and approves it (official 1). */
  public TxReceipt govern(GovernedAction action) {
    TxReceipt proposed = submit(officials.get(0), new Propose(action, height() + 5));
    assertEquals(ErrorCode.OK, proposed.code(), proposed.reason());
    return submit(officials.get(1), new Approve(proposed.txId()));
  }

  public static ElectionManifest manifest(String electionId) {
    return new ElectionManifest(
        electionId,
        LocalizedText.of("en", "General election", "zh", "大选"),
        List.of(
            new Contest(
                "mayor",
                ContestKind.ONE_OF_N,
                1,
                LocalizedText.of("en", "Mayor", "zh", "市长"),
                List.of(
                    new Choice("alice", LocalizedText.of("en", "Alice", "zh", "爱丽丝")),
                    new Choice("bob", LocalizedText.of("en", "Bob", "zh", "鲍勃")))),
            new Contest(
                "measure-1",
                ContestKind.YES_NO,
                1,
                LocalizedText.of("en", "Measure 1", "zh", "提案一"),
                List.of(
                    new Choice("yes", LocalizedText.of("en", "Yes", "zh", "是")),
                    new Choice("no", LocalizedText.of("en", "No", "zh", "否"))))),
        START,
        END,
        RevotePolicy.LAST_VOTE_COUNTS);
  }

  /**
   * Creates election {@code id} and takes it to KEY_CEREMONY with one trustee (so that {@link
   * #publishJointKey} completes the ceremony: one trustee has no shares to send).
   */
  public void electionInKeyCeremony(String id) {
    assertEquals(ErrorCode.OK, govern(new GovernedAction.CreateElection(manifest(id))).code());
    assertEquals(
        ErrorCode.OK,
        govern(new GovernedAction.RegisterTrustees(id, List.of(newEd25519().publicKey()), 1))
            .code());
  }

  /**
   * Stands in for the key ceremony in lifecycle tests that need no real keys: writes a point under
   * election/ID/joint-key and a hash under election/ID/extended-base-hash as the last announcement
   * would (BallotBoxAndTallyTest runs the real ceremony).
   */
  public void publishJointKey(String id) {
    byte[] point = new byte[33];
    point[0] = 0x02;
    point[32] = 0x01;
    state.put(StateKeys.electionJointKey(id), point);
    state.put(StateKeys.extendedBaseHash(id), Sha256.hash(point).bytes());
  }

  /** An election in OPEN, with the block time inside its window. */
  public void openElection(String id) {
    electionInKeyCeremony(id);
    publishJointKey(id);
    time = START;
    assertEquals(ErrorCode.OK, govern(new GovernedAction.OpenElection(id)).code());
  }
}
