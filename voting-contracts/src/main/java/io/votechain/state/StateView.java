package io.votechain.state;

import java.util.List;
import java.util.Optional;

/**
 * The port through which contracts read and write state, and the only thing they see of the node
 * (docs/contracts.md §1). The node implements it on its block and state stores; {@link
 * InMemoryState} is the reference implementation. Implementations must return scans in ascending
 * {@link StateKey} order, since contracts may hash or emit what they scan. Values are copied: a
 * caller may not mutate a stored value through an array it passed in or got back.
 */
public interface StateView {
  Optional<byte[]> get(StateKey key);

  void put(StateKey key, byte[] value);

  void delete(StateKey key);

  /** Every entry whose key starts with {@code prefix}, in ascending key order. */
  List<StateEntry> scan(String prefix);
}
