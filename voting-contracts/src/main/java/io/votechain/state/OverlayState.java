package io.votechain.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Buffers writes over a base {@link StateView} until {@link #commit()}. The executor stacks two:
 * one per block (its sorted writes feed the state hash) and one per transaction (discarded if the
 * transaction fails, so a failed transaction never leaves half its writes behind). The buffer is a
 * {@link TreeMap}, so {@link #writes()} is in key order whatever order the contracts wrote in. Not
 * thread safe.
 */
public final class OverlayState implements StateView {
  private final StateView base;
  private final TreeMap<StateKey, Optional<byte[]>> pending = new TreeMap<>();

  public OverlayState(StateView base) {
    this.base = base;
  }

  @Override
  public Optional<byte[]> get(StateKey key) {
    Optional<byte[]> written = pending.get(key);
    if (written != null) {
      return written.map(byte[]::clone);
    }
    return base.get(key);
  }

  @Override
  public void put(StateKey key, byte[] value) {
    pending.put(key, Optional.of(value.clone()));
  }

  @Override
  public void delete(StateKey key) {
    pending.put(key, Optional.empty());
  }

  @Override
  public List<StateEntry> scan(String prefix) {
    TreeMap<StateKey, byte[]> merged = new TreeMap<>();
    for (StateEntry e : base.scan(prefix)) {
      merged.put(e.key(), e.value());
    }
    for (Map.Entry<StateKey, Optional<byte[]>> w :
        pending.tailMap(new StateKey(InMemoryState.prefixOrLowest(prefix))).entrySet()) {
      if (!w.getKey().startsWith(prefix)) {
        break;
      }
      if (w.getValue().isPresent()) {
        merged.put(w.getKey(), w.getValue().get());
      } else {
        merged.remove(w.getKey());
      }
    }
    List<StateEntry> out = new ArrayList<>(merged.size());
    merged.forEach((k, v) -> out.add(new StateEntry(k, v)));
    return out;
  }

  /** The buffered writes in ascending key order; the last write to a key wins. */
  public List<StateWrite> writes() {
    List<StateWrite> out = new ArrayList<>(pending.size());
    pending.forEach((k, v) -> out.add(new StateWrite(k, v)));
    return List.copyOf(out);
  }

  /** Applies the buffered writes to the base in key order and empties the buffer. */
  public void commit() {
    for (Map.Entry<StateKey, Optional<byte[]>> w : pending.entrySet()) {
      if (w.getValue().isPresent()) {
        base.put(w.getKey(), w.getValue().get());
      } else {
        base.delete(w.getKey());
      }
    }
    pending.clear();
  }
}
