package io.votechain.consensus.core;

import io.votechain.consensus.block.Block;
import io.votechain.crypto.hash.Hash32;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of {@link SafetyState} and of the few block bodies it names. The core calls
 * {@link #save} synchronously and only after it returns does a signed vote or proposal leave the
 * core ("persist, then send"), so a validator that crashes and restarts can never sign a second,
 * different message for a height, round and step it already signed.
 *
 * <p>Implementations must make {@code save} durable (fsync) before returning, and must make every
 * block body durable before the state that names it: a state on disk never names a body that is not
 * (docs/consensus.md §6).
 */
public interface SafetyStore {
  Optional<SafetyState> load();

  /**
   * A block body saved with an earlier state, by its hash; empty if the store does not hold it.
   * Called only while the core is being rebuilt, for the blocks the loaded state names.
   */
  Optional<Block> loadBlock(Hash32 hash);

  /**
   * Saves {@code state} durably. {@code blocks} are the bodies of {@link
   * SafetyState#blockHashes()}, in that order; a body the store already holds is not written again,
   * so a block costs one write however many votes follow it. Bodies the new state no longer names
   * may be forgotten once the state is durable.
   */
  void save(SafetyState state, List<Block> blocks);
}
