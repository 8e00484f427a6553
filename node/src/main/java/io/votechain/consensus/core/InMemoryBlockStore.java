package io.votechain.consensus.core;

import io.votechain.consensus.block.CommittedBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link BlockStore} in memory, for tests, simulations and serving catch-up in them. */
public final class InMemoryBlockStore implements BlockStore {
  private final List<CommittedBlock> blocks = new ArrayList<>();

  @Override
  public long lastHeight() {
    return blocks.size();
  }

  @Override
  public Optional<CommittedBlock> get(long height) {
    if (height < 1 || height > blocks.size()) {
      return Optional.empty();
    }
    return Optional.of(blocks.get((int) (height - 1)));
  }

  @Override
  public void append(CommittedBlock block) {
    if (block.height() != blocks.size() + 1L) {
      throw new IllegalStateException(
          "append at " + block.height() + " but store is at " + blocks.size());
    }
    blocks.add(block);
  }
}
