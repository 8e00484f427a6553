package io.votechain.crypto.proof;

import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.hash.ElectionHash;
import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.ECAlgorithms;

/**
 * A non-interactive Schnorr proof of knowledge of {@code a} with {@code K = a·G}: trustee {@code i}
 * proves it knows its coefficient {@code a_{i,j}} behind the commitment {@code K_{i,j}}. Implements
 * the coefficient proof of ElectionGuard 2.1 section 3.2.2 on P-256 (docs/crypto-threshold.md §3).
 *
 * <p>The proof carries its commitment {@code h} as well as the challenge {@code c} and response
 * {@code v}, so that many proofs can later be checked together with one multi-scalar multiplication
 * ({@code h = v·G + c·K} is linear in the points). Instances are immutable.
 *
 * @param commitment {@code h = u·G} for the prover's secret nonce {@code u}
 * @param challenge {@code c = H(H_B; 0x10, i, j, K, h)}
 * @param response {@code v = u − c·a mod n}
 */
public record SchnorrProof(GroupElement commitment, Scalar challenge, Scalar response) {
  /** Domain separator of the challenge hash (EG 2.1 section 3.2.2). */
  public static final int DOMAIN = 0x10;

  public static final int ENCODED_LENGTH = GroupElement.LENGTH + 2 * Scalar.LENGTH;

  /** Why a proof was refused; {@link #VALID} when it was not. */
  public enum Verification {
    VALID,
    /** The statement {@code K} is the identity, whose discrete log is public (zero). */
    STATEMENT_IS_IDENTITY,
    /** {@code v·G + c·K != h}. */
    COMMITMENT_MISMATCH,
    /** {@code c != H(H_B; 0x10, i, j, K, h)}: the proof was made for another context. */
    CHALLENGE_MISMATCH;

    public boolean isValid() {
      return this == VALID;
    }
  }

  public SchnorrProof {
    if (commitment == null || challenge == null || response == null) {
      throw new IllegalArgumentException("proof components must be present");
    }
    if (commitment.isIdentity()) {
      throw new IllegalArgumentException("commitment must not be the identity");
    }
  }

  /**
   * Proves knowledge of {@code secret} behind {@code statement = secret·G}
   * (docs/crypto-threshold.md §3.1), with a fresh nonce drawn from {@code random}.
   *
   * @param electionBaseHash {@code H_B}, the key of the challenge hash
   * @param trusteeIndex {@code i}, the prover
   * @param coefficientIndex {@code j}
   */
  public static SchnorrProof prove(
      Hash32 electionBaseHash,
      int trusteeIndex,
      int coefficientIndex,
      Scalar secret,
      GroupElement statement,
      SecureRandom random) {
    return proveWithNonce(
        electionBaseHash,
        trusteeIndex,
        coefficientIndex,
        secret,
        statement,
        Scalar.randomNonZero(random));
  }

  /**
   * As {@link #prove} with the nonce {@code u} given. The nonce must be uniformly random, secret
   * and never reused (a reused nonce reveals the secret); this entry point exists for known-answer
   * tests.
   */
  public static SchnorrProof proveWithNonce(
      Hash32 electionBaseHash,
      int trusteeIndex,
      int coefficientIndex,
      Scalar secret,
      GroupElement statement,
      Scalar nonce) {
    if (nonce.isZero()) {
      throw new IllegalArgumentException("nonce must be non-zero");
    }
    GroupElement h = P256.G.multiplyFixed(nonce);
    Scalar c = challenge(electionBaseHash, trusteeIndex, coefficientIndex, statement, h);
    return new SchnorrProof(h, c, nonce.subtract(c.multiply(secret)));
  }

  /** Verifies the proof for {@code statement} in its context (docs/crypto-threshold.md §3.2). */
  public Verification verify(
      Hash32 electionBaseHash, int trusteeIndex, int coefficientIndex, GroupElement statement) {
    if (statement.isIdentity()) {
      return Verification.STATEMENT_IS_IDENTITY;
    }
    if (!linearCombination(response, P256.G, challenge, statement).equals(commitment)) {
      return Verification.COMMITMENT_MISMATCH;
    }
    Scalar expected =
        challenge(electionBaseHash, trusteeIndex, coefficientIndex, statement, commitment);
    return expected.equals(challenge) ? Verification.VALID : Verification.CHALLENGE_MISMATCH;
  }

  static Scalar challenge(
      Hash32 electionBaseHash,
      int trusteeIndex,
      int coefficientIndex,
      GroupElement statement,
      GroupElement commitment) {
    return ElectionHash.toScalar(
        electionBaseHash, DOMAIN, trusteeIndex, coefficientIndex, statement, commitment);
  }

  /** {@code a·P + b·Q} with one interleaved multiplication; either point may be the identity. */
  static GroupElement linearCombination(Scalar a, GroupElement p, Scalar b, GroupElement q) {
    if (p.isIdentity()) {
      return q.multiply(b);
    }
    if (q.isIdentity()) {
      return p.multiply(a);
    }
    return GroupElement.of(
        ECAlgorithms.sumOfTwoMultiplies(
            p.ecPoint(), a.toBigInteger(), q.ecPoint(), b.toBigInteger()));
  }

  public void writeTo(CanonicalWriter w) {
    w.fixed(commitment.encode()).fixed(challenge.encode()).fixed(response.encode());
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    writeTo(w);
    return w.toByteArray();
  }

  /**
   * Reads {@code h (33) || c (32) || v (32)}; refuses the identity, off-curve points, scalars ≥ n.
   */
  public static SchnorrProof readFrom(CanonicalReader r) {
    GroupElement h = GroupElement.decode(r.fixed(GroupElement.LENGTH));
    Scalar c = Scalar.decode(r.fixed(Scalar.LENGTH));
    Scalar v = Scalar.decode(r.fixed(Scalar.LENGTH));
    return new SchnorrProof(h, c, v);
  }

  /** Decodes exactly one proof; trailing bytes are refused. */
  public static SchnorrProof decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    SchnorrProof proof = readFrom(r);
    r.finish();
    return proof;
  }
}
