package io.votechain.node.client;

import io.votechain.state.StateEntry;
import io.votechain.state.StateKey;
import io.votechain.state.StateView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The committed state as a read-only {@link StateView}, so that clients reuse the contracts' own
 * readers ({@code ElectionCrypto.context}, {@code Trustees.read}) on what a validator serves. A
 * {@link #scan} is answered from the folder listing and so covers one folder level only, which is
 * what those readers scan. Writes are refused.
 */
public final class ClientStateView implements StateView {
  private final ChainClient client;

  public ClientStateView(ChainClient client) {
    this.client = client;
  }

  @Override
  public Optional<byte[]> get(StateKey key) {
    try {
      return client.state(key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<StateEntry> scan(String prefix) {
    if (!prefix.endsWith("/")) {
      throw new UnsupportedOperationException("a client scans whole folders only: " + prefix);
    }
    try {
      List<StateEntry> entries = new ArrayList<>();
      for (io.votechain.store.StateEntry e : client.folder(prefix)) {
        entries.add(
            new StateEntry(
                new StateKey(new String(e.key(), StandardCharsets.US_ASCII)), e.value()));
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void put(StateKey key, byte[] value) {
    throw new UnsupportedOperationException("the committed state is read-only");
  }

  @Override
  public void delete(StateKey key) {
    throw new UnsupportedOperationException("the committed state is read-only");
  }
}
