package io.votechain.contract;

import io.votechain.state.StateEntry;
import io.votechain.state.StateKey;
import io.votechain.state.StateView;
import java.util.List;
import java.util.Optional;

/**
 * A state whose scans behave as a validator's store lists folders ({@code
 * LedgerStore.stateFolder}): only a folder's direct entries, only for a prefix ending in {@code
 * '/'} and {@link StateKeys#listable}. {@code InMemoryState} scans at any depth, so contract code
 * that scans a folder's sub-folders passes tests on it and misses committed entries on a node; on
 * this view it fails in tests too. Writes go to {@code base}.
 */
final class StoreLikeState implements StateView {
  private final StateView base;

  StoreLikeState(StateView base) {
    this.base = base;
  }

  @Override
  public Optional<byte[]> get(StateKey key) {
    return base.get(key);
  }

  @Override
  public void put(StateKey key, byte[] value) {
    base.put(key, value);
  }

  @Override
  public void delete(StateKey key) {
    base.delete(key);
  }

  @Override
  public List<StateEntry> scan(String prefix) {
    if (!prefix.endsWith("/") || !StateKeys.listable(prefix)) {
      throw new IllegalArgumentException("a store lists no folder " + prefix);
    }
    return base.scan(prefix).stream()
        .filter(e -> e.key().path().indexOf('/', prefix.length()) < 0)
        .toList();
  }
}
