package io.votechain.consensus.core;

import java.util.Optional;

/**
 * Durable storage of {@link SafetyState}. The core calls {@link #save} synchronously and only after
 * it returns does a signed vote or proposal leave the core ("persist, then send"), so a validator
 * that crashes and restarts can never sign a second, different message for a height, round and step
 * it already signed. Implementations must make {@code save} durable (fsync) before returning.
 */
public interface SafetyStore {
  Optional<SafetyState> load();

  void save(SafetyState state);
}
