package io.votechain.store;

import io.votechain.crypto.hash.Hash32;
import java.util.Arrays;

/** A committed block as the store returns it. Arrays are copied in and out; immutable. */
public record StoredBlock(
    long height, Hash32 hash, byte[] block, byte[] commitCertificate, Hash32 stateHash) {
  public StoredBlock {
    block = block.clone();
    commitCertificate = commitCertificate.clone();
  }

  /** The bytes it holds (block and certificate), without copying them: what caches weigh it by. */
  public int byteSize() {
    return block.length + commitCertificate.length;
  }

  @Override
  public byte[] block() {
    return block.clone();
  }

  @Override
  public byte[] commitCertificate() {
    return commitCertificate.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredBlock s
        && height == s.height
        && hash.equals(s.hash)
        && Arrays.equals(block, s.block)
        && Arrays.equals(commitCertificate, s.commitCertificate)
        && stateHash.equals(s.stateHash);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(height) * 31 + hash.hashCode();
  }

  @Override
  public String toString() {
    return "StoredBlock[height=" + height + ", hash=" + hash + "]";
  }
}
