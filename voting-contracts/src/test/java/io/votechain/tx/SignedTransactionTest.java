package io.votechain.tx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.contract.TestChain;
import io.votechain.encoding.EncodingException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SignedTransactionTest {
  private static final List<SignedTransaction> SAMPLES = SampleTransactions.all(7);

  @Nested
  class Encoding {
    @Test
    void samplesCoverEveryKind() {
      Set<TxKind> kinds = EnumSet.noneOf(TxKind.class);
      SAMPLES.forEach(tx -> kinds.add(tx.kind()));
      assertEquals(EnumSet.allOf(TxKind.class), kinds);
    }

    @Test
    void everyKindRoundTripsToTheSameBytes() {
      for (SignedTransaction tx : SAMPLES) {
        byte[] bytes = tx.encode();
        SignedTransaction decoded = SignedTransaction.decode(bytes);
        assertArrayEquals(bytes, decoded.encode(), tx.toString());
        assertEquals(tx.id(), decoded.id());
        assertArrayEquals(bodyBytes(tx.body()), bodyBytes(decoded.body()));
        assertEquals(tx.signer(), decoded.signer());
        assertTrue(bytes.length <= tx.kind().maxSize());
      }
    }

    private byte[] bodyBytes(Transaction t) {
      io.votechain.encoding.CanonicalWriter w = new io.votechain.encoding.CanonicalWriter();
      t.writeTo(w);
      return w.toByteArray();
    }

    @Test
    void unknownKindTagIsRefused() {
      byte[] bytes = SAMPLES.get(7).encode(); // an Approve by an Ed25519 key
      int tagOffset = 1 + 32 + 1; // key tag, key, one-byte nonce
      assertEquals(TxKind.APPROVE.tag(), bytes[tagOffset]);
      bytes[tagOffset] = (byte) 0x7F;
      EncodingException e =
          assertThrows(EncodingException.class, () -> SignedTransaction.decode(bytes));
      assertEquals(EncodingException.Reason.UNKNOWN_TAG, e.reason());
      assertEquals(ErrorCode.MALFORMED_TRANSACTION, SignedTransaction.rejection(e).code());
    }

    @Test
    void oversizedInputIsRefusedBeforeParsing() {
      EncodingException e =
          assertThrows(
              EncodingException.class,
              () -> SignedTransaction.decode(new byte[TxKind.MAX_SIZE + 1]));
      assertEquals(EncodingException.Reason.TOO_LARGE, e.reason());
      assertEquals(ErrorCode.TRANSACTION_TOO_LARGE, SignedTransaction.rejection(e).code());
    }

    @Test
    void trailingBytesAreRefused() {
      byte[] bytes = Arrays.copyOf(SAMPLES.get(8).encode(), SAMPLES.get(8).encode().length + 1);
      EncodingException e =
          assertThrows(EncodingException.class, () -> SignedTransaction.decode(bytes));
      assertEquals(EncodingException.Reason.TRAILING_BYTES, e.reason());
    }
  }

  @Nested
  class Signatures {
    @Test
    void signatureVerifiesOnlyForItsChain() {
      for (SignedTransaction tx : SAMPLES) {
        assertTrue(tx.verifySignature(TestChain.CHAIN_ID), tx.toString());
        assertFalse(tx.verifySignature("other-chain"), tx.toString());
      }
    }

    @Test
    void changedNonceBreaksTheSignature() {
      SignedTransaction tx = SAMPLES.get(7);
      SignedTransaction moved =
          new SignedTransaction(tx.signer(), tx.nonce() + 1, tx.body(), tx.signature());
      assertFalse(moved.verifySignature(TestChain.CHAIN_ID));
    }

    @Test
    void changedBodyBreaksTheSignature() {
      SignedTransaction tx = SAMPLES.get(9); // AssignDevice
      SignedTransaction moved =
          new SignedTransaction(
              tx.signer(), tx.nonce(), new AssignDevice("kiosk-1", "station-8"), tx.signature());
      assertFalse(moved.verifySignature(TestChain.CHAIN_ID));
    }
  }

  /** Hostile bytes: whatever arrives, the decoder answers with EncodingException or a value. */
  @Nested
  class Fuzz {
    private void decodeOrEncodingException(byte[] bytes) {
      try {
        SignedTransaction tx = SignedTransaction.decode(bytes);
        assertArrayEquals(bytes, tx.encode(), "a decoded transaction re-encodes to its bytes");
      } catch (EncodingException expected) {
        // the only permitted failure
      }
    }

    @Test
    void randomBytesNeverThrowAnythingElse() {
      SecureRandom random = TestChain.seededRandom(11);
      for (int i = 0; i < 3000; i++) {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        if (bytes.length > 0 && random.nextBoolean()) {
          bytes[0] = 1; // an Ed25519 key tag, to get past the first field more often
        }
        decodeOrEncodingException(bytes);
      }
    }

    @Test
    void everyTruncationIsRefused() {
      for (SignedTransaction tx : SAMPLES) {
        byte[] bytes = tx.encode();
        for (int n = 0; n < bytes.length; n++) {
          byte[] prefix = Arrays.copyOf(bytes, n);
          assertThrows(EncodingException.class, () -> SignedTransaction.decode(prefix));
        }
      }
    }

    @Test
    void bitFlipsNeverThrowAnythingElse() {
      SecureRandom random = TestChain.seededRandom(12);
      Set<String> outcomes = new HashSet<>();
      for (SignedTransaction tx : SAMPLES) {
        byte[] bytes = tx.encode();
        for (int i = 0; i < 200; i++) {
          byte[] mutated = bytes.clone();
          int flips = 1 + random.nextInt(3);
          for (int f = 0; f < flips; f++) {
            int bit = random.nextInt(mutated.length * 8);
            mutated[bit / 8] ^= (byte) (1 << (bit % 8));
          }
          if (Arrays.equals(mutated, bytes)) {
            continue; // the same bit flipped twice
          }
          try {
            SignedTransaction decoded = SignedTransaction.decode(mutated);
            outcomes.add(decoded.verifySignature(TestChain.CHAIN_ID) ? "valid" : "bad-signature");
          } catch (EncodingException e) {
            outcomes.add(e.reason().name());
          }
        }
      }
      assertFalse(outcomes.contains("valid"), "no bit flip yields another valid transaction");
      assertTrue(outcomes.contains("bad-signature"));
    }
  }

  @Test
  void errorCodeNumbersAreUniqueAndResolvable() {
    Set<Integer> numbers = new HashSet<>();
    for (ErrorCode code : ErrorCode.values()) {
      assertTrue(numbers.add(code.number()), code + " reuses a number");
      assertEquals(code, ErrorCode.ofNumber(code.number()));
      assertTrue(code.httpStatus() >= 200 && code.httpStatus() < 600);
    }
    assertEquals(null, ErrorCode.ofNumber(9999));
  }
}
