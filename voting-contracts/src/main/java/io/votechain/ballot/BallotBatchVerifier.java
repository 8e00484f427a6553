package io.votechain.ballot;

import io.votechain.crypto.batch.BatchWeights;
import io.votechain.crypto.batch.LinearCombination;
import io.votechain.crypto.hash.ElectionHash;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.proof.RangeProofResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Implements BatchVerifyBallots (docs/crypto.md §7): the same verdicts as {@link BallotVerifier}
 * for a whole batch, at a fraction of the cost. Structure and every Fiat–Shamir challenge are still
 * checked ballot by ballot (hashing is cheap); only the group equations of all proofs are combined
 * with 128-bit weights derived from a hash of the batch ({@link BatchWeights}) and checked with one
 * multi-scalar multiplication. If the combination is not the identity, bisection over the ballots
 * finds each invalid one, and the one-by-one verifier names its reason.
 *
 * <p>An all-valid batch is always accepted (the combination of true equations is exactly the
 * identity); a batch containing an invalid proof is accepted with probability at most 2^-128.
 *
 * <p>Thread safe. The contracts module starts no threads: the parallel variant runs on an {@link
 * Executor} the caller provides; its verdict is the same for any executor and any number of parts.
 */
public final class BallotBatchVerifier {
  /** Domain byte of the batch seed {@code H(H_E; 0x2B, K, u32 N, h_1..h_N)}. */
  public static final int DOMAIN_BATCH_SEED = 0x2B;

  private final EncryptionContext context;

  public BallotBatchVerifier(EncryptionContext context) {
    if (context == null) {
      throw new IllegalArgumentException("context must be present");
    }
    this.context = context;
  }

  /** Verifies on the calling thread. {@code styles} is only looked up, never iterated. */
  public BatchVerification verify(Map<String, BallotStyle> styles, List<EncryptedBallot> ballots) {
    return verify(styles, ballots, Runnable::run, 1);
  }

  /**
   * Verifies in {@code parts} contiguous slices run on {@code executor}: each slice hashes its
   * ballots, then (once the batch seed is known) combines and checks its own ballots' equations.
   */
  public BatchVerification verify(
      Map<String, BallotStyle> styles,
      List<EncryptedBallot> ballots,
      Executor executor,
      int parts) {
    if (parts < 1) {
      throw new IllegalArgumentException("at least one part");
    }
    List<EncryptedBallot> batch = List.copyOf(ballots);
    int n = batch.size();
    int slices = Math.max(1, Math.min(parts, n));
    int[] bounds = new int[slices + 1];
    for (int s = 0; s <= slices; s++) {
      bounds[s] = (int) ((long) n * s / slices);
    }

    Hash32[] hashes = new Hash32[n];
    runAll(
        executor,
        slices,
        s -> {
          for (int i = bounds[s]; i < bounds[s + 1]; i++) {
            hashes[i] = batch.get(i).hash(context.extendedBaseHash());
          }
          return null;
        });
    BatchWeights weights = new BatchWeights(seed(hashes));

    List<List<BatchVerification.InvalidBallot>> found =
        runAll(
            executor, slices, s -> verifySlice(styles, batch, bounds[s], bounds[s + 1], weights));
    List<BatchVerification.InvalidBallot> invalid = new ArrayList<>();
    found.forEach(invalid::addAll);
    invalid.sort(Comparator.comparingInt(BatchVerification.InvalidBallot::index));
    return new BatchVerification(n, invalid);
  }

  /** {@code H(H_E; 0x2B, K, u32 N, h_1, ..., h_N)}: fixes the weights after the whole batch. */
  Hash32 seed(Hash32[] ballotHashes) {
    return ElectionHash.hash(
        context.extendedBaseHash(),
        DOMAIN_BATCH_SEED,
        context.electionKey().point(),
        ballotHashes.length,
        List.of(ballotHashes));
  }

