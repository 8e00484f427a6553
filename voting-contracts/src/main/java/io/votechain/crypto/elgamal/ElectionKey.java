package io.votechain.crypto.elgamal;

import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;

/**
 * The public election key {@code K = s·G} (ElectionGuard's joint public key), which every ballot is
 * encrypted to (docs/crypto.md §3). Building an instance builds the comb table of {@code K}, so
 * encryption and proof generation use fixed-base multiplication for both {@code G} and {@code K};
 * keep one instance per election rather than decoding {@code K} again for each ballot.
 *
 * <p>Instances are immutable and thread safe (BouncyCastle guards its precomputation cache).
 */
public record ElectionKey(GroupElement point) {
  public ElectionKey {
    if (point == null || point.isIdentity()) {
      throw new IllegalArgumentException("the election key must be a finite point");
    }
    point.multiplyFixed(Scalar.ONE); // builds and caches the comb table once
  }

  /** {@code k·K} by the comb table. */
  public GroupElement multiply(Scalar k) {
    return point.multiplyFixed(k);
  }

  /**
   * Implements Encrypt (docs/crypto.md §3.2): {@code (r·G, m·G + r·K)}. The nonce must be secret,
   * uniform and never reused: it is the only thing hiding {@code m}.
   */
  public Ciphertext encrypt(long m, Scalar r) {
    return encrypt(Scalar.of(m), r);
  }

  /** {@link #encrypt(long, Scalar)} for a plaintext already reduced modulo n. */
  public Ciphertext encrypt(Scalar m, Scalar r) {
    GroupElement alpha = P256.G.multiplyFixed(r);
    GroupElement rk = point.multiplyFixed(r);
    GroupElement beta = m.isZero() ? rk : P256.G.multiplyFixed(m).add(rk);
    return new Ciphertext(alpha, beta);
  }

  public void writeTo(CanonicalWriter w) {
    w.fixed(point.encode());
  }

  public static ElectionKey readFrom(CanonicalReader r) {
    return new ElectionKey(GroupElement.decode(r.fixed(GroupElement.LENGTH)));
  }
}
