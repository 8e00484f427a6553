package io.votechain.mempool;

import io.votechain.crypto.hash.Hash32;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Transactions waiting to be proposed: de-duplicated by transaction id, oldest first, bounded in
 * count, in bytes and per sender, so that it can never grow without bound and one noisy sender
 * cannot crowd out the others. A full mempool refuses ({@link Admission#MEMPOOL_FULL}); it never
 * evicts an accepted transaction to make room, because an accepted ballot must not silently vanish.
 *
 * <p>Stateless checks (signatures, proofs, sizes) happen before {@link #add}; state-dependent ones
 * again after every commit through {@link #recheck}, as Tendermint's mempool does.
 *
 * <p>Thread safe: the gateways add from their threads, consensus reaps from its own.
 */
public final class Mempool {
  private final MempoolLimits limits;
  private final Map<Hash32, Entry> pending = new LinkedHashMap<>();
  private final Map<Sender, Integer> perSender = new HashMap<>();
  private final LinkedHashSet<Hash32> recentlyCommitted = new LinkedHashSet<>();
  private long pendingBytes;

  private record Entry(Hash32 id, Sender sender, byte[] tx) {}

  /** A sender's identity as bytes (a public key), compared by content. */
  private record Sender(byte[] key) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Sender s && Arrays.equals(key, s.key);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(key);
    }
  }

  public Mempool(MempoolLimits limits) {
    this.limits = limits;
  }

  public synchronized Admission add(Hash32 id, byte[] senderKey, byte[] tx) {
    if (tx.length > limits.maxTransactionBytes()) {
      return Admission.TOO_LARGE;
    }
    if (pending.containsKey(id)) {
      return Admission.DUPLICATE;
    }
    if (recentlyCommitted.contains(id)) {
      return Admission.ALREADY_COMMITTED;
    }
    if (pending.size() >= limits.maxTransactions()
        || pendingBytes + tx.length > limits.maxBytes()) {
      return Admission.MEMPOOL_FULL;
    }
    Sender sender = new Sender(senderKey.clone());
    int count = perSender.getOrDefault(sender, 0);
    if (count >= limits.maxPerSender()) {
      return Admission.SENDER_LIMIT;
    }
    pending.put(id, new Entry(id, sender, tx.clone()));
    perSender.put(sender, count + 1);
    pendingBytes += tx.length;
    return Admission.ACCEPTED;
  }

  /** Up to {@code maxCount} transactions of at most {@code maxBytes} in total, oldest first. */
  public synchronized List<byte[]> reap(int maxCount, int maxBytes) {
    List<byte[]> batch = new ArrayList<>();
    long bytes = 0;
    for (Entry e : pending.values()) {
      if (batch.size() >= maxCount) {
        break;
      }
      if (bytes + e.tx.length > maxBytes) {
        continue; // a smaller, later transaction may still fit
      }
      batch.add(e.tx.clone());
      bytes += e.tx.length;
    }
    return batch;
  }

  /** Removes transactions a committed block contained, and remembers their ids for a while. */
  public synchronized void committed(List<Hash32> ids) {
    for (Hash32 id : ids) {
      remove(id);
      recentlyCommitted.add(id);
    }
    Iterator<Hash32> oldest = recentlyCommitted.iterator();
    while (recentlyCommitted.size() > limits.rememberCommitted() && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  /**
   * Drops pending transactions that are no longer valid against the new state. The checks run
   * without the lock, on a snapshot: holding it for a whole re-check blocked the gateways' {@link
   * #add} on their event loops (seconds, under load) and with them the peer transport. A
   * transaction added meanwhile is checked by the next re-check; one reaped meanwhile is checked
   * again by the proposal's own filter and by execution.
   */
  public int recheck(Predicate<byte[]> stillValid) {
    return recheck(stillValid, Integer.MAX_VALUE);
  }

  /**
   * {@link #recheck(Predicate)} of the {@code oldest} first transactions only — those the next
   * proposals reap. Re-checking the whole pool after every block cost O(pool) per block: with
   * thousands of ballots pending, more than executing the block (docs/benchmarks.md). The others
   * are re-checked when they come forward, and the proposal's filter checks what it reaps anyway.
   */
  public int recheck(Predicate<byte[]> stillValid, int oldest) {
    List<Entry> snapshot = new ArrayList<>();
    synchronized (this) {
      for (Entry e : pending.values()) {
        if (snapshot.size() >= oldest) {
          break;
        }
        snapshot.add(e);
      }
    }
    List<Hash32> invalid = new ArrayList<>();
    for (Entry e : snapshot) {
      if (!stillValid.test(e.tx)) {
        invalid.add(e.id);
      }
    }
    synchronized (this) {
      invalid.forEach(this::remove);
    }
    return invalid.size();
  }

  public synchronized boolean contains(Hash32 id) {
    return pending.containsKey(id);
  }

  public synchronized int size() {
    return pending.size();
  }

  public synchronized long bytes() {
    return pendingBytes;
  }

  private void remove(Hash32 id) {
    Entry e = pending.remove(id);
    if (e == null) {
      return;
    }
    pendingBytes -= e.tx.length;
    perSender.computeIfPresent(e.sender, (s, c) -> c <= 1 ? null : c - 1);
  }
}
