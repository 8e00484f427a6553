package io.votechain.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The section framing of docs/election-record.md §2: round trip and refusals. */
class ElectionRecordReaderTest {
  private static ElectionRecordReader reader(byte[] bytes) {
    return new ElectionRecordReader(new ByteArrayInputStream(bytes));
  }

  @Test
  void sectionsRoundTripAndTheEndCountsThem() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ElectionRecordWriter w = new ElectionRecordWriter(out);
    RecordSection.Header header = new RecordSection.Header(1, "e1");
    RecordSection.Block block =
        new RecordSection.Block(
            new byte[] {1, 2},
            new byte[] {3},
            Optional.of(new byte[] {7, 8}),
            List.of(
                new RecordedTransaction(
                    4, TransactionRole.COUNTED, new byte[] {5, 6}, List.of(Hash32.ZERO))));
    w.write(header);
    w.write(block);
    w.finish();

    ElectionRecordReader r = reader(out.toByteArray());
    assertEquals(Optional.of(header), r.next());
    assertEquals(Optional.of(block), r.next());
    assertEquals(Optional.of(new RecordSection.End(2)), r.next());
    assertEquals(Optional.empty(), r.next());
  }

  @Test
  void unknownSectionKindIsRefused() {
    byte[] bytes = new CanonicalWriter().u8(9).varint(0).toByteArray();
    EncodingException e = assertThrows(EncodingException.class, () -> reader(bytes).next());
    assertEquals(EncodingException.Reason.UNKNOWN_TAG, e.reason());
  }

  @Test
  void paddedLengthIsRefused() {
    byte[] bytes = {RecordSection.KIND_END, (byte) 0x80, 0x00};
    EncodingException e = assertThrows(EncodingException.class, () -> reader(bytes).next());
    assertEquals(EncodingException.Reason.NON_CANONICAL, e.reason());
  }

  @Test
  void sectionAboveTheBoundIsRefusedBeforeItIsRead() {
    byte[] bytes =
        new CanonicalWriter()
            .u8(RecordSection.KIND_BLOCK)
            .varint(ElectionRecordReader.MAX_SECTION_BYTES + 1L)
            .toByteArray();
    EncodingException e = assertThrows(EncodingException.class, () -> reader(bytes).next());
    assertEquals(EncodingException.Reason.TOO_LARGE, e.reason());
  }

  @Test
  void truncatedSectionIsRefused() {
    byte[] bytes = new CanonicalWriter().u8(RecordSection.KIND_END).varint(5).u8(1).toByteArray();
    EncodingException e = assertThrows(EncodingException.class, () -> reader(bytes).next());
    assertEquals(EncodingException.Reason.TRUNCATED, e.reason());
  }

  @Test
  void anotherFormatIsNotARecord() {
    CanonicalWriter body = new CanonicalWriter().text("something-else").varint(1).text("e1");
    byte[] bodyBytes = body.toByteArray();
    byte[] bytes =
        new CanonicalWriter()
            .u8(RecordSection.KIND_HEADER)
            .varint(bodyBytes.length)
            .fixed(bodyBytes)
            .toByteArray();
    EncodingException e = assertThrows(EncodingException.class, () -> reader(bytes).next());
    assertTrue(e.getMessage().contains("not an election record"));
  }
}
