package io.votechain.node;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.core.Application;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.store.StateWrite;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The simplest useful chain: it records each transaction's id with the height that committed it,
 * and refuses a transaction it has already recorded. The node tests run the consensus, store and
 * transport stack on it without depending on the contracts; the voting contracts replace it in a
 * real network.
 */
public final class NotaryStateMachine implements StateMachine {
  public static final int MAX_TRANSACTION_BYTES = 64 * 1024;

  @Override
  public Application.TxCheck check(byte[] transaction, StateReader state) {
    if (transaction.length == 0 || transaction.length > MAX_TRANSACTION_BYTES) {
      return Application.TxCheck.reject("TX_SIZE");
    }
    if (state.get(key(transactionId(transaction))).isPresent()) {
      return Application.TxCheck.reject("TX_REPLAYED");
    }
    return Application.TxCheck.OK;
  }

  @Override
  public Execution execute(Block block, StateReader state, Hash32 previous) {
    TreeMap<String, byte[]> writes = new TreeMap<>();
    for (byte[] tx : block.transactions()) {
      Hash32 id = transactionId(tx);
      if (check(tx, state).ok() && !writes.containsKey(id.hex())) {
        writes.put(id.hex(), ByteBuffer.allocate(8).putLong(block.height()).array());
      }
    }
    List<StateWrite> sorted = new ArrayList<>();
    MessageDigest digest = Sha256.newDigest();
    digest.update(previous.bytes());
    digest.update(ByteBuffer.allocate(8).putLong(block.height()).array());
    for (var e : writes.entrySet()) {
      byte[] key = key(Hash32.fromHex(e.getKey()));
      sorted.add(StateWrite.put(key, e.getValue()));
      digest.update(new CanonicalWriter().bytes(key).bytes(e.getValue()).toByteArray());
    }
    return new Execution(sorted, Hash32.of(digest.digest()));
  }

  @Override
  public Hash32 transactionId(byte[] transaction) {
    return Sha256.hash(transaction);
  }

  private static byte[] key(Hash32 id) {
    return ("tx/" + id.hex()).getBytes(StandardCharsets.US_ASCII);
  }
}
