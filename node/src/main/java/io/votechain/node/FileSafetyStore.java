package io.votechain.node;

import io.votechain.consensus.core.SafetyState;
import io.votechain.consensus.core.SafetyStore;
import io.votechain.store.SafetyStateFile;
import java.nio.file.Path;
import java.util.Optional;

/** The consensus core's safety state in the validator's fsynced local file (docs/storage.md §4). */
public final class FileSafetyStore implements SafetyStore {
  private final SafetyStateFile file;

  public FileSafetyStore(Path path) {
    this.file = new SafetyStateFile(path);
  }

  @Override
  public Optional<SafetyState> load() {
    return file.read().map(SafetyState::decode);
  }

  @Override
  public void save(SafetyState state) {
    file.write(state.encode());
  }
}
