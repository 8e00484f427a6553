package io.votechain.contract;

import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import io.votechain.tx.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** The outcome of one transaction in a block: its id, code, reason and events (none on failure). */
public record TxReceipt(Hash32 txId, ErrorCode code, String reason, List<Event> events) {
  public TxReceipt {
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
    events = List.copyOf(events);
  }

  public boolean succeeded() {
    return code == ErrorCode.OK;
  }

  /** Longest reason kept in state; contract reasons are short, this bounds a hostile one. */
  public static final int MAX_STORED_REASON_BYTES = 512;

  /**
   * {@code varint code number, text reason} (reason cut to 512 UTF-8 bytes): the stored outcome.
   */
  public byte[] encodeOutcome() {
    return new CanonicalWriter().varint(code.number()).text(storedReason(reason)).toByteArray();
  }

  /** The code and reason of a stored outcome ({@link #encodeOutcome}). */
  public record Outcome(ErrorCode code, String reason) {}

  public static Outcome decodeOutcome(byte[] bytes) throws EncodingException {
    CanonicalReader r = new CanonicalReader(bytes);
    ErrorCode code = ErrorCode.ofNumber((int) r.varint(Integer.MAX_VALUE));
    if (code == null) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "unknown error code");
    }
    String reason = r.text(MAX_STORED_REASON_BYTES);
    r.finish();
    return new Outcome(code, reason);
  }

  private static String storedReason(String reason) {
    byte[] utf8 = reason.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= MAX_STORED_REASON_BYTES) {
      return reason;
    }
    int end = MAX_STORED_REASON_BYTES;
    while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
      end--; // never cut a UTF-8 sequence in half
    }
    return new String(utf8, 0, end, StandardCharsets.UTF_8);
  }
}
