package io.votechain.encoding;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes the canonical binary encoding (docs/encoding.md): the one byte string that a value hashes
 * and signs as. Fixed-width integers are big-endian; every variable-length field is preceded by its
 * length as an unsigned LEB128 varint of minimal length; lists carry their element count. The same
 * value always yields the same bytes, so two honest validators hash it identically.
 *
 * <p>Not thread safe: one writer per encoding.
 */
public final class CanonicalWriter {
  private final ByteArrayOutputStream out;

  public CanonicalWriter() {
    this(128);
  }

  /**
   * A writer whose buffer starts at {@code expectedBytes}: large encodings whose size is known (a
   * peer frame around a ballot) are then written without regrowing it.
   */
  public CanonicalWriter(int expectedBytes) {
    out = new ByteArrayOutputStream(Math.max(16, expectedBytes));
  }

  public CanonicalWriter u8(int value) {
    if (value < 0 || value > 0xFF) {
      throw new IllegalArgumentException("u8 out of range: " + value);
    }
    out.write(value);
    return this;
  }

  public CanonicalWriter bool(boolean value) {
    return u8(value ? 1 : 0);
  }

  public CanonicalWriter u32(long value) {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("u32 out of range: " + value);
    }
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.write((int) (value >>> shift) & 0xFF);
    }
    return this;
  }

  /** A signed 64-bit integer, two's complement, big-endian. */
  public CanonicalWriter i64(long value) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (value >>> shift) & 0xFF);
    }
    return this;
  }

  /** An unsigned length or count as a minimal LEB128 varint. */
  public CanonicalWriter varint(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("varint must be non-negative: " + value);
    }
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
    return this;
  }

  /** Bytes whose length the reader knows from the type (a hash, a key, a point). */
  public CanonicalWriter fixed(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** Length-prefixed bytes. */
  public CanonicalWriter bytes(byte[] bytes) {
    varint(bytes.length);
    out.writeBytes(bytes);
    return this;
  }

  /** Length-prefixed UTF-8 text. */
  public CanonicalWriter text(String text) {
    return bytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A non-negative integer as length-prefixed minimal big-endian magnitude (zero is empty). */
  public CanonicalWriter natural(BigInteger value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("natural must be non-negative");
    }
    if (value.signum() == 0) {
      return varint(0);
    }
    byte[] magnitude = value.toByteArray();
    int skip = magnitude[0] == 0 ? 1 : 0;
    varint(magnitude.length - skip);
    out.write(magnitude, skip, magnitude.length - skip);
    return this;
  }

  /** A list: its element count, then each element in order. */
  public <T> CanonicalWriter list(List<T> items, BiConsumer<CanonicalWriter, T> element) {
    varint(items.size());
    for (T item : items) {
      element.accept(this, item);
    }
    return this;
  }

  public int size() {
    return out.size();
  }

  public byte[] toByteArray() {
    return out.toByteArray();
  }
}
