package io.votechain.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A sorted in-memory {@link StateView}: the reference implementation for tests, the verifier's
 * replay and light nodes. Not thread safe; execution is single-threaded by design.
 */
public final class InMemoryState implements StateView {
  private final TreeMap<StateKey, byte[]> entries = new TreeMap<>();

  @Override
  public Optional<byte[]> get(StateKey key) {
    byte[] value = entries.get(key);
    return value == null ? Optional.empty() : Optional.of(value.clone());
  }

  @Override
  public void put(StateKey key, byte[] value) {
    entries.put(key, value.clone());
  }

  @Override
  public void delete(StateKey key) {
    entries.remove(key);
  }

  @Override
  public List<StateEntry> scan(String prefix) {
    List<StateEntry> out = new ArrayList<>();
    for (Map.Entry<StateKey, byte[]> e :
        entries.tailMap(new StateKey(prefixOrLowest(prefix))).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      out.add(new StateEntry(e.getKey(), e.getValue()));
    }
    return out;
  }

  public int size() {
    return entries.size();
  }

  // '!' (0x21) is the smallest character a key may hold, so it is below every key.
  static String prefixOrLowest(String prefix) {
    return prefix.isEmpty() ? "!" : prefix;
  }
}
