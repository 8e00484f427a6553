package io.votechain.record;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.EncodingException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads an election record one section at a time (docs/election-record.md §2). Every section is
 * bounded ({@link #MAX_SECTION_BYTES}) before it is allocated and parsed with the canonical reader,
 * so a hostile record fails with {@link EncodingException} (or the stream's {@link IOException}),
 * never with anything else. Not thread safe.
 */
public final class ElectionRecordReader {
  /** A block of ≤ 4 MiB of transactions plus audit paths stays well below this. */
  public static final int MAX_SECTION_BYTES = 16 * 1024 * 1024;

  private final InputStream in;
  private long offset;

  public ElectionRecordReader(InputStream in) {
    this.in = Objects.requireNonNull(in, "in");
  }

  /** Bytes consumed so far (for error messages and progress). */
  public long offset() {
    return offset;
  }

  /** The next section, or empty at the end of the stream. */
  public Optional<RecordSection> next() throws IOException {
    int kind = in.read();
    if (kind < 0) {
      return Optional.empty();
    }
    offset++;
    long length = readVarint();
    if (length > MAX_SECTION_BYTES) {
      throw new EncodingException(
          EncodingException.Reason.TOO_LARGE, "section of " + length + " bytes at " + offset);
    }
    byte[] body = in.readNBytes((int) length);
    if (body.length != length) {
      throw new EncodingException(
          EncodingException.Reason.TRUNCATED, "record ends inside a section at " + offset);
    }
    offset += length;
    CanonicalReader r = new CanonicalReader(body);
    RecordSection section =
        switch (kind) {
          case RecordSection.KIND_HEADER -> RecordSection.Header.readBody(r);
          case RecordSection.KIND_GENESIS -> RecordSection.Genesis.readBody(r);
          case RecordSection.KIND_BLOCK -> RecordSection.Block.readBody(r);
          case RecordSection.KIND_SUMMARY -> RecordSection.Summary.readBody(r);
          case RecordSection.KIND_END -> RecordSection.End.readBody(r);
          default -> throw CanonicalReader.unknownTag("record section", kind);
        };
    r.finish();
    return Optional.of(section);
  }

  /** Minimal LEB128, as {@link CanonicalReader#varint} reads it, but from the stream. */
  private long readVarint() throws IOException {
    long value = 0;
    for (int i = 0; i < 10; i++) {
      int b = in.read();
      if (b < 0) {
        throw new EncodingException(EncodingException.Reason.TRUNCATED, "record ends in a length");
      }
      offset++;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new EncodingException(EncodingException.Reason.NON_CANONICAL, "padded length");
        }
        return value;
      }
    }
    throw new EncodingException(EncodingException.Reason.NON_CANONICAL, "length too long");
  }
}
