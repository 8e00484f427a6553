package io.votechain.p2p;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The key that authenticates a session's data frames (docs/p2p.md §2). Both ends contribute an
 * ephemeral X25519 share to the handshake, whose Ed25519 signatures cover both shares; the shared
 * secret, with the signed handshake statement as salt, gives an HMAC-SHA256 key through HKDF. A
 * frame's tag covers its sequence number and payload, so it cannot be forged, altered or moved to
 * another session, and checking it costs a hash of the frame instead of an Ed25519 verification.
 *
 * <p>The tag is deniable (either end could have made it), unlike the consensus messages inside the
 * payloads, which carry their own signatures: evidence against a validator never rests on it.
 */
final class SessionMac {
  static final int SHARE_BYTES = X25519.POINT_SIZE;
  static final int TAG_BYTES = 32;
  private static final byte[] INFO =
      "votechain/p2p/v2/data-mac".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final Mac mac;

  private SessionMac(byte[] key) {
    try {
      this.mac = Mac.getInstance("HmacSHA256");
      this.mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    } finally {
      java.util.Arrays.fill(key, (byte) 0);
    }
  }

  /** An ephemeral X25519 key pair for one handshake; the private half never leaves this process. */
  record Ephemeral(byte[] privateKey, byte[] share) {
    static Ephemeral generate(SecureRandom random) {
      byte[] k = new byte[X25519.SCALAR_SIZE];
      X25519.generatePrivateKey(random, k);
      byte[] share = new byte[SHARE_BYTES];
      X25519.generatePublicKey(k, 0, share, 0);
      return new Ephemeral(k, share);
    }

    /** Forgets the private half once the session key is derived (forward secrecy). */
    void erase() {
      java.util.Arrays.fill(privateKey, (byte) 0);
    }
  }

  /**
   * The session's MAC from this end's ephemeral key and the other end's share; empty when the share
   * is a low-order point (the shared secret would be all zeros, known to anyone).
   *
   * @param statement the signed handshake statement: binds the key to chain, ids, nonces, shares
   */
  static java.util.Optional<SessionMac> agree(Ephemeral own, byte[] peerShare, byte[] statement) {
    if (peerShare.length != SHARE_BYTES) {
      return java.util.Optional.empty();
    }
    byte[] secret = new byte[X25519.POINT_SIZE];
    if (!X25519.calculateAgreement(own.privateKey(), 0, peerShare, 0, secret, 0)) {
      return java.util.Optional.empty();
    }
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(secret, sha256(statement), INFO));
    byte[] key = new byte[32];
    hkdf.generateBytes(key, 0, key.length);
    java.util.Arrays.fill(secret, (byte) 0);
    return java.util.Optional.of(new SessionMac(key));
  }

  /** The tag of data frame {@code sequence} carrying {@code payload}. */
  byte[] tag(long sequence, byte[] payload) {
    // The sequence is fixed-width so that (sequence, payload) is read from the input one way only.
    mac.update(java.nio.ByteBuffer.allocate(Long.BYTES).putLong(sequence).array());
    mac.update(payload);
    return mac.doFinal();
  }

  /** Whether {@code tag} is the tag of this frame, compared in constant time. */
  boolean verifies(long sequence, byte[] payload, byte[] tag) {
    return MessageDigest.isEqual(tag(sequence, payload), tag);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
