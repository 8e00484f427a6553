package io.votechain.crypto.elgamal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ElGamalTest {
  private static SecureRandom random;
  private static ElGamalSecretKey secretKey;
  private static ElectionKey key;

  @BeforeAll
  static void keys() throws Exception {
    random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(7);
    secretKey = ElGamalSecretKey.generate(random);
    key = secretKey.publicKey();
  }

  private static Scalar nonce() {
    return Scalar.randomNonZero(random);
  }

  @Nested
  class Encrypt {
    @Test
    void ciphertextIsNonceTimesGAndMessagePlusNonceTimesKey() {
      Scalar r = Scalar.of(12345);
      Ciphertext c = key.encrypt(3, r);
      assertEquals(P256.G.multiply(r), c.alpha());
      assertEquals(P256.G.multiply(Scalar.of(3)).add(key.point().multiply(r)), c.beta());
    }

    @Test
    void decryptionGivesTheMessageTimesG() {
      for (long m : new long[] {0, 1, 2, 1_000_000}) {
        assertEquals(
            P256.G.multiply(Scalar.of(m)), secretKey.decryptToPoint(key.encrypt(m, nonce())));
      }
    }

    @Test
    void decryptionWithAnotherKeyGivesSomethingElse() {
      ElGamalSecretKey other = ElGamalSecretKey.generate(random);
      assertNotEquals(P256.G, other.decryptToPoint(key.encrypt(1, nonce())));
    }
  }

  @Nested
  class Homomorphism {
    @Test
    void sumOfCiphertextsDecryptsToSumOfPlaintexts() {
      Ciphertext sum = Ciphertext.ZERO;
      for (int m = 1; m <= 4; m++) {
        sum = sum.add(key.encrypt(m, nonce()));
      }
      assertEquals(P256.G.multiply(Scalar.of(10)), secretKey.decryptToPoint(sum));
    }

    @Test
    void differenceDecryptsToDifference() {
      Ciphertext d = key.encrypt(7, nonce()).subtract(key.encrypt(5, nonce()));
      assertEquals(P256.G.multiply(Scalar.of(2)), secretKey.decryptToPoint(d));
    }

    @Test
    void scalingMultipliesThePlaintext() {
      Ciphertext c = key.encrypt(1, nonce()).multiply(Scalar.of(250));
      assertEquals(P256.G.multiply(Scalar.of(250)), secretKey.decryptToPoint(c));
    }
  }

  @Nested
  class Rerandomize {
    @Test
    void keepsThePlaintextAndChangesBothComponents() {
      Ciphertext c = key.encrypt(1, nonce());
      Ciphertext r = c.rerandomize(key, nonce());
      assertNotEquals(c.alpha(), r.alpha());
      assertNotEquals(c.beta(), r.beta());
      assertEquals(secretKey.decryptToPoint(c), secretKey.decryptToPoint(r));
    }

    @Test
    void equalsEncryptionWithTheSumOfNonces() {
      Scalar r = nonce();
      Scalar s = nonce();
      assertEquals(key.encrypt(1, r.add(s)), key.encrypt(1, r).rerandomize(key, s));
    }
  }

  @Nested
  class Keys {
    @Test
    void electionKeyRefusesTheIdentity() {
      assertThrows(IllegalArgumentException.class, () -> new ElectionKey(P256.IDENTITY));
    }

    @Test
    void secretKeyRefusesZero() {
      assertThrows(IllegalArgumentException.class, () -> new ElGamalSecretKey(Scalar.ZERO));
    }

    @Test
    void secretIsNotInToString() {
      assertFalse(secretKey.toString().contains(secretKey.secret().toString()));
    }

    @Test
    void electionKeyRoundTripsThroughTheEncoding() {
      CanonicalWriter w = new CanonicalWriter();
      key.writeTo(w);
      CanonicalReader r = new CanonicalReader(w.toByteArray());
      assertEquals(key, ElectionKey.readFrom(r));
      r.finish();
    }
  }
}
