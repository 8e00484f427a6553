package io.votechain.node.record;

import io.votechain.consensus.genesis.Genesis;
import io.votechain.contract.GenesisConfig;
import io.votechain.record.ElectionRecordAssembler;
import io.votechain.record.RecordSection;
import io.votechain.store.LedgerStore;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Exports an election record (docs/election-record.md) from a validator's ledger store, streaming:
 * the node's part is only reading blocks and state through {@link StoreLedgerSource}; what goes
 * into the record, and in which order, is {@link ElectionRecordAssembler}'s job, the same code the
 * contracts-level tests export with. Memory: one block at a time plus about 80 bytes per voter.
 *
 * <p>Blocking (store reads and the output stream): call it from a worker thread. Export from a node
 * whose election is tallied or certified, or from a stopped node: the record's summary is read from
 * the latest state, after the blocks.
 */
public final class ElectionRecordExporter {
  private ElectionRecordExporter() {}

  /**
   * Writes the record of {@code electionId} to {@code out} (not closed).
   *
   * @throws IllegalArgumentException if the ledger has no such election
   * @throws IOException if {@code out} fails
   */
  public static void write(
      Genesis genesis,
      GenesisConfig contracts,
      LedgerStore store,
      String electionId,
      OutputStream out)
      throws IOException {
    ElectionRecordAssembler.write(
        new RecordSection.Genesis(genesis.encode(), contracts),
        new StoreLedgerSource(store),
        electionId,
        out);
  }
}
