package io.votechain.device;

import io.votechain.crypto.sig.PublicKey;
import io.votechain.crypto.sig.Signer;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import io.votechain.tx.Identifiers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The MQTT CONNECT password of a device on a node's built-in endpoint (docs/mqtt.md §6): {@code
 * varint challengeHeight, fixed(64) signature}, the signature by the device's ECDSA P-256 key over
 *
 * <pre>
 * "votechain/mqtt-connect/v1" || text(chainId) || text(deviceId) || varint(challengeHeight)
 * </pre>
 *
 * The height travels with the signature (a refinement of the agreed protocol) so the node checks
 * one signature instead of one per height in the nonce window; the node accepts a height within the
 * window below its committed height. Immutable.
 */
public record ConnectPassword(long challengeHeight, byte[] signature) {
  static final byte[] DOMAIN = "votechain/mqtt-connect/v1".getBytes(StandardCharsets.US_ASCII);
  public static final int SIGNATURE_LENGTH = 64;

  public ConnectPassword {
    if (challengeHeight < 1 || signature.length != SIGNATURE_LENGTH) {
      throw new IllegalArgumentException("invalid connect password");
    }
    signature = signature.clone();
  }

  public static ConnectPassword sign(
      Signer deviceKey, String chainId, String deviceId, long challengeHeight) {
    return new ConnectPassword(
        challengeHeight, deviceKey.sign(signingMessage(chainId, deviceId, challengeHeight)));
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * True when the signature is by {@code deviceKey} for this chain and device and the height is in
   * {@code (committedHeight − nonceWindow, committedHeight]}.
   */
  public boolean verify(
      PublicKey deviceKey,
      String chainId,
      String deviceId,
      long committedHeight,
      long nonceWindow) {
    if (challengeHeight > committedHeight || committedHeight - challengeHeight >= nonceWindow) {
      return false;
    }
    if (!Identifiers.isValid(deviceId)) {
      return false;
    }
    return deviceKey.verify(signingMessage(chainId, deviceId, challengeHeight), signature);
  }

  public byte[] encode() {
    return new CanonicalWriter().varint(challengeHeight).fixed(signature).toByteArray();
  }

  /** Decodes hostile bytes; throws only {@link EncodingException}. */
  public static ConnectPassword decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    long height = r.varint(Long.MAX_VALUE);
    byte[] signature = r.fixed(SIGNATURE_LENGTH);
    r.finish();
    if (height < 1) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "height 0");
    }
    return new ConnectPassword(height, signature);
  }

  static byte[] signingMessage(String chainId, String deviceId, long height) {
    return new CanonicalWriter()
        .fixed(DOMAIN)
        .text(chainId)
        .text(deviceId)
        .varint(height)
        .toByteArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConnectPassword p
        && challengeHeight == p.challengeHeight
        && Arrays.equals(signature, p.signature);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(challengeHeight) * 31 + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "ConnectPassword[height=" + challengeHeight + "]";
  }
}
