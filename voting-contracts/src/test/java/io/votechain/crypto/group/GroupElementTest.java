package io.votechain.crypto.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.encoding.EncodingException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;

class GroupElementTest {
  private static SecureRandom seeded() throws Exception {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(11);
    return random;
  }

  @Test
  void theGeneratorEncodesAsInSec2() {
    assertEquals(
        "036b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
        HexFormat.of().formatHex(P256.G.encode()));
  }

  @Test
  void fixedBaseAndVariableBaseMultiplicationAgree() throws Exception {
    SecureRandom random = seeded();
    GroupElement key = P256.G.multiply(Scalar.randomNonZero(random));
    for (int i = 0; i < 20; i++) {
      Scalar k = Scalar.random(random);
      assertEquals(P256.G.multiply(k), P256.G.multiplyFixed(k));
      assertEquals(key.multiply(k), key.multiplyFixed(k));
    }
  }

  @Test
  void pointsRoundTripThroughTheirEncoding() throws Exception {
    SecureRandom random = seeded();
    for (int i = 0; i < 50; i++) {
      GroupElement p = P256.G.multiply(Scalar.randomNonZero(random));
      assertEquals(p, GroupElement.decode(p.encode()));
    }
  }

  @Test
  void theIdentityIsRefusedUnlessAllowed() {
    byte[] identity = P256.IDENTITY.encode();
    assertArrayEquals(new byte[33], identity);
    EncodingException e =
        assertThrows(EncodingException.class, () -> GroupElement.decode(identity));
    assertEquals(EncodingException.Reason.INVALID_VALUE, e.reason());
    assertTrue(GroupElement.decodeAllowingIdentity(identity).isIdentity());
  }

  @Test
  void pointsOffTheCurveAreRefused() {
    byte[] bad = new byte[33];
    bad[0] = 0x02;
    bad[32] = 1; // x = 1: x^3 - 3x + b is not a square modulo p
    assertThrows(EncodingException.class, () -> GroupElement.decode(bad));
  }

  @Test
  void anXCoordinateNotBelowTheFieldPrimeIsRefused() {
    byte[] bad = new byte[33];
    bad[0] = 0x02;
    System.arraycopy(BigIntegers.asUnsignedByteArray(32, P256.FIELD_PRIME), 0, bad, 1, 32);
    assertThrows(EncodingException.class, () -> GroupElement.decode(bad));
  }

  @Test
  void uncompressedAndMalformedPrefixesAreRefused() {
    byte[] encoded = P256.G.encode();
    encoded[0] = 0x04;
    assertThrows(EncodingException.class, () -> GroupElement.decode(encoded));
    byte[] identityWithGarbage = new byte[33];
    identityWithGarbage[5] = 1;
    assertThrows(
        EncodingException.class, () -> GroupElement.decodeAllowingIdentity(identityWithGarbage));
    assertThrows(EncodingException.class, () -> GroupElement.decode(new byte[32]));
  }

  @Test
  void aDecodedPointCarriesNoPrecomputation() throws Exception {
    byte[] encoded = P256.G.multiply(Scalar.randomNonZero(seeded())).encode();
    // BouncyCastle's own decoder leaves its validity record on the point: the probe sees it.
    assertFalse(Precomputation.of(P256.decodeRaw(encoded)).isEmpty());

    GroupElement decoded = GroupElement.decode(encoded);
    assertEquals(Set.of(), Precomputation.of(decoded.ecPoint()));
    assertArrayEquals(encoded, decoded.encode());
    assertEquals(GroupElement.of(P256.decodeRaw(encoded)), decoded);
  }

  @Test
  void variableBaseMultiplicationLeavesNoTableOnItsBase() throws Exception {
    SecureRandom random = seeded();
    Scalar x = Scalar.randomNonZero(random);
    Scalar k = Scalar.randomNonZero(random);
    GroupElement base = GroupElement.decode(P256.G.multiplyFixed(x).encode());
    assertEquals(P256.G.multiplyFixed(x.multiply(k)), base.multiply(k));
    assertEquals(Set.of(), Precomputation.of(base.ecPoint()));
  }

  @Test
  void theGeneratorKeepsItsCombTable() {
    P256.G.multiplyFixed(Scalar.ONE);
    assertFalse(Precomputation.of(P256.G.ecPoint()).isEmpty());
  }

  @Test
  void scalarsHaveOneEncoding() {
    assertThrows(
        EncodingException.class,
        () -> Scalar.decode(BigIntegers.asUnsignedByteArray(32, P256.ORDER)));
    assertThrows(
        EncodingException.class,
        () -> Scalar.decode(BigIntegers.asUnsignedByteArray(32, P256.ORDER.add(BigInteger.ONE))));
    Scalar max = Scalar.of(P256.ORDER.subtract(BigInteger.ONE));
    assertEquals(max, Scalar.decode(max.encode()));
    assertThrows(EncodingException.class, () -> Scalar.decode(new byte[31]));
  }

  @Test
  void groupLawsHold() throws Exception {
    SecureRandom random = seeded();
    Scalar a = Scalar.random(random);
    Scalar b = Scalar.random(random);
    assertEquals(P256.G.multiply(a.add(b)), P256.G.multiply(a).add(P256.G.multiply(b)));
    assertEquals(P256.IDENTITY, P256.G.multiply(a).subtract(P256.G.multiply(a)));
    assertEquals(P256.IDENTITY, P256.G.multiply(Scalar.of(P256.ORDER)));
    assertEquals(Scalar.ONE, a.multiply(a.inverse()));
  }
}
