package io.votechain.consensus.core;

import io.votechain.consensus.block.Block;
import io.votechain.crypto.hash.Hash32;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link SafetyStore} in memory, for simulations: the object outlives a simulated crash of the
 * core that used it, which is what a disk does for a real validator. Stores the encoded bytes of
 * the state and of each block, so a restart really goes through the decoders, and keeps only the
 * bodies the last state names, as the file store does.
 */
public final class InMemorySafetyStore implements SafetyStore {
  private byte[] saved;
  // Iterated only to forget bodies; insertion order keeps that deterministic.
  private final Map<Hash32, byte[]> blocks = new LinkedHashMap<>();
  private long saves;
  private long blockWrites;
  private long bytesWritten;

  @Override
  public Optional<SafetyState> load() {
    return saved == null ? Optional.empty() : Optional.of(SafetyState.decode(saved));
  }

  @Override
  public Optional<Block> loadBlock(Hash32 hash) {
    byte[] bytes = blocks.get(hash);
    return bytes == null ? Optional.empty() : Optional.of(Block.decode(bytes));
  }

  @Override
  public void save(SafetyState state, List<Block> bodies) {
    List<Hash32> named = state.blockHashes();
    if (bodies.size() != named.size()) {
      throw new IllegalArgumentException("the bodies must be those the state names");
    }
    for (int i = 0; i < named.size(); i++) {
      Block b = bodies.get(i);
      if (!b.hash().equals(named.get(i))) {
        throw new IllegalArgumentException("the bodies must be those the state names");
      }
      if (!blocks.containsKey(b.hash())) {
        byte[] encoded = b.encode();
        blocks.put(b.hash(), encoded);
        blockWrites++;
        bytesWritten += encoded.length;
      }
    }
    saved = state.encode();
    saves++;
    bytesWritten += saved.length;
    Set<Hash32> keep = new HashSet<>(named);
    blocks.keySet().removeIf(h -> !keep.contains(h));
  }

  /** How many states were saved. */
  public long saves() {
    return saves;
  }

  /** How many block bodies were written (each distinct body once while it stays named). */
  public long blockWrites() {
    return blockWrites;
  }

  /** Bytes of encoded states and bodies written so far. */
  public long bytesWritten() {
    return bytesWritten;
  }

  /** How many bodies are held now. */
  public int blocksHeld() {
    return blocks.size();
  }
}
