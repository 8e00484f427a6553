package io.votechain.consensus.core;

import java.util.Optional;

/**
 * A {@link SafetyStore} in memory, for simulations: the object outlives a simulated crash of the
 * core that used it, which is what a disk does for a real validator. Stores the encoded bytes, so a
 * restart really goes through the decoder.
 */
public final class InMemorySafetyStore implements SafetyStore {
  private byte[] saved;
  private long saves;

  @Override
  public Optional<SafetyState> load() {
    return saved == null ? Optional.empty() : Optional.of(SafetyState.decode(saved));
  }

  @Override
  public void save(SafetyState state) {
    saved = state.encode();
    saves++;
  }

  public long saves() {
    return saves;
  }
}