  private List<BatchVerification.InvalidBallot> verifySlice(
      Map<String, BallotStyle> styles,
      List<EncryptedBallot> batch,
      int from,
      int to,
      BatchWeights weights) {
    List<BatchVerification.InvalidBallot> invalid = new ArrayList<>();
    List<Integer> candidates = new ArrayList<>(to - from);
    List<LinearCombination> combinations = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      EncryptedBallot ballot = batch.get(i);
      BallotStyle style = styles.get(ballot.styleId());
      BallotVerification early =
          style == null
              ? BallotVerification.structural(BallotVerification.Reason.UNKNOWN_STYLE, -1)
              : BallotProofs.checkStructure(style, ballot);
      LinearCombination combination = null;
      if (early.isValid()) {
        combination = new LinearCombination(64);
        BatchWeights.Stream stream = weights.forItem(i);
        for (BallotProofs.Item item : BallotProofs.items(context, style, ballot)) {
          RangeProofResult challenge = item.proof().checkChallenge(item.statement());
          if (!challenge.isValid()) {
            // An earlier proof of this ballot may fail its group equations: the one-by-one
            // verifier names the first failure in ballot order, so that verdicts are identical.
            early = BallotVerifier.verify(context, style, ballot);
            break;
          }
          item.proof().accumulate(item.statement(), stream, combination);
        }
      }
      if (early.isValid()) {
        candidates.add(i);
        combinations.add(combination);
      } else {
        invalid.add(new BatchVerification.InvalidBallot(i, ballot.ballotId(), early));
      }
    }
    if (!candidates.isEmpty()) {
      findInvalid(styles, batch, candidates, combinations, 0, candidates.size(), invalid, false);
    }
    return invalid;
  }

  /**
   * Checks candidates {@code [lo, hi)} together and bisects while the combination fails. {@code
   * knownToFail} skips the check when the caller already knows its outcome (the sibling of a
   * passing half of a failing range).
   */
  private void findInvalid(
      Map<String, BallotStyle> styles,
      List<EncryptedBallot> batch,
      List<Integer> candidates,
      List<LinearCombination> combinations,
      int lo,
      int hi,
      List<BatchVerification.InvalidBallot> invalid,
      boolean knownToFail) {
    if (hi - lo == 1) {
      if (knownToFail || !combinations.get(lo).isIdentity(context.electionKey())) {
        int index = candidates.get(lo);
        EncryptedBallot ballot = batch.get(index);
        BallotVerification reason =
            BallotVerifier.verify(context, styles.get(ballot.styleId()), ballot);
        if (!reason.isValid()) {
          invalid.add(new BatchVerification.InvalidBallot(index, ballot.ballotId(), reason));
        }
      }
      return;
    }
    if (!knownToFail && combine(combinations, lo, hi).isIdentity(context.electionKey())) {
      return;
    }
    int mid = (lo + hi) >>> 1;
    boolean leftFails = !combine(combinations, lo, mid).isIdentity(context.electionKey());
    if (leftFails) {
      findInvalid(styles, batch, candidates, combinations, lo, mid, invalid, true);
      findInvalid(styles, batch, candidates, combinations, mid, hi, invalid, false);
    } else {
      findInvalid(styles, batch, candidates, combinations, mid, hi, invalid, true);
    }
  }

  private static LinearCombination combine(List<LinearCombination> combinations, int lo, int hi) {
    if (hi - lo == 1) {
      return combinations.get(lo);
    }
    int size = 0;
    for (int i = lo; i < hi; i++) {
      size += combinations.get(i).size();
    }
    LinearCombination all = new LinearCombination(size);
    for (int i = lo; i < hi; i++) {
      all.addAll(combinations.get(i));
    }
    return all;
  }

  private interface SliceTask<T> {
    T run(int slice);
  }

  private static <T> List<T> runAll(Executor executor, int slices, SliceTask<T> task) {
    List<CompletableFuture<T>> futures = new ArrayList<>(slices);
    for (int s = 0; s < slices; s++) {
      int slice = s;
      futures.add(CompletableFuture.supplyAsync(() -> task.run(slice), executor));
    }
    List<T> results = new ArrayList<>(slices);
    for (CompletableFuture<T> future : futures) {
      results.add(future.join());
    }
    return results;
  }
}
