package io.votechain.node.cli;

import io.votechain.consensus.genesis.Genesis;
import io.votechain.contract.GenesisConfig;
import io.votechain.node.GenesisFile;
import io.votechain.node.record.ElectionRecordExporter;
import io.votechain.store.rocksdb.RocksDbLedgerStore;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code votechain export-record --data DIR --election ID --out FILE}: writes an election's record
 * (docs/election-record.md) from a stopped validator's RocksDB data folder. The genesis file is
 * {@code --genesis}, or the first {@code genesis.json} found in the data folder or above it.
 */
@Command(
    name = "export-record",
    description = "Write an election record from a validator's data folder (RocksDB).")
public final class ExportRecordCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "The validator's data folder.")
  Path data;

  @Option(names = "--election", required = true, description = "The election id.")
  String election;

  @Option(names = "--out", required = true, description = "The record file to write.")
  Path out;

  @Option(names = "--genesis", description = "The chain's genesis.json (default: found upwards).")
  Path genesisFile;

  @Override
  public Integer call() throws Exception {
    Path genesisPath = genesisFile != null ? genesisFile : findGenesis(data);
    if (genesisPath == null) {
      System.err.println("no genesis.json in " + data + " or above it: give --genesis");
      return 2;
    }
    Genesis genesis = GenesisFile.read(genesisPath);
    GenesisConfig contracts = GenesisFile.readContracts(genesisPath).orElse(null);
    if (contracts == null) {
      System.err.println(genesisPath + " has no contracts section: this chain holds no elections");
      return 2;
    }
    Path ledger = data.resolve("ledger");
    if (!Files.isDirectory(ledger)) {
      System.err.println("no ledger in " + data);
      return 2;
    }
    try (RocksDbLedgerStore store = RocksDbLedgerStore.open(ledger);
        OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
      ElectionRecordExporter.write(genesis, contracts, store, election, os);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 1;
    }
    System.out.println("election record of " + election + " written to " + out);
    return 0;
  }

  static Path findGenesis(Path start) {
    for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("genesis.json"))) {
        return p.resolve("genesis.json");
      }
    }
    return null;
  }
}
