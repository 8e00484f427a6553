package io.votechain.tx;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Signer;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Remote-attestation evidence from a device (docs/contracts.md §4.3): the measurement of the
 * software it runs, a monotonic counter, and the hash of a recent block (height and hash) as
 * freshness nonce, signed by the device's ECDSA P-256 key over {@link #signedMessage}. It is a
 * self-contained artefact: an observer can re-appraise it offline from the ledger alone.
 */
public record AttestationEvidence(
    String deviceId,
    Hash32 measurement,
    long counter,
    long nonceHeight,
    Hash32 nonceBlockHash,
    byte[] signature) {
  private static final byte[] DOMAIN =
      "votechain/attestation/v1".getBytes(StandardCharsets.US_ASCII);

  public AttestationEvidence {
    Identifiers.require(deviceId, "device id");
    Objects.requireNonNull(measurement, "measurement");
    Objects.requireNonNull(nonceBlockHash, "nonceBlockHash");
    if (counter < 0 || nonceHeight < 0) {
      throw new IllegalArgumentException("counter and nonce height are non-negative");
    }
    if (signature.length != 64) {
      throw new IllegalArgumentException("signature must be 64 bytes");
    }
    signature = signature.clone();
  }

  /** Produces evidence signed by {@code deviceKey} (device agents and tests). */
  public static AttestationEvidence sign(
      Signer deviceKey,
      String chainId,
      String deviceId,
      Hash32 measurement,
      long counter,
      long nonceHeight,
      Hash32 nonceBlockHash) {
    byte[] message =
        signedMessage(chainId, deviceId, measurement, counter, nonceHeight, nonceBlockHash);
    return new AttestationEvidence(
        deviceId, measurement, counter, nonceHeight, nonceBlockHash, deviceKey.sign(message));
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * {@code "votechain/attestation/v1" || text(chainId) || text(deviceId) || measurement ||
   * varint(counter) || varint(nonceHeight) || nonceBlockHash}.
   */
  public static byte[] signedMessage(
      String chainId,
      String deviceId,
      Hash32 measurement,
      long counter,
      long nonceHeight,
      Hash32 nonceBlockHash) {
    return new CanonicalWriter()
        .fixed(DOMAIN)
        .text(chainId)
        .text(deviceId)
        .fixed(measurement.bytes())
        .varint(counter)
        .varint(nonceHeight)
        .fixed(nonceBlockHash.bytes())
        .toByteArray();
  }

  public byte[] signedMessage(String chainId) {
    return signedMessage(chainId, deviceId, measurement, counter, nonceHeight, nonceBlockHash);
  }

  public void writeTo(CanonicalWriter w) {
    w.text(deviceId)
        .fixed(measurement.bytes())
        .varint(counter)
        .varint(nonceHeight)
        .fixed(nonceBlockHash.bytes())
        .fixed(signature);
  }

  public static AttestationEvidence readFrom(CanonicalReader r) {
    String id = r.text(Identifiers.MAX_LENGTH);
    Hash32 measurement = Hash32.of(r.fixed(Hash32.LENGTH));
    long counter = r.varint(Long.MAX_VALUE);
    long nonceHeight = r.varint(Long.MAX_VALUE);
    Hash32 nonce = Hash32.of(r.fixed(Hash32.LENGTH));
    return new AttestationEvidence(id, measurement, counter, nonceHeight, nonce, r.fixed(64));
  }
}
