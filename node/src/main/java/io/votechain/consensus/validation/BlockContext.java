package io.votechain.consensus.validation;

import io.votechain.crypto.hash.Hash32;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a block at {@code height} must agree with: its parent's hash and timestamp and the
 * application's state hash after the parent. {@code localTime} is the validator's clock reading,
 * present only when the "not too far ahead" rule applies (prevoting), absent when the block is
 * already backed by a quorum.
 */
public record BlockContext(
    long height,
    Hash32 parentHash,
    long parentTimestamp,
    Hash32 stateHash,
    OptionalLong localTime) {
  public BlockContext {
    Objects.requireNonNull(parentHash, "parentHash");
    Objects.requireNonNull(stateHash, "stateHash");
    Objects.requireNonNull(localTime, "localTime");
  }
}
