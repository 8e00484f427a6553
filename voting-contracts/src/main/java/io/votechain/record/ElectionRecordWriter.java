package io.votechain.record;

import io.votechain.encoding.CanonicalWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes an election record section by section (docs/election-record.md §2): {@code u8 kind, varint
 * length, body}. Holds one section at a time, so a record of any size streams. Not thread safe;
 * {@link #finish} writes the {@link RecordSection.End} section and flushes.
 */
public final class ElectionRecordWriter {
  /**
   * The format version this code writes: 2 since blocks carry the parent's certificate
   * (docs/election-record.md §2).
   */
  public static final int VERSION = 2;

  private final OutputStream out;
  private long sections;
  private boolean finished;

  public ElectionRecordWriter(OutputStream out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  public void write(RecordSection section) throws IOException {
    if (finished) {
      throw new IllegalStateException("record already finished");
    }
    if (section instanceof RecordSection.End) {
      throw new IllegalArgumentException("the end section is written by finish()");
    }
    writeSection(section);
    sections++;
  }

  public void finish() throws IOException {
    writeSection(new RecordSection.End(sections));
    finished = true;
    out.flush();
  }

  private void writeSection(RecordSection section) throws IOException {
    CanonicalWriter body = new CanonicalWriter();
    section.writeBody(body);
    byte[] bytes = body.toByteArray();
    if (bytes.length > ElectionRecordReader.MAX_SECTION_BYTES) {
      throw new IllegalArgumentException("section above " + ElectionRecordReader.MAX_SECTION_BYTES);
    }
    out.write(new CanonicalWriter().u8(section.kind()).varint(bytes.length).toByteArray());
    out.write(bytes);
  }
}
