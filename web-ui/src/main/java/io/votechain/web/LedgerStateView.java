package io.votechain.web;

import io.votechain.state.StateEntry;
import io.votechain.state.StateKey;
import io.votechain.state.StateView;
import java.util.List;
import java.util.Optional;

/**
 * A read-only {@link StateView} over a {@link LedgerPort}, so the pages read state through the
 * contracts' own public readers ({@code DeviceRegistry.device}, {@code ElectionCrypto.counted},
 * {@code ElectionCrypto.jointKey}, {@code Trustees.read}) instead of decoding it a second time.
 * Writing is a programming error here.
 */
public final class LedgerStateView implements StateView {
  private final LedgerPort ledger;

  public LedgerStateView(LedgerPort ledger) {
    this.ledger = ledger;
  }

  @Override
  public Optional<byte[]> get(StateKey key) {
    return ledger.state(key);
  }

  @Override
  public void put(StateKey key, byte[] value) {
    throw new UnsupportedOperationException("the web UI never writes state");
  }

  @Override
  public void delete(StateKey key) {
    throw new UnsupportedOperationException("the web UI never writes state");
  }

  /**
   * Supported for folder prefixes (ending in {@code '/'}) whose keys have no deeper segment, which
   * is how the contracts' readers scan (announcements, shares, decryptions); the node's store lists
   * exactly those, in key order.
   */
  @Override
  public List<StateEntry> scan(String prefix) {
    if (!prefix.endsWith("/")) {
      throw new UnsupportedOperationException("the store lists folders only: " + prefix);
    }
    return ledger.folder(prefix).stream()
        .map(
            e ->
                new StateEntry(
                    new StateKey(new String(e.key(), java.nio.charset.StandardCharsets.US_ASCII)),
                    e.value()))
        .toList();
  }
}
