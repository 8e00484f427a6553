package io.votechain.consensus.core;

import io.votechain.consensus.block.CommittedBlock;
import java.util.Optional;

/**
 * Committed blocks with their certificates, heights 1..{@link #lastHeight()} without gaps. The core
 * appends synchronously before announcing a commit and reads it to serve catch-up requests.
 */
public interface BlockStore {
  /** 0 when empty. */
  long lastHeight();

  Optional<CommittedBlock> get(long height);

  /** Appends the block at {@code lastHeight() + 1}; durable when it returns. */
  void append(CommittedBlock block);
}
