package io.votechain.consensus.sim;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.core.Mempool;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A FIFO mempool; the simulation removes transactions when its validator commits them. */
final class SimMempool implements Mempool {
  private final Map<Hash32, byte[]> pending = new LinkedHashMap<>();

  void submit(byte[] tx) {
    pending.putIfAbsent(Sha256.hash(tx), tx.clone());
  }

  void removeCommitted(Block block) {
    for (byte[] tx : block.transactions()) {
      pending.remove(Sha256.hash(tx));
    }
  }

  @Override
  public List<byte[]> reap(int maxCount, int maxBytes) {
    List<byte[]> out = new ArrayList<>();
    int bytes = 0;
    for (byte[] tx : pending.values()) {
      if (out.size() >= maxCount || bytes + tx.length > maxBytes) {
        break;
      }
      out.add(tx.clone());
      bytes += tx.length;
    }
    return out;
  }
}
