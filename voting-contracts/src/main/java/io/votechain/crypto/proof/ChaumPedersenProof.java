package io.votechain.crypto.proof;

import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.hash.ElectionHash;
import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.security.SecureRandom;

/**
 * A non-interactive Chaum–Pedersen proof that trustee {@code ℓ}'s partial decryption {@code M_ℓ =
 * s_ℓ·A} of a ciphertext {@code (A, B)} uses the same secret as its public verification key {@code
 * K_ℓ = s_ℓ·G}, i.e. {@code log_G K_ℓ = log_A M_ℓ}. Implements the decryption proof of
 * ElectionGuard 2.1 section 3.6 for one trustee's share on P-256 (docs/crypto-threshold.md §7).
 *
 * <p>Like {@link SchnorrProof} it carries its commitments {@code (a, b)} besides {@code (c, v)} so
 * that a verifier may batch many proofs. Instances are immutable.
 *
 * @param commitmentG {@code a = u·G}
 * @param commitmentA {@code b = u·A}; the identity only when {@code A} is (an empty aggregate)
 * @param challenge {@code c = H(H_E; 0x30, ℓ, K_ℓ, A, B, a, b, M_ℓ)}
 * @param response {@code v = u − c·s_ℓ mod n}
 */
public record ChaumPedersenProof(
    GroupElement commitmentG, GroupElement commitmentA, Scalar challenge, Scalar response) {
  /** Domain separator of the challenge hash (EG 2.1's decryption-proof byte). */
  public static final int DOMAIN = 0x30;

  public static final int ENCODED_LENGTH = 2 * GroupElement.LENGTH + 2 * Scalar.LENGTH;

  /** Why a proof was refused; {@link #VALID} when it was not. */
  public enum Verification {
    VALID,
    /** The verification key {@code K_ℓ} is the identity. */
    STATEMENT_IS_IDENTITY,
    /** {@code v·G + c·K_ℓ != a}. */
    COMMITMENT_G_MISMATCH,
    /** {@code v·A + c·M_ℓ != b}. */
    COMMITMENT_A_MISMATCH,
    /** {@code c} is not the hash of this context, statement and commitments. */
    CHALLENGE_MISMATCH;

    public boolean isValid() {
      return this == VALID;
    }
  }

  public ChaumPedersenProof {
    if (commitmentG == null || commitmentA == null || challenge == null || response == null) {
      throw new IllegalArgumentException("proof components must be present");
    }
    if (commitmentG.isIdentity()) {
      throw new IllegalArgumentException("commitment a must not be the identity");
    }
  }

  /**
   * Proves {@code log_G K_ℓ = log_A M_ℓ = s_ℓ} (docs/crypto-threshold.md §7.1).
   *
   * @param extendedBaseHash {@code H_E}, the key of the challenge hash
   * @param trusteeIndex {@code ℓ}
   * @param ciphertext {@code (A, B)}, the ciphertext being decrypted
   * @param secretShare {@code s_ℓ}
   * @param verificationKey {@code K_ℓ = s_ℓ·G}
   * @param partialDecryption {@code M_ℓ = s_ℓ·A}
   */
  public static ChaumPedersenProof prove(
      Hash32 extendedBaseHash,
      int trusteeIndex,
      Ciphertext ciphertext,
      Scalar secretShare,
      GroupElement verificationKey,
      GroupElement partialDecryption,
      SecureRandom random) {
    return proveWithNonce(
        extendedBaseHash,
        trusteeIndex,
        ciphertext,
        secretShare,
        verificationKey,
        partialDecryption,
        Scalar.randomNonZero(random));
  }

  /**
   * As {@link #prove} with the nonce {@code u} given. The nonce must be uniformly random, secret
   * and never reused; this entry point exists for known-answer tests.
   */
  public static ChaumPedersenProof proveWithNonce(
      Hash32 extendedBaseHash,
      int trusteeIndex,
      Ciphertext ciphertext,
      Scalar secretShare,
      GroupElement verificationKey,
      GroupElement partialDecryption,
      Scalar nonce) {
    if (nonce.isZero()) {
      throw new IllegalArgumentException("nonce must be non-zero");
    }
    GroupElement a = P256.G.multiplyFixed(nonce);
    GroupElement b = ciphertext.alpha().multiply(nonce);
    Scalar c =
        challenge(
            extendedBaseHash, trusteeIndex, verificationKey, ciphertext, a, b, partialDecryption);
    return new ChaumPedersenProof(a, b, c, nonce.subtract(c.multiply(secretShare)));
  }

  /** Verifies the proof (docs/crypto-threshold.md §7.2). */
  public Verification verify(
      Hash32 extendedBaseHash,
      int trusteeIndex,
      Ciphertext ciphertext,
      GroupElement verificationKey,
      GroupElement partialDecryption) {
    if (verificationKey.isIdentity()) {
      return Verification.STATEMENT_IS_IDENTITY;
    }
    if (!SchnorrProof.linearCombination(response, P256.G, challenge, verificationKey)
        .equals(commitmentG)) {
      return Verification.COMMITMENT_G_MISMATCH;
    }
    if (!SchnorrProof.linearCombination(response, ciphertext.alpha(), challenge, partialDecryption)
        .equals(commitmentA)) {
      return Verification.COMMITMENT_A_MISMATCH;
    }
    Scalar expected =
        challenge(
            extendedBaseHash,
            trusteeIndex,
            verificationKey,
            ciphertext,
            commitmentG,
            commitmentA,
            partialDecryption);
    return expected.equals(challenge) ? Verification.VALID : Verification.CHALLENGE_MISMATCH;
  }

  static Scalar challenge(
      Hash32 extendedBaseHash,
      int trusteeIndex,
      GroupElement verificationKey,
      Ciphertext ciphertext,
      GroupElement a,
      GroupElement b,
      GroupElement partialDecryption) {
    return ElectionHash.toScalar(
        extendedBaseHash,
        DOMAIN,
        trusteeIndex,
        verificationKey,
        ciphertext.alpha(),
        ciphertext.beta(),
        a,
        b,
        partialDecryption);
  }

  public void writeTo(CanonicalWriter w) {
    w.fixed(commitmentG.encode())
        .fixed(commitmentA.encode())
        .fixed(challenge.encode())
        .fixed(response.encode());
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    writeTo(w);
    return w.toByteArray();
  }

  /**
   * Reads {@code a (33) || b (33) || c (32) || v (32)}; {@code a} must be a finite point, {@code b}
   * may be the identity (33 zero bytes), scalars must be below n.
   */
  public static ChaumPedersenProof readFrom(CanonicalReader r) {
    GroupElement a = GroupElement.decode(r.fixed(GroupElement.LENGTH));
    GroupElement b = GroupElement.decodeAllowingIdentity(r.fixed(GroupElement.LENGTH));
    Scalar c = Scalar.decode(r.fixed(Scalar.LENGTH));
    Scalar v = Scalar.decode(r.fixed(Scalar.LENGTH));
    return new ChaumPedersenProof(a, b, c, v);
  }

  /** Decodes exactly one proof; trailing bytes are refused. */
  public static ChaumPedersenProof decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    ChaumPedersenProof proof = readFrom(r);
    r.finish();
    return proof;
  }
}
