package io.votechain.crypto.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.encoding.EncodingException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;

class PointHintsTest {
  private static List<GroupElement> points(int n) throws Exception {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(29);
    List<GroupElement> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      points.add(P256.G.multiply(Scalar.randomNonZero(random)));
    }
    return points;
  }

  /** Decodes every encoding (the identity allowed) inside {@code hints}' scope. */
  private static List<GroupElement> decodeAll(List<byte[]> encodings, PointHints hints) {
    return hints.decode(
        () -> {
          List<GroupElement> out = new ArrayList<>();
          for (byte[] e : encodings) {
            out.add(GroupElement.decodeAllowingIdentity(e));
          }
          return out;
        });
  }

  private static List<byte[]> encodings(List<GroupElement> points) {
    return points.stream().map(GroupElement::encode).toList();
  }

  private static byte[] y(GroupElement p) {
    return p.ecPoint().getAffineYCoord().getEncoded();
  }

  @Test
  void recordedHintsDecodeTheSamePointsWithoutASquareRoot() throws Exception {
    List<GroupElement> points = new ArrayList<>(points(12));
    points.add(5, P256.IDENTITY); // the identity takes no hint
    PointHints recorder = PointHints.recorder();
    List<GroupElement> decoded = decodeAll(encodings(points), recorder);
    assertEquals(points, decoded);
    byte[] hints = recorder.recorded();
    assertEquals(12 * PointHints.HINT_LENGTH, hints.length);

    PointHints given = PointHints.given(hints);
    List<GroupElement> fromHints = decodeAll(encodings(points), given);
    assertEquals(points, fromHints);
    assertEquals(12, given.accepted());
    assertEquals(0, given.ignored());
    for (int i = 0; i < points.size(); i++) {
      // Same canonical encoding kept, so hashes and signatures over it are unchanged.
      assertArrayEquals(points.get(i).encode(), fromHints.get(i).encode());
    }
    assertNull(PointHints.current(), "the hints apply only inside their scope");
  }

  @Test
  void aHintThatFailsAnyCheckIsIgnoredAndThePointStillDecodesExactly() throws Exception {
    List<GroupElement> points = points(6);
    BigInteger prime = P256.FIELD_PRIME;
    List<UnaryOperator<BigInteger>> corruptions =
        List.of(
            y -> prime.subtract(y), // the other root: wrong parity
            y -> y.add(BigInteger.ONE), // off the curve, and the parity flips
            y -> y.add(BigInteger.TWO), // off the curve, same parity
            y -> prime, // not a field element
            y -> BigInteger.TWO.pow(256).subtract(BigInteger.ONE)); // neither
    for (UnaryOperator<BigInteger> corrupt : corruptions) {
      byte[] hints = new byte[points.size() * PointHints.HINT_LENGTH];
      for (int i = 0; i < points.size(); i++) {
        BigInteger y = new BigInteger(1, y(points.get(i)));
        // Every other hint corrupted, so the good ones after a bad one must still line up.
        BigInteger hint = i % 2 == 0 ? corrupt.apply(y) : y;
        System.arraycopy(
            BigIntegers.asUnsignedByteArray(PointHints.HINT_LENGTH, hint),
            0,
            hints,
            i * PointHints.HINT_LENGTH,
            PointHints.HINT_LENGTH);
      }
      PointHints given = PointHints.given(hints);
      assertEquals(points, decodeAll(encodings(points), given));
      assertEquals(3, given.accepted());
      assertEquals(3, given.ignored());
    }
  }

  @Test
  void anotherPointsHintIsIgnored() throws Exception {
    List<GroupElement> points = points(2);
    PointHints given = PointHints.given(y(points.get(1)));
    assertEquals(points.get(0), decodeAll(List.of(points.get(0).encode()), given).get(0));
    assertEquals(0, given.accepted());
  }

  @Test
  void tooFewHintsLeaveTheRestToTheSquareRoot() throws Exception {
    List<GroupElement> points = points(5);
    PointHints recorder = PointHints.recorder();
    decodeAll(encodings(points), recorder);
    byte[] two = Arrays.copyOf(recorder.recorded(), 2 * PointHints.HINT_LENGTH);
    PointHints given = PointHints.given(two);
    assertEquals(points, decodeAll(encodings(points), given));
    assertEquals(2, given.accepted());
  }

  @Test
  void noHintMakesAnXOffTheCurveOrAboveThePrimeDecode() throws Exception {
    GroupElement p = points(1).get(0);
    byte[] hint = y(p);
    // An x with no point on the curve: find one near p's x.
    byte[] offCurve = p.encode();
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(offCurve, 1, 33));
    while (true) {
      x = x.add(BigInteger.ONE);
      byte[] candidate = offCurve.clone();
      System.arraycopy(BigIntegers.asUnsignedByteArray(32, x), 0, candidate, 1, 32);
      try {
        GroupElement.decode(candidate);
      } catch (EncodingException notOnCurve) {
        offCurve = candidate;
        break;
      }
    }
    byte[] aboveThePrime = p.encode();
    System.arraycopy(
        BigIntegers.asUnsignedByteArray(32, P256.FIELD_PRIME), 0, aboveThePrime, 1, 32);
    for (byte[] bad : List.of(offCurve, aboveThePrime)) {
      PointHints given = PointHints.given(hint);
      EncodingException e =
          assertThrows(EncodingException.class, () -> given.decode(() -> GroupElement.decode(bad)));
      assertEquals(EncodingException.Reason.INVALID_VALUE, e.reason());
      assertEquals(0, given.accepted());
    }
    assertTrue(PointHints.current() == null);
  }
}
