package io.votechain.contract;

import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.Objects;

/**
 * What a contract may know about the block it runs in: its height, its timestamp (milliseconds
 * since the epoch, agreed by consensus — contracts never read a clock) and the hash of the parent
 * block. Immutable.
 */
public record BlockContext(long height, long timestamp, Hash32 parentBlockHash) {
  public BlockContext {
    Objects.requireNonNull(parentBlockHash, "parentBlockHash");
    if (height < 0 || timestamp < 0) {
      throw new IllegalArgumentException("height and timestamp are non-negative");
    }
  }

  byte[] encode() {
    return new CanonicalWriter()
        .i64(height)
        .i64(timestamp)
        .fixed(parentBlockHash.bytes())
        .toByteArray();
  }

  static BlockContext decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    BlockContext c = new BlockContext(r.i64(), r.i64(), Hash32.of(r.fixed(Hash32.LENGTH)));
    r.finish();
    return c;
  }
}
