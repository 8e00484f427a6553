package io.votechain.crypto.ecies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EciesTest {
  private static final byte[] AD = "dealer 1 to 2".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MESSAGE = new byte[32];

  private SecureRandom random;
  private Scalar secret;
  private GroupElement publicKey;
  private EciesCiphertext ciphertext;

  @BeforeEach
  void encrypt() throws NoSuchAlgorithmException {
    random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(99);
    random.nextBytes(MESSAGE);
    secret = Scalar.randomNonZero(random);
    publicKey = P256.G.multiply(secret);
    ciphertext = Ecies.encrypt(publicKey, MESSAGE, AD, random);
  }

  @Nested
  class Decrypt {
    @Test
    void recipientRecoversThePlaintext() {
      assertArrayEquals(MESSAGE, Ecies.decrypt(secret, ciphertext, AD).orElseThrow());
    }

    @Test
    void sealedPartIsPlaintextPlusTag() {
      assertEquals(MESSAGE.length + EciesCiphertext.TAG_LENGTH, ciphertext.sealed().length);
    }

    @Test
    void twoEncryptionsOfOneMessageDiffer() {
      assertNotEquals(ciphertext, Ecies.encrypt(publicKey, MESSAGE, AD, random));
    }

    @Test
    void tamperedCiphertextFailsToDecrypt() {
      byte[] sealed = ciphertext.sealed();
      sealed[0] ^= 1;
      EciesCiphertext tampered = new EciesCiphertext(ciphertext.ephemeralKey(), sealed);
      assertTrue(Ecies.decrypt(secret, tampered, AD).isEmpty());
    }

    @Test
    void tamperedTagFailsToDecrypt() {
      byte[] sealed = ciphertext.sealed();
      sealed[sealed.length - 1] ^= 0x80;
      EciesCiphertext tampered = new EciesCiphertext(ciphertext.ephemeralKey(), sealed);
      assertTrue(Ecies.decrypt(secret, tampered, AD).isEmpty());
    }

    @Test
    void replacedEphemeralKeyFailsToDecrypt() {
      EciesCiphertext tampered =
          new EciesCiphertext(ciphertext.ephemeralKey().add(P256.G), ciphertext.sealed());
      assertTrue(Ecies.decrypt(secret, tampered, AD).isEmpty());
    }

    @Test
    void wrongAssociatedDataFailsToDecrypt() {
      byte[] otherAd = "dealer 1 to 3".getBytes(StandardCharsets.US_ASCII);
      assertTrue(Ecies.decrypt(secret, ciphertext, otherAd).isEmpty());
    }

    @Test
    void wrongRecipientKeyFailsToDecrypt() {
      assertTrue(Ecies.decrypt(secret.add(Scalar.ONE), ciphertext, AD).isEmpty());
    }

    @Test
    void identityRecipientKeyIsRefused() {
      assertThrows(
          IllegalArgumentException.class, () -> Ecies.encrypt(P256.IDENTITY, MESSAGE, AD, random));
    }
  }

  @Nested
  class IndependentImplementation {
    @Test
    void jdkEcdhHmacHkdfAndAesGcmOpenTheCiphertextAsSpecified() throws Exception {
      // docs/crypto-threshold.md §4.1 rebuilt from the JDK alone (SunEC ECDH, HmacSHA256 HKDF).
      AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
      ap.init(new ECGenParameterSpec("secp256r1"));
      ECParameterSpec spec = ap.getParameterSpec(ECParameterSpec.class);
      KeyFactory kf = KeyFactory.getInstance("EC");
      org.bouncycastle.math.ec.ECPoint e = ciphertext.ephemeralKey().ecPoint();
      PublicKey ephemeral =
          kf.generatePublic(
              new ECPublicKeySpec(
                  new ECPoint(
                      e.getAffineXCoord().toBigInteger(), e.getAffineYCoord().toBigInteger()),
                  spec));
      PrivateKey recipient = kf.generatePrivate(new ECPrivateKeySpec(secret.toBigInteger(), spec));
      KeyAgreement ka = KeyAgreement.getInstance("ECDH");
      ka.init(recipient);
      ka.doPhase(ephemeral, true);
      byte[] z = ka.generateSecret();

      Mac extract = Mac.getInstance("HmacSHA256");
      extract.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
      byte[] prk = extract.doFinal(z);
      Mac expand = Mac.getInstance("HmacSHA256");
      expand.init(new SecretKeySpec(prk, "HmacSHA256"));
      expand.update(
          "votechain/ecies/p256-hkdf-sha256-aes256gcm/v1".getBytes(StandardCharsets.US_ASCII));
      expand.update(ciphertext.ephemeralKey().encode());
      expand.update(publicKey.encode());
      expand.update((byte) 1);
      byte[] key = expand.doFinal();

      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(128, new byte[12]));
      gcm.updateAAD(AD);
      assertArrayEquals(MESSAGE, gcm.doFinal(ciphertext.sealed()));
    }
  }

  @Nested
  class Encoding {
    private EciesCiphertext roundTrip(byte[] bytes) {
      CanonicalReader r = new CanonicalReader(bytes);
      EciesCiphertext c = EciesCiphertext.readFrom(r);
      r.finish();
      return c;
    }

    @Test
    void roundTripsThroughItsEncoding() {
      CanonicalWriter w = new CanonicalWriter();
      ciphertext.writeTo(w);
      assertEquals(ciphertext, roundTrip(w.toByteArray()));
    }

    @Test
    void decoderRejectsSealedPartShorterThanATag() {
      CanonicalWriter w = new CanonicalWriter();
      w.fixed(ciphertext.ephemeralKey().encode()).bytes(new byte[EciesCiphertext.TAG_LENGTH - 1]);
      assertEquals(
          EncodingException.Reason.INVALID_VALUE,
          assertThrows(EncodingException.class, () -> roundTrip(w.toByteArray())).reason());
    }

    @Test
    void decoderRejectsOversizedSealedPart() {
      CanonicalWriter w = new CanonicalWriter();
      w.fixed(ciphertext.ephemeralKey().encode())
          .bytes(new byte[EciesCiphertext.MAX_SEALED_LENGTH + 1]);
      assertEquals(
          EncodingException.Reason.TOO_LARGE,
          assertThrows(EncodingException.class, () -> roundTrip(w.toByteArray())).reason());
    }

    @Test
    void decoderRejectsIdentityEphemeralKey() {
      CanonicalWriter w = new CanonicalWriter();
      w.fixed(P256.IDENTITY.encode()).bytes(ciphertext.sealed());
      assertEquals(
          EncodingException.Reason.INVALID_VALUE,
          assertThrows(EncodingException.class, () -> roundTrip(w.toByteArray())).reason());
    }
  }
}
