package io.votechain.crypto.proof;

import io.votechain.crypto.batch.BatchWeights;
import io.votechain.crypto.batch.LinearCombination;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.hash.ElectionHash;
import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A disjunctive Chaum–Pedersen proof that an ElGamal ciphertext encrypts one of a set of values:
 * the range proof of ElectionGuard 2.1 §3.3.5, generalised from {@code 0..R} to any value set and
 * written for P-256 (docs/crypto.md §5). One branch per allowed value {@code m_j}; the branch of
 * the true value is a real Chaum–Pedersen proof of {@code (alpha, beta - m_j·G) = (r·G, r·K)}, the
 * others are simulated, and the challenges must add up to the Fiat–Shamir challenge.
 *
 * <p>Departure from EG 2.1 (docs/crypto.md §9): each branch carries its commitments {@code (a_j,
 * b_j)} as well as {@code (c_j, v_j)}, so that a verifier can check the group equations of many
 * proofs at once ({@link #accumulate}); the challenge is still recomputed by hashing.
 *
 * <p>Instances are immutable.
 */
public record RangeProof(List<Branch> branches) {
  /** Domain byte of the challenge hash (EG 2.1's range-proof separator). */
  public static final int DOMAIN_CHALLENGE = 0x21;

  /** Domain byte of the derivation of the prover's nonces from a proof seed. */
  public static final int DOMAIN_PROOF_NONCE = 0x25;

  /**
   * One branch {@code j}: commitments {@code a_j, b_j}, challenge {@code c_j}, response {@code
   * v_j}. The commitments are never the identity (an honest prover produces it with probability
   * 2^-256).
   */
  public record Branch(GroupElement a, GroupElement b, Scalar c, Scalar v) {
    public static final int ENCODED_LENGTH = 2 * GroupElement.LENGTH + 2 * Scalar.LENGTH;

    public Branch {
      if (a == null || b == null || c == null || v == null) {
        throw new IllegalArgumentException("branch components must be present");
      }
      if (a.isIdentity() || b.isIdentity()) {
        throw new IllegalArgumentException("commitments must not be the identity");
      }
    }

    void writeTo(CanonicalWriter w) {
      w.fixed(a.encode()).fixed(b.encode()).fixed(c.encode()).fixed(v.encode());
    }

    static Branch readFrom(CanonicalReader r) {
      return new Branch(
          GroupElement.decode(r.fixed(GroupElement.LENGTH)),
          GroupElement.decode(r.fixed(GroupElement.LENGTH)),
          Scalar.decode(r.fixed(Scalar.LENGTH)),
          Scalar.decode(r.fixed(Scalar.LENGTH)));
    }
  }

  public RangeProof {
    branches = List.copyOf(branches);
    if (branches.isEmpty() || branches.size() > RangeProofStatement.MAX_VALUES) {
      throw new IllegalArgumentException(
          "between 1 and " + RangeProofStatement.MAX_VALUES + " branches");
    }
  }

  /**
   * Implements the prover (docs/crypto.md §5.2). The caller guarantees that {@code
   * statement.ciphertext()} is {@code (r·G, m_l·G + r·K)} with {@code m_l =
   * statement.values().get(trueIndex)}; otherwise the result does not verify. All of the prover's
   * randomness is derived from {@code proofSeed}, which must be secret and used for one proof only:
   * then the simulated branches and the real nonce are as good as uniformly random. Only fixed-base
   * multiplications are needed, since the prover knows {@code r}.
   */
  public static RangeProof prove(
      RangeProofStatement statement, int trueIndex, Scalar nonce, Hash32 proofSeed) {
    List<Long> values = statement.values();
    if (trueIndex < 0 || trueIndex >= values.size()) {
      throw new IllegalArgumentException("true index outside the value set");
    }
    int k = values.size();
    GroupElement[] a = new GroupElement[k];
    GroupElement[] b = new GroupElement[k];
    Scalar[] c = new Scalar[k];
    Scalar[] v = new Scalar[k];
    long trueValue = values.get(trueIndex);
    Scalar u = ElectionHash.toScalar(proofSeed, DOMAIN_PROOF_NONCE, trueIndex, 0);
    Scalar otherChallenges = Scalar.ZERO;
    for (int j = 0; j < k; j++) {
      if (j == trueIndex) {
        a[j] = P256.G.multiplyFixed(u);
        b[j] = statement.key().multiply(u);
        continue;
      }
      c[j] = ElectionHash.toScalar(proofSeed, DOMAIN_PROOF_NONCE, j, 1);
      v[j] = ElectionHash.toScalar(proofSeed, DOMAIN_PROOF_NONCE, j, 2);
      otherChallenges = otherChallenges.add(c[j]);
      // a_j = v_j·G + c_j·alpha and b_j = v_j·K + c_j·(beta - m_j·G), rewritten with t_j = v_j +
      // c_j·r so that only G and K are multiplied.
      Scalar t = v[j].add(c[j].multiply(nonce));
      a[j] = P256.G.multiplyFixed(t);
      Scalar shift = c[j].multiply(Scalar.of(BigInteger.valueOf(trueValue - values.get(j))));
      GroupElement tk = statement.key().multiply(t);
      b[j] = shift.isZero() ? tk : tk.add(P256.G.multiplyFixed(shift));
    }
    Scalar challenge = challenge(statement, a, b);
    c[trueIndex] = challenge.subtract(otherChallenges);
    v[trueIndex] = u.subtract(c[trueIndex].multiply(nonce));
    List<Branch> branches = new ArrayList<>(k);
    for (int j = 0; j < k; j++) {
      branches.add(new Branch(a[j], b[j], c[j], v[j]));
    }
    return new RangeProof(branches);
  }

  /**
   * Implements VerifyRangeProof (docs/crypto.md §5.3): the branch count, the challenge sum against
   * the recomputed Fiat–Shamir hash, then both equations of every branch.
   */
  public RangeProofResult verify(RangeProofStatement statement) {
    RangeProofResult challenge = checkChallenge(statement);
    if (!challenge.isValid()) {
      return challenge;
    }
    ECPoint g = P256.G.ecPoint();
    ECPoint k = statement.key().point().ecPoint();
    // BouncyCastle's interleaved multiplications leave a window table on each point they get:
    // welcome on G and K, reused by every proof; the ciphertext belongs to a ballot a validator
    // caches, so its points are bare copies, whose tables serve the branches below and then die.
    ECPoint alpha = P256.unburdened(statement.ciphertext().alpha().ecPoint());
    ECPoint beta = P256.unburdened(statement.ciphertext().beta().ecPoint());
    for (int j = 0; j < branches.size(); j++) {
      Branch branch = branches.get(j);
      BigInteger c = branch.c().toBigInteger();
      BigInteger v = branch.v().toBigInteger();
      ECPoint a = ECAlgorithms.sumOfTwoMultiplies(g, v, alpha, c);
      if (!a.equals(branch.a().ecPoint())) {
        return RangeProofResult.fail(RangeProofResult.Reason.COMMITMENT_A_MISMATCH, j);
      }
      BigInteger minusCm =
          c.multiply(BigInteger.valueOf(statement.values().get(j))).negate().mod(P256.ORDER);
      ECPoint b =
          ECAlgorithms.sumOfMultiplies(
              new ECPoint[] {k, beta, g}, new BigInteger[] {v, c, minusCm});
      if (!b.equals(branch.b().ecPoint())) {
        return RangeProofResult.fail(RangeProofResult.Reason.COMMITMENT_B_MISMATCH, j);
      }
    }
    return RangeProofResult.VALID;
  }

  /**
   * The hash part of verification alone: one branch per value and {@code sum c_j = H(...)}. A batch
   * verifier runs this for every proof and leaves the group equations to {@link #accumulate}.
   */
  public RangeProofResult checkChallenge(RangeProofStatement statement) {
    int k = statement.values().size();
    if (branches.size() != k) {
      return RangeProofResult.fail(RangeProofResult.Reason.WRONG_BRANCH_COUNT, -1);
    }
    GroupElement[] a = new GroupElement[k];
    GroupElement[] b = new GroupElement[k];
    BigInteger sum = BigInteger.ZERO;
    for (int j = 0; j < k; j++) {
      Branch branch = branches.get(j);
      a[j] = branch.a();
      b[j] = branch.b();
      sum = sum.add(branch.c().toBigInteger());
    }
    Scalar expected = challenge(statement, a, b);
    if (!Scalar.of(sum).equals(expected)) {
      return RangeProofResult.fail(RangeProofResult.Reason.CHALLENGE_MISMATCH, -1);
    }
    return RangeProofResult.VALID;
  }

  /**
   * Adds this proof's group equations, weighted, to a batch (docs/crypto.md §7.1): for branch
   * {@code j} with weights {@code z_j, y_j}, {@code z_j·(a_j - v_j·G - c_j·alpha) + y_j·(b_j -
   * v_j·K - c_j·beta + c_j·m_j·G)}. The commitments get the 128-bit weights themselves; alpha and
   * beta one coefficient per proof; G and K go to the shared coefficients. Call only after {@link
   * #checkChallenge} accepted, which also guarantees the branch count.
   */
  public void accumulate(
      RangeProofStatement statement, BatchWeights.Stream weights, LinearCombination combination) {
    BigInteger alphaCoefficient = BigInteger.ZERO;
    BigInteger betaCoefficient = BigInteger.ZERO;
    BigInteger gCoefficient = BigInteger.ZERO;
    BigInteger kCoefficient = BigInteger.ZERO;
    for (int j = 0; j < branches.size(); j++) {
      Branch branch = branches.get(j);
      BigInteger z = weights.next();
      BigInteger y = weights.next();
      BigInteger c = branch.c().toBigInteger();
      BigInteger v = branch.v().toBigInteger();
      combination.add(branch.a(), z);
      combination.add(branch.b(), y);
      BigInteger yc = y.multiply(c);
      alphaCoefficient = alphaCoefficient.add(z.multiply(c));
      betaCoefficient = betaCoefficient.add(yc);
      gCoefficient =
          gCoefficient
              .subtract(z.multiply(v))
              .add(yc.multiply(BigInteger.valueOf(statement.values().get(j))));
      kCoefficient = kCoefficient.add(y.multiply(v));
    }
    combination.add(statement.ciphertext().alpha(), alphaCoefficient.negate());
    combination.add(statement.ciphertext().beta(), betaCoefficient.negate());
    combination.addG(gCoefficient);
    combination.addK(kCoefficient.negate());
  }

  /**
   * {@code c = H(H_E; 0x21, context, K, alpha, beta, u32 k, i64 m_0..m_{k-1}, a_0, b_0, ...,
   * a_{k-1}, b_{k-1})} as an unbiased scalar (docs/crypto.md §5.1).
   */
  static Scalar challenge(RangeProofStatement s, GroupElement[] a, GroupElement[] b) {
    List<Object> parts = new ArrayList<>(6 + 3 * a.length);
    parts.add(s.context());
    parts.add(s.key().point());
    parts.add(s.ciphertext().alpha());
    parts.add(s.ciphertext().beta());
    parts.add(s.values().size());
    parts.addAll(s.values());
    for (int j = 0; j < a.length; j++) {
      parts.add(a[j]);
      parts.add(b[j]);
    }
    return ElectionHash.toScalar(s.extendedBaseHash(), DOMAIN_CHALLENGE, parts);
  }

  public void writeTo(CanonicalWriter w) {
    w.list(branches, (out, branch) -> branch.writeTo(out));
  }

  /** Reads a proof of at most {@code maxBranches} branches; bad points or scalars are refused. */
  public static RangeProof readFrom(CanonicalReader r, int maxBranches) {
    return new RangeProof(
        r.list(Math.min(maxBranches, RangeProofStatement.MAX_VALUES), Branch::readFrom));
  }
}
