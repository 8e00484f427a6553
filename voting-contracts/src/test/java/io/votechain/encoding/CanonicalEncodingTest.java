package io.votechain.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CanonicalEncodingTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  @Nested
  class Varint {
    @Test
    void encodesKnownValuesAsMinimalLeb128() {
      assertArrayEquals(hex("00"), new CanonicalWriter().varint(0).toByteArray());
      assertArrayEquals(hex("7f"), new CanonicalWriter().varint(127).toByteArray());
      assertArrayEquals(hex("8001"), new CanonicalWriter().varint(128).toByteArray());
      assertArrayEquals(hex("e58e26"), new CanonicalWriter().varint(624485).toByteArray());
    }

    @Test
    void roundTripsAcrossTheRange() {
      Random random = new Random(7);
      for (int i = 0; i < 10_000; i++) {
        long v = random.nextLong() >>> (1 + random.nextInt(63));
        CanonicalReader r = new CanonicalReader(new CanonicalWriter().varint(v).toByteArray());
        assertEquals(v, r.varint(Long.MAX_VALUE));
        r.finish();
      }
    }

    @Test
    void rejectsNonMinimalEncoding() {
      EncodingException e =
          assertThrows(EncodingException.class, () -> new CanonicalReader(hex("8000")).varint(10));
      assertEquals(EncodingException.Reason.NON_CANONICAL, e.reason());
    }

    @Test
    void rejectsValuesAboveTheCallersLimit() {
      EncodingException e =
          assertThrows(EncodingException.class, () -> new CanonicalReader(hex("8001")).varint(127));
      assertEquals(EncodingException.Reason.TOO_LARGE, e.reason());
    }

    @Test
    void rejectsOverlongVarints() {
      EncodingException e =
          assertThrows(
              EncodingException.class,
              () -> new CanonicalReader(hex("ffffffffffffffffff7f")).varint(Long.MAX_VALUE));
      assertEquals(EncodingException.Reason.TOO_LARGE, e.reason());
    }
  }

  @Test
  void trailingBytesAreRejected() {
    CanonicalReader r = new CanonicalReader(hex("0100"));
    r.u8();
    EncodingException e = assertThrows(EncodingException.class, r::finish);
    assertEquals(EncodingException.Reason.TRAILING_BYTES, e.reason());
  }

  @Test
  void truncatedInputIsRejected() {
    EncodingException e =
        assertThrows(EncodingException.class, () -> new CanonicalReader(hex("000102")).u32());
    assertEquals(EncodingException.Reason.TRUNCATED, e.reason());
  }

  @Test
  void lengthPrefixedBytesBeyondTheLimitAreRejectedBeforeAllocation() {
    byte[] huge = new CanonicalWriter().varint(1L << 40).toByteArray();
    EncodingException e =
        assertThrows(EncodingException.class, () -> new CanonicalReader(huge).bytes(1024));
    assertEquals(EncodingException.Reason.TOO_LARGE, e.reason());
  }

  @Test
  void booleansOtherThanZeroOrOneAreRejected() {
    EncodingException e =
        assertThrows(EncodingException.class, () -> new CanonicalReader(hex("02")).bool());
    assertEquals(EncodingException.Reason.NON_CANONICAL, e.reason());
  }

  @Test
  void invalidUtf8TextIsRejected() {
    EncodingException e =
        assertThrows(EncodingException.class, () -> new CanonicalReader(hex("01ff")).text(10));
    assertEquals(EncodingException.Reason.NON_CANONICAL, e.reason());
  }

  @Test
  void naturalsHaveOneEncoding() {
    assertArrayEquals(hex("00"), new CanonicalWriter().natural(BigInteger.ZERO).toByteArray());
    assertArrayEquals(
        hex("0180"), new CanonicalWriter().natural(BigInteger.valueOf(128)).toByteArray());
    EncodingException e =
        assertThrows(EncodingException.class, () -> new CanonicalReader(hex("020080")).natural(8));
    assertEquals(EncodingException.Reason.NON_CANONICAL, e.reason());
  }

  @Test
  void aRecordOfManyFieldsRoundTrips() {
    byte[] encoded =
        new CanonicalWriter()
            .u8(7)
            .bool(true)
            .u32(0xDEADBEEFL)
            .i64(-5)
            .text("选举 election")
            .bytes(hex("cafe"))
            .list(List.of("a", "bc"), CanonicalWriter::text)
            .toByteArray();
    CanonicalReader r = new CanonicalReader(encoded);
    assertEquals(7, r.u8());
    assertTrue(r.bool());
    assertEquals(0xDEADBEEFL, r.u32());
    assertEquals(-5, r.i64());
    assertEquals("选举 election", r.text(100));
    assertArrayEquals(hex("cafe"), r.bytes(2));
    assertEquals(List.of("a", "bc"), r.list(2, x -> x.text(2)));
    r.finish();
  }

  @Test
  void listsLongerThanTheLimitAreRejected() {
    byte[] encoded =
        new CanonicalWriter().list(List.of("a", "b", "c"), CanonicalWriter::text).toByteArray();
    EncodingException e =
        assertThrows(
            EncodingException.class, () -> new CanonicalReader(encoded).list(2, x -> x.text(1)));
    assertEquals(EncodingException.Reason.TOO_LARGE, e.reason());
  }

  @Test
  void randomBytesNeverThrowAnythingButEncodingException() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      byte[] garbage = new byte[random.nextInt(24)];
      random.nextBytes(garbage);
      CanonicalReader r = new CanonicalReader(garbage);
      try {
        r.u8();
        r.text(8);
        r.list(4, x -> x.bytes(4));
        r.natural(4);
        r.finish();
      } catch (EncodingException expected) {
        // the only acceptable failure
      }
    }
  }
}
