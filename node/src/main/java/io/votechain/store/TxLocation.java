package io.votechain.store;

import io.votechain.crypto.hash.Hash32;

/** Where a committed transaction sits: its block and its index in that block's Merkle tree. */
public record TxLocation(Hash32 transactionId, long height, int index) {
  public TxLocation {
    if (height < 1 || index < 0) {
      throw new IllegalArgumentException("invalid location");
    }
  }
}
