package io.votechain.device;

import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import io.votechain.tx.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of a RECEIPT {@link NodeMessage} (docs/mqtt.md §3):
 *
 * <pre>
 * fixed(32) txId, varint code, text reason, varint height, fixed(32) blockHash,
 * bool hasInclusion, [BallotInclusion]
 * </pre>
 *
 * {@code height > 0}: the transaction is durably committed in that block with {@code code} as its
 * outcome ("a receipt means committed"). {@code height == 0}: refused before commit, the block hash
 * is all zeros. {@code code} is an {@link ErrorCode} number (below 200) or a {@link GatewayError}
 * number. The inclusion part is present exactly for a committed OK CastBallot. Immutable.
 */
public record Receipt(
    Hash32 txId,
    int code,
    String reason,
    long height,
    Hash32 blockHash,
    Optional<BallotInclusion> inclusion) {
  public static final int MAX_REASON_BYTES = 512;

  public Receipt {
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(inclusion, "inclusion");
    if (ErrorCode.ofNumber(code) == null && GatewayError.ofNumber(code) == null) {
      throw new IllegalArgumentException("unknown code " + code);
    }
    if (reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
      throw new IllegalArgumentException("reason above " + MAX_REASON_BYTES + " bytes");
    }
    if (height < 0) {
      throw new IllegalArgumentException("negative height");
    }
    if (height == 0 && (!blockHash.equals(Hash32.ZERO) || inclusion.isPresent())) {
      throw new IllegalArgumentException("a refusal has no block");
    }
    if (height == 0 && code == ErrorCode.OK.number()) {
      throw new IllegalArgumentException("OK only for a committed transaction");
    }
    if (inclusion.isPresent() && code != ErrorCode.OK.number()) {
      throw new IllegalArgumentException("inclusion only for an OK ballot");
    }
  }

  /** A refusal before commit: height 0, zero block hash. */
  public static Receipt refused(Hash32 txId, ErrorCode code, String reason) {
    return new Receipt(txId, code.number(), cut(reason), 0, Hash32.ZERO, Optional.empty());
  }

  /** A refusal by the gateway itself. */
  public static Receipt refused(Hash32 txId, GatewayError code, String reason) {
    return new Receipt(txId, code.number(), cut(reason), 0, Hash32.ZERO, Optional.empty());
  }

  /** The outcome of a committed transaction. */
  public static Receipt committed(
      Hash32 txId,
      ErrorCode code,
      String reason,
      long height,
      Hash32 blockHash,
      Optional<BallotInclusion> inclusion) {
    if (height < 1) {
      throw new IllegalArgumentException("committed height must be at least 1");
    }
    return new Receipt(txId, code.number(), cut(reason), height, blockHash, inclusion);
  }

  public boolean isCommitted() {
    return height > 0;
  }

  /** The contracts' code, when the code is one. */
  public Optional<ErrorCode> errorCode() {
    return Optional.ofNullable(ErrorCode.ofNumber(code));
  }

  /** The gateway's code, when the code is one. */
  public Optional<GatewayError> gatewayError() {
    return Optional.ofNullable(GatewayError.ofNumber(code));
  }

  /** The name of the code, from either enum. */
  public String codeName() {
    return errorCode().map(Enum::name).orElseGet(() -> gatewayError().orElseThrow().name());
  }

  public byte[] encode() {
    CanonicalWriter w =
        new CanonicalWriter()
            .fixed(txId.bytes())
            .varint(code)
            .text(reason)
            .varint(height)
            .fixed(blockHash.bytes())
            .bool(inclusion.isPresent());
    inclusion.ifPresent(i -> i.writeTo(w));
    return w.toByteArray();
  }

  /** Decodes hostile bytes; throws only {@link EncodingException}. */
  public static Receipt decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    Hash32 txId = Hash32.of(r.fixed(Hash32.LENGTH));
    int code = (int) r.varint(Integer.MAX_VALUE);
    String reason = r.text(MAX_REASON_BYTES);
    long height = r.varint(Long.MAX_VALUE);
    Hash32 blockHash = Hash32.of(r.fixed(Hash32.LENGTH));
    Optional<BallotInclusion> inclusion =
        r.bool() ? Optional.of(BallotInclusion.readFrom(r)) : Optional.empty();
    r.finish();
    try {
      return new Receipt(txId, code, reason, height, blockHash, inclusion);
    } catch (IllegalArgumentException e) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, e.getMessage());
    }
  }

  /** Cuts a reason to {@link #MAX_REASON_BYTES} without splitting a UTF-8 sequence. */
  static String cut(String reason) {
    byte[] utf8 = reason.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= MAX_REASON_BYTES) {
      return reason;
    }
    int end = MAX_REASON_BYTES;
    while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(utf8, 0, end, StandardCharsets.UTF_8);
  }
}
