package io.votechain.record;

import io.votechain.record.chain.LedgerBlock;
import io.votechain.state.StateKey;
import java.util.Optional;

/**
 * What {@link ElectionRecordAssembler} reads a ledger through: committed blocks by height and the
 * contracts' state as of the latest block. The node implements it over its {@code LedgerStore}
 * (RocksDB or Cassandra); tests implement it over an in-memory chain. Implementations may block.
 */
public interface LedgerSource {
  /** The latest committed height (0 for an empty ledger). */
  long latestHeight();

  /** The committed block at {@code height} (1..latest) with the certificate that commits it. */
  LedgerBlock block(long height);

  /** The value of a state key as of the latest committed block. */
  Optional<byte[]> state(StateKey key);
}
