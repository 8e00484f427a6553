package io.votechain.store;

import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * Everything one committed block changes in the store, written all-or-nothing: the block, the
 * certificate that commits it, the ids of its transactions in block order, the state writes its
 * execution produced (sorted by key, each key once) and the resulting state hash.
 *
 * <p>Immutable; the canonical encoding ({@link #encode()}) is the redo record of the Cassandra
 * store.
 */
public record BlockCommit(
    long height,
    Hash32 blockHash,
    byte[] block,
    byte[] commitCertificate,
    List<Hash32> transactionIds,
    List<StateWrite> stateWrites,
    Hash32 stateHash) {
  public static final int MAX_BLOCK_BYTES = 64 * 1024 * 1024;
  public static final int MAX_CERTIFICATE_BYTES = 64 * 1024;
  public static final int MAX_TRANSACTIONS = 1_000_000;
  public static final int MAX_WRITES = 4_000_000;

  public BlockCommit {
    if (height < 1) {
      throw new IllegalArgumentException("heights start at 1");
    }
    if (block.length > MAX_BLOCK_BYTES || commitCertificate.length > MAX_CERTIFICATE_BYTES) {
      throw new IllegalArgumentException("block or certificate too large");
    }
    block = block.clone();
    commitCertificate = commitCertificate.clone();
    transactionIds = List.copyOf(transactionIds);
    stateWrites = List.copyOf(stateWrites);
    if (new HashSet<>(transactionIds).size() != transactionIds.size()) {
      throw new IllegalArgumentException("a transaction appears twice in one block");
    }
    for (int i = 1; i < stateWrites.size(); i++) {
      if (Arrays.compareUnsigned(stateWrites.get(i - 1).key(), stateWrites.get(i).key()) >= 0) {
        // Sorted and unique so that both stores, and the redo record, see one order.
        throw new IllegalArgumentException("state writes must be sorted by key, each key once");
      }
    }
  }

  @Override
  public byte[] block() {
    return block.clone();
  }

  @Override
  public byte[] commitCertificate() {
    return commitCertificate.clone();
  }

  public StoredBlock storedBlock() {
    return new StoredBlock(height, blockHash, block, commitCertificate, stateHash);
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    w.varint(height).fixed(blockHash.bytes()).bytes(block).bytes(commitCertificate);
    w.list(transactionIds, (x, id) -> x.fixed(id.bytes()));
    w.list(
        stateWrites,
        (x, s) -> {
          x.bytes(s.key()).bool(!s.isDelete());
          if (!s.isDelete()) {
            x.bytes(s.value());
          }
        });
    w.fixed(stateHash.bytes());
    return w.toByteArray();
  }

  public static BlockCommit decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    long height = r.varint(Long.MAX_VALUE);
    Hash32 hash = Hash32.of(r.fixed(Hash32.LENGTH));
    byte[] block = r.bytes(MAX_BLOCK_BYTES);
    byte[] certificate = r.bytes(MAX_CERTIFICATE_BYTES);
    List<Hash32> ids = r.list(MAX_TRANSACTIONS, x -> Hash32.of(x.fixed(Hash32.LENGTH)));
    List<StateWrite> writes =
        r.list(
            MAX_WRITES,
            x -> {
              byte[] key = x.bytes(StateWrite.MAX_KEY_BYTES);
              return x.bool()
                  ? StateWrite.put(key, x.bytes(StateWrite.MAX_VALUE_BYTES))
                  : StateWrite.delete(key);
            });
    Hash32 stateHash = Hash32.of(r.fixed(Hash32.LENGTH));
    r.finish();
    return new BlockCommit(height, hash, block, certificate, ids, writes, stateHash);
  }
}
