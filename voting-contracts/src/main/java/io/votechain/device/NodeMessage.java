package io.votechain.device;

import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.sig.Signer;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a validator sends to devices over MQTT (docs/mqtt.md §2):
 *
 * <pre>
 * u8 kind, text chainId, varint validatorIndex, varint height, bytes body, fixed(64) signature
 * </pre>
 *
 * signed with the validator's Ed25519 key (genesis) over {@code "votechain/mqtt/v1" || all fields
 * before the signature}. Devices hold the genesis validator keys and check every message with
 * {@link #verify}, so neither the broker nor the network has to be trusted. Immutable.
 *
 * @param height the committed height the message speaks for (0 for a refusal before commit)
 */
public record NodeMessage(
    NodeMessageKind kind,
    String chainId,
    int validatorIndex,
    long height,
    byte[] body,
    byte[] signature) {
  static final byte[] DOMAIN = "votechain/mqtt/v1".getBytes(StandardCharsets.US_ASCII);

  /** Bound on the body: a receipt with a full inclusion proof or an election manifest fits. */
  public static final int MAX_BODY = 256 * 1024;

  public static final int MAX_CHAIN_ID_BYTES = 64;
  public static final int SIGNATURE_LENGTH = 64;

  public NodeMessage {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(chainId, "chainId");
    if (chainId.isEmpty()
        || chainId.getBytes(StandardCharsets.UTF_8).length > MAX_CHAIN_ID_BYTES
        || validatorIndex < 0
        || height < 0) {
      throw new IllegalArgumentException("invalid node message header");
    }
    if (body.length > MAX_BODY || signature.length != SIGNATURE_LENGTH) {
      throw new IllegalArgumentException("invalid node message body or signature length");
    }
    body = body.clone();
    signature = signature.clone();
  }

  /** Signs a message as validator {@code validatorIndex} with its key {@code validatorKey}. */
  public static NodeMessage sign(
      NodeMessageKind kind,
      String chainId,
      int validatorIndex,
      long height,
      byte[] body,
      Signer validatorKey) {
    byte[] message = signingMessage(kind, chainId, validatorIndex, height, body);
    return new NodeMessage(kind, chainId, validatorIndex, height, body, validatorKey.sign(message));
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** Why a message is or is not acceptable to a device. */
  public enum Check {
    VALID,
    WRONG_CHAIN,
    UNKNOWN_VALIDATOR,
    BAD_SIGNATURE
  }

  /**
   * Checks the message against the chain the device belongs to and the genesis validator keys
   * (index = position in the list).
   */
  public Check verify(String expectedChainId, List<Ed25519PublicKey> validators) {
    if (!chainId.equals(expectedChainId)) {
      return Check.WRONG_CHAIN;
    }
    if (validatorIndex >= validators.size()) {
      return Check.UNKNOWN_VALIDATOR;
    }
    byte[] message = signingMessage(kind, chainId, validatorIndex, height, body);
    return validators.get(validatorIndex).verify(message, signature)
        ? Check.VALID
        : Check.BAD_SIGNATURE;
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    writeUnsigned(w, kind, chainId, validatorIndex, height, body);
    return w.fixed(signature).toByteArray();
  }

  /** Decodes hostile bytes; throws only {@link EncodingException}. */
  public static NodeMessage decode(byte[] bytes) {
    if (bytes.length > MAX_BODY + 1024) {
      throw new EncodingException(EncodingException.Reason.TOO_LARGE, "node message too large");
    }
    CanonicalReader r = new CanonicalReader(bytes);
    int tag = r.u8();
    NodeMessageKind kind = NodeMessageKind.ofTag(tag);
    if (kind == null) {
      throw CanonicalReader.unknownTag("node message kind", tag);
    }
    String chainId = r.text(MAX_CHAIN_ID_BYTES);
    int validatorIndex = (int) r.varint(Integer.MAX_VALUE);
    long height = r.varint(Long.MAX_VALUE);
    byte[] body = r.bytes(MAX_BODY);
    byte[] signature = r.fixed(SIGNATURE_LENGTH);
    r.finish();
    if (chainId.isEmpty()) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "empty chain id");
    }
    return new NodeMessage(kind, chainId, validatorIndex, height, body, signature);
  }

  private static byte[] signingMessage(
      NodeMessageKind kind, String chainId, int validatorIndex, long height, byte[] body) {
    CanonicalWriter w = new CanonicalWriter().fixed(DOMAIN);
    writeUnsigned(w, kind, chainId, validatorIndex, height, body);
    return w.toByteArray();
  }

  private static void writeUnsigned(
      CanonicalWriter w,
      NodeMessageKind kind,
      String chainId,
      int validatorIndex,
      long height,
      byte[] body) {
    w.u8(kind.tag()).text(chainId).varint(validatorIndex).varint(height).bytes(body);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeMessage m && Arrays.equals(encode(), m.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "NodeMessage[" + kind + " from validator " + validatorIndex + " at " + height + "]";
  }
}
