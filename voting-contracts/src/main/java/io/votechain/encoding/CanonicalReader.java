package io.votechain.encoding;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the canonical binary encoding written by {@link CanonicalWriter} and rejects every byte
 * string that the writer could not have produced: truncation, trailing bytes ({@link #finish()}),
 * non-minimal varints, lengths above the caller's bound, invalid UTF-8, non-minimal naturals and
 * booleans other than 0 or 1. A rejection is an {@link EncodingException}, never another exception,
 * so hostile network input is handled in one place.
 *
 * <p>Not thread safe.
 */
public final class CanonicalReader {
  private final byte[] in;
  private int pos;

  public CanonicalReader(byte[] in) {
    this.in = in;
  }

  public int remaining() {
    return in.length - pos;
  }

  private void need(int n, String what) {
    if (n < 0 || remaining() < n) {
      throw new EncodingException(EncodingException.Reason.TRUNCATED, what + " truncated");
    }
  }

  public int u8() {
    need(1, "u8");
    return in[pos++] & 0xFF;
  }

  public boolean bool() {
    int b = u8();
    if (b > 1) {
      throw new EncodingException(EncodingException.Reason.NON_CANONICAL, "boolean byte " + b);
    }
    return b == 1;
  }

  public long u32() {
    need(4, "u32");
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (in[pos++] & 0xFF);
    }
    return v;
  }

  public long i64() {
    need(8, "i64");
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (in[pos++] & 0xFF);
    }
    return v;
  }

  /** A minimal LEB128 varint no larger than {@code max}. */
  public long varint(long max) {
    long value = 0;
    int shift = 0;
    while (true) {
      int b = u8();
      if (shift == 63 && (b & 0x7E) != 0) {
        throw new EncodingException(EncodingException.Reason.TOO_LARGE, "varint overflows 63 bits");
      }
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (b == 0 && shift > 0) {
          throw new EncodingException(EncodingException.Reason.NON_CANONICAL, "varint not minimal");
        }
        break;
      }
      shift += 7;
      if (shift > 63) {
        throw new EncodingException(EncodingException.Reason.TOO_LARGE, "varint too long");
      }
    }
    if (value > max) {
      throw new EncodingException(
          EncodingException.Reason.TOO_LARGE, "length " + value + " exceeds limit " + max);
    }
    return value;
  }

  public byte[] fixed(int length) {
    need(length, "fixed field");
    byte[] out = Arrays.copyOfRange(in, pos, pos + length);
    pos += length;
    return out;
  }

  public byte[] bytes(int maxLength) {
    int length = (int) varint(maxLength);
    return fixed(length);
  }

  public String text(int maxBytes) {
    byte[] raw = bytes(maxBytes);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw new EncodingException(EncodingException.Reason.NON_CANONICAL, "text is not UTF-8");
    }
  }

  public BigInteger natural(int maxBytes) {
    byte[] magnitude = bytes(maxBytes);
    if (magnitude.length > 0 && magnitude[0] == 0) {
      throw new EncodingException(EncodingException.Reason.NON_CANONICAL, "leading zero byte");
    }
    return new BigInteger(1, magnitude);
  }

  public <T> List<T> list(int maxCount, Function<CanonicalReader, T> element) {
    int count = (int) varint(maxCount);
    List<T> items = new ArrayList<>(Math.min(count, 1024));
    for (int i = 0; i < count; i++) {
      items.add(element.apply(this));
    }
    return List.copyOf(items);
  }

  /** Call after the last field: a canonical encoding has no trailing bytes. */
  public void finish() {
    if (remaining() != 0) {
      throw new EncodingException(
          EncodingException.Reason.TRAILING_BYTES, remaining() + " trailing bytes");
    }
  }

  /** Fails with a tag error; for decoders of closed sets that meet an unknown tag. */
  public static EncodingException unknownTag(String what, int tag) {
    return new EncodingException(EncodingException.Reason.UNKNOWN_TAG, what + " tag " + tag);
  }
}
