package io.votechain.ballot;

import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.hash.ElectionHash;
import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The ballot's primary nonce {@code xi_B} (EG 2.1 §3.3.2), from which every encryption nonce and
 * every proof seed of the ballot is derived (docs/crypto.md §6.2). The device keeps it until the
 * voter casts (then it is destroyed) or challenges (then it is disclosed, so that anyone can check
 * with {@link SpoiledBallotCheck} that the ballot encrypted what the screen showed).
 *
 * <p>Immutable. Secret until disclosed: not in {@link #toString()}; compared in constant time.
 */
public final class BallotNonces {
  /** Domain byte of the selection nonces {@code xi_{i,j} = H(H_I; 0x22, i, j, xi_B)}. */
  public static final int DOMAIN_SELECTION_NONCE = 0x22;

  /** Domain byte of the proof seeds {@code H(H_I; 0x26, i, j, xi_B)}. */
  public static final int DOMAIN_PROOF_SEED = 0x26;

  private final String ballotId;
  private final Hash32 primaryNonce;

  public BallotNonces(String ballotId, Hash32 primaryNonce) {
    BallotStyle.checkId(ballotId, "ballot id");
    if (primaryNonce == null) {
      throw new IllegalArgumentException("primary nonce must be present");
    }
    this.ballotId = ballotId;
    this.primaryNonce = primaryNonce;
  }

  /** A fresh primary nonce: 32 uniform bytes. */
  public static BallotNonces random(String ballotId, SecureRandom random) {
    byte[] bytes = new byte[Hash32.LENGTH];
    random.nextBytes(bytes);
    return new BallotNonces(ballotId, Hash32.of(bytes));
  }

  public String ballotId() {
    return ballotId;
  }

  /** The primary nonce, for disclosure after a challenge. */
  public Hash32 primaryNonce() {
    return primaryNonce;
  }

  /** {@code xi_{i,j}}: the encryption nonce of selection {@code j} of contest {@code i}. */
  Scalar selectionNonce(Hash32 ballotBinding, int contest, int selection) {
    return ElectionHash.toScalar(
        ballotBinding, DOMAIN_SELECTION_NONCE, contest, selection, primaryNonce);
  }

  /** The seed of the prover's randomness for one proof ({@code selection = -1}: the sum). */
  Hash32 proofSeed(Hash32 ballotBinding, int contest, int selection) {
    return ElectionHash.hash(ballotBinding, DOMAIN_PROOF_SEED, contest, selection, primaryNonce);
  }

  /** Disclosure encoding: {@code text ballotId, fixed(32) xi_B}. */
  public byte[] encode() {
    return new CanonicalWriter().text(ballotId).fixed(primaryNonce.bytes()).toByteArray();
  }

  public static BallotNonces decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    String id = r.text(ContestDescription.MAX_ID_BYTES);
    Hash32 nonce = Hash32.of(r.fixed(Hash32.LENGTH));
    r.finish();
    try {
      return new BallotNonces(id, nonce);
    } catch (IllegalArgumentException e) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, e.getMessage());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BallotNonces other
        && ballotId.equals(other.ballotId)
        && MessageDigest.isEqual(primaryNonce.bytes(), other.primaryNonce.bytes());
  }

  @Override
  public int hashCode() {
    return ballotId.hashCode();
  }

  @Override
  public String toString() {
    return "BallotNonces[ballotId=" + ballotId + ", primaryNonce=<secret>]";
  }
}
