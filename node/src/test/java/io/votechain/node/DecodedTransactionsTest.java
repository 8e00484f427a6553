package io.votechain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.encoding.EncodingException;
import io.votechain.tx.CheckIn;
import io.votechain.tx.SignedTransaction;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class DecodedTransactionsTest {
  private final SecureRandom random = seeded();
  private final Ed25519Signer device = Ed25519Signer.generate(random);

  private static SecureRandom seeded() {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(42);
      return r;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] checkIn(long nonce) {
    CheckIn body = new CheckIn("e-1", "kiosk-1", Ed25519Signer.generate(random).publicKey());
    return SignedTransaction.sign(device, nonce, body, "chain").encode();
  }

  @Test
  void theSameBytesAreDecodedOnceWithTheirId() {
    DecodedTransactions cache = new DecodedTransactions(8);
    byte[] bytes = checkIn(0);
    DecodedTransactions.Decoded first = cache.decode(bytes);
    assertSame(first, cache.decode(bytes.clone()));
    assertEquals(SignedTransaction.decode(bytes).id(), first.id());
    assertEquals(SignedTransaction.decode(bytes), first.tx());
  }

  @Test
  void otherBytesNeverGetAnotherTransactionsDecoding() {
    DecodedTransactions cache = new DecodedTransactions(8);
    byte[] bytes = checkIn(0);
    DecodedTransactions.Decoded first = cache.decode(bytes);
    byte[] changed = bytes.clone();
    changed[changed.length - 1] ^= 1; // the signature's last byte: still decodes
    DecodedTransactions.Decoded other = cache.decode(changed);
    assertNotSame(first, other);
    assertEquals(SignedTransaction.decode(changed).id(), other.id());
  }

  @Test
  void malformedBytesThrowAndAreNotKept() {
    DecodedTransactions cache = new DecodedTransactions(8);
    byte[] bytes = checkIn(0);
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 1);
    assertThrows(EncodingException.class, () -> cache.decode(truncated));
    assertThrows(EncodingException.class, () -> cache.decode(truncated));
    assertEquals(0, cache.size());
  }

  @Test
  void theLeastRecentlyUsedGoFirst() {
    DecodedTransactions cache = new DecodedTransactions(2);
    byte[] a = checkIn(0);
    byte[] b = checkIn(1);
    byte[] c = checkIn(2);
    DecodedTransactions.Decoded decodedA = cache.decode(a);
    cache.decode(b);
    cache.decode(a); // a is now the most recently used
    cache.decode(c); // evicts b
    assertEquals(2, cache.size());
    assertSame(decodedA, cache.decode(a));
  }
}
