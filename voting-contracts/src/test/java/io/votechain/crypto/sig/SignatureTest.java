package io.votechain.crypto.sig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SignatureTest {
  static SecureRandom seeded(long seed) throws Exception {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(seed);
    return random;
  }

  static Stream<Signer> signers() throws Exception {
    return Stream.of(Ed25519Signer.generate(seeded(1)), EcdsaP256Signer.generate(seeded(2)));
  }

  private static final byte[] MESSAGE = "cast ballot 42".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @MethodSource("signers")
  void anHonestSignatureVerifies(Signer signer) {
    assertTrue(signer.publicKey().verify(MESSAGE, signer.sign(MESSAGE)));
  }

  @ParameterizedTest
  @MethodSource("signers")
  void aSignatureOverAnotherMessageFails(Signer signer) {
    byte[] other = MESSAGE.clone();
    other[0] ^= 1;
    assertFalse(signer.publicKey().verify(other, signer.sign(MESSAGE)));
  }

  @ParameterizedTest
  @MethodSource("signers")
  void everySingleBitFlipOfTheSignatureFails(Signer signer) {
    byte[] signature = signer.sign(MESSAGE);
    for (int bit = 0; bit < signature.length * 8; bit++) {
      byte[] flipped = signature.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertFalse(signer.publicKey().verify(MESSAGE, flipped), "bit " + bit);
    }
  }

  @ParameterizedTest
  @MethodSource("signers")
  void aSignatureOfTheWrongLengthFails(Signer signer) {
    byte[] signature = signer.sign(MESSAGE);
    assertFalse(signer.publicKey().verify(MESSAGE, Arrays.copyOf(signature, 63)));
    assertFalse(signer.publicKey().verify(MESSAGE, Arrays.copyOf(signature, 65)));
    assertFalse(signer.publicKey().verify(MESSAGE, null));
  }

  @ParameterizedTest
  @MethodSource("signers")
  void anotherKeyDoesNotVerify(Signer signer) throws Exception {
    Signer other =
        signer instanceof Ed25519Signer
            ? Ed25519Signer.generate(seeded(99))
            : EcdsaP256Signer.generate(seeded(99));
    assertFalse(other.publicKey().verify(MESSAGE, signer.sign(MESSAGE)));
  }

  @ParameterizedTest
  @MethodSource("signers")
  void signingIsDeterministic(Signer signer) {
    assertTrue(Arrays.equals(signer.sign(MESSAGE), signer.sign(MESSAGE)));
  }

  @ParameterizedTest
  @MethodSource("signers")
  void publicKeysRoundTripThroughTheCanonicalEncoding(Signer signer) {
    CanonicalWriter w = new CanonicalWriter();
    signer.publicKey().writeTo(w);
    CanonicalReader r = new CanonicalReader(w.toByteArray());
    PublicKey decoded = PublicKey.readFrom(r);
    r.finish();
    assertEquals(signer.publicKey(), decoded);
    assertTrue(decoded.verify(MESSAGE, signer.sign(MESSAGE)));
  }

  @ParameterizedTest
  @MethodSource("signers")
  void toStringNeverShowsThePrivateKey(Signer signer) {
    String secretHex =
        HexFormat.of()
            .formatHex(
                signer instanceof Ed25519Signer ed
                    ? ed.exportSeed()
                    : ((EcdsaP256Signer) signer).exportPrivateScalar());
    assertFalse(signer.toString().contains(secretHex));
    assertTrue(signer.toString().contains(HexFormat.of().formatHex(signer.publicKey().encoded())));
  }

  @Test
  void ecdsaRefusesTheHighSTwinOfAValidSignature() throws Exception {
    EcdsaP256Signer signer = EcdsaP256Signer.generate(seeded(3));
    byte[] signature = signer.sign(MESSAGE);
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
    BigInteger highS = P256Domain.PARAMS.getN().subtract(s);
    byte[] twin = signature.clone();
    System.arraycopy(BigIntegers.asUnsignedByteArray(32, highS), 0, twin, 32, 32);
    assertFalse(signer.publicKey().verify(MESSAGE, twin));
  }

  @Test
  void anEcdsaKeyDecodedAgainIsTheSameObjectAndStillJudgesSignatures() throws Exception {
    EcdsaP256Signer signer = EcdsaP256Signer.generate(seeded(4));
    byte[] raw = signer.publicKey().encoded();
    EcdsaP256PublicKey first = EcdsaP256PublicKey.decode(raw);
    byte[] copy = raw.clone();
    raw[5] ^= 1; // the caller's array may change later: the key must not depend on it
    EcdsaP256PublicKey again = EcdsaP256PublicKey.decode(copy);
    assertSame(first, again, "one object, so one BouncyCastle table, per key");
    assertArrayEquals(copy, first.encoded());
    byte[] signature = signer.sign(MESSAGE);
    assertTrue(again.verify(MESSAGE, signature));
    assertTrue(first.verify(MESSAGE, signature));
    byte[] bad = signature.clone();
    bad[40] ^= 1;
    assertFalse(again.verify(MESSAGE, bad));
  }

  @Test
  void ecdsaKeysOffTheCurveAreRejected() {
    byte[] notOnCurve = new byte[33];
    notOnCurve[0] = 0x02;
    notOnCurve[32] = 1; // x = 1: x^3 - 3x + b is not a square modulo p
    EncodingException e =
        assertThrows(EncodingException.class, () -> EcdsaP256PublicKey.decode(notOnCurve));
    assertEquals(EncodingException.Reason.INVALID_VALUE, e.reason());
  }

  @Test
  void uncompressedOrMalformedKeysAreRejected() {
    assertThrows(EncodingException.class, () -> EcdsaP256PublicKey.decode(new byte[33]));
    assertThrows(EncodingException.class, () -> EcdsaP256PublicKey.decode(new byte[65]));
    assertThrows(EncodingException.class, () -> Ed25519PublicKey.decode(new byte[31]));
  }

  @Test
  void unknownAlgorithmTagIsRejected() {
    EncodingException e =
        assertThrows(
            EncodingException.class,
            () -> PublicKey.readFrom(new CanonicalReader(new byte[] {9, 0, 0})));
    assertEquals(EncodingException.Reason.UNKNOWN_TAG, e.reason());
  }

  @Test
  void keysRestoreFromTheirExportedSecret() throws Exception {
    Ed25519Signer ed = Ed25519Signer.generate(seeded(4));
    assertEquals(ed.publicKey(), Ed25519Signer.fromSeed(ed.exportSeed()).publicKey());
    EcdsaP256Signer ec = EcdsaP256Signer.generate(seeded(5));
    assertEquals(
        ec.publicKey(), EcdsaP256Signer.fromPrivateScalar(ec.exportPrivateScalar()).publicKey());
  }
}
