package io.votechain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.group.PointHints;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.encoding.EncodingException;
import io.votechain.tx.AddCredentials;
import io.votechain.tx.CastBallot;
import io.votechain.tx.CheckIn;
import io.votechain.tx.SignedTransaction;
import io.votechain.verifier.RecordedElection;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
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
    DecodedTransactions cache = new DecodedTransactions(1 << 20);
    byte[] bytes = checkIn(0);
    DecodedTransactions.Decoded first = cache.decode(bytes);
    assertSame(first, cache.decode(bytes.clone()));
    assertEquals(SignedTransaction.decode(bytes).id(), first.id());
    assertEquals(SignedTransaction.decode(bytes), first.tx());
  }

  @Test
  void otherBytesNeverGetAnotherTransactionsDecoding() {
    DecodedTransactions cache = new DecodedTransactions(1 << 20);
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
    DecodedTransactions cache = new DecodedTransactions(1 << 20);
    byte[] bytes = checkIn(0);
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 1);
    assertThrows(EncodingException.class, () -> cache.decode(truncated));
    assertThrows(EncodingException.class, () -> cache.decode(truncated));
    assertEquals(0, cache.size());
  }

  /** The estimated heap of one decoded check-in (all are the same size). */
  private long oneCheckIn() {
    DecodedTransactions probe = new DecodedTransactions(1 << 20);
    probe.decode(checkIn(99));
    return probe.heapEstimate();
  }

  @Test
  void theLeastRecentlyUsedGoFirst() {
    long one = oneCheckIn();
    DecodedTransactions cache = new DecodedTransactions(2 * one + one / 2);
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

  private byte[] credentials(long nonce) {
    List<Ed25519PublicKey> keys = new ArrayList<>();
    for (int i = 0; i < AddCredentials.MAX_CREDENTIALS; i++) {
      keys.add(Ed25519Signer.generate(random).publicKey());
    }
    return SignedTransaction.sign(device, nonce, new AddCredentials("e-1", "s-1", keys), "chain")
        .encode();
  }

  /**
   * Decoded, a thousand credentials take ≈ 210 KB of heap against a ballot's 15 KB: a cache bounded
   * by count held 1 000 such lists (a million credentials issued) where it meant to hold ballots,
   * and 8 192 of them would not fit in a validator's 1 GiB.
   */
  @Test
  void largeTransactionsAreKeptByTheirSizeNotTheirNumber() {
    byte[] first = credentials(0);
    long each = (long) first.length * DecodedTransactions.HEAP_BYTES_PER_ENCODED_BYTE;
    DecodedTransactions cache = new DecodedTransactions(2 * each + each / 2);
    cache.decode(first);
    DecodedTransactions.Decoded last = null;
    for (int n = 1; n < 4; n++) {
      last = cache.decode(credentials(n));
      assertTrue(cache.heapEstimate() <= 2 * each + each / 2, "estimate " + cache.heapEstimate());
    }
    assertEquals(2, cache.size());
    assertSame(last, cache.decode(last.tx().encode()));
  }

  @Test
  void aTransactionHeavierThanTheWholeCacheIsDecodedButNotKeptAndEvictsNothing() {
    long one = oneCheckIn();
    DecodedTransactions cache = new DecodedTransactions(3 * one);
    byte[] small = checkIn(0);
    DecodedTransactions.Decoded kept = cache.decode(small);
    byte[] large = credentials(1);
    DecodedTransactions.Decoded decoded = cache.decode(large);
    assertEquals(SignedTransaction.decode(large).id(), decoded.id());
    assertNotSame(decoded, cache.decode(large));
    assertSame(kept, cache.decode(small));
    assertEquals(1, cache.size());
  }

  @Test
  void hintsKeptForATransactionServeItsFirstDecodingAndAreThenForgotten() {
    byte[] ballot = null;
    RecordedElection election = RecordedElection.shared();
    for (long h = 1; h <= election.latestHeight() && ballot == null; h++) {
      for (byte[] tx : election.block(h).transactions()) {
        if (SignedTransaction.decode(tx).body() instanceof CastBallot) {
          ballot = tx;
          break;
        }
      }
    }
    byte[] hints = new DecodedTransactions(1 << 24).decode(ballot).pointHints();
    assertTrue(hints.length > 0);

    DecodedTransactions cache = new DecodedTransactions(1 << 24);
    cache.keepHints(ballot, hints);
    assertEquals(1, cache.keptHints());
    DecodedTransactions.Decoded decoded = cache.decode(ballot); // no hints given: a proposal's
    assertEquals(SignedTransaction.decode(ballot), decoded.tx());
    assertEquals(hints.length / PointHints.HINT_LENGTH, cache.pointsFromHints());
    assertEquals(0, cache.keptHints(), "forgotten once used");
    cache.keepHints(ballot, hints);
    assertEquals(0, cache.keptHints(), "not kept for a transaction decoded already");

    // Trusted for nothing: wrong hints are ignored and the points decompressed.
    DecodedTransactions misled = new DecodedTransactions(1 << 24);
    byte[] wrong = hints.clone();
    wrong[31] ^= 1;
    misled.keepHints(ballot, wrong);
    assertEquals(SignedTransaction.decode(ballot), misled.decode(ballot).tx());
    assertEquals(1, misled.hintsIgnored());
  }

  @Test
  void keptHintsAreBounded() {
    DecodedTransactions cache = new DecodedTransactions(1 << 20);
    int each = 1 << 20;
    for (int i = 0; i < 12; i++) {
      cache.keepHints(checkIn(i), new byte[each]);
    }
    assertEquals(DecodedTransactions.KEPT_HINTS_BYTES / each, cache.keptHints());
  }
}
