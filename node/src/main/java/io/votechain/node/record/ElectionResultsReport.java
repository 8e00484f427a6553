package io.votechain.node.record;

import io.votechain.contract.ElectionStatus;
import io.votechain.contract.StateKeys;
import io.votechain.encoding.CanonicalReader;
import io.votechain.record.NistResults;
import io.votechain.record.nist.ElectionResult;
import io.votechain.state.StateKey;
import io.votechain.store.LedgerStore;
import io.votechain.store.StateEntry;
import io.votechain.tx.election.ElectionManifest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The NIST SP 1500-100 results of a tallied election straight from a validator's state
 * (docs/results-nist.md): manifest, {@code election/<id>/result}, the counted and spoiled ballots,
 * and the status (TALLIED is reported unofficial, CERTIFIED certified). The generation time is the
 * timestamp of the latest block, so two nodes at the same height give byte-identical JSON. For the
 * HTTP API; blocking store reads, so call it from a worker.
 */
public final class ElectionResultsReport {
  private ElectionResultsReport() {}

  /**
   * The JSON document, or empty if the election does not exist or is not tallied yet.
   *
   * @throws io.votechain.record.nist.InvalidResultException if the result cannot be reported
   *     faithfully (reasons in docs/results-nist.md §4)
   */
  public static Optional<String> nistJson(
      LedgerStore store, String electionId, NistResults.Reporting reporting, String version) {
    Optional<byte[]> manifest = read(store, StateKeys.electionManifest(electionId));
    Optional<byte[]> result = read(store, StateKeys.result(electionId));
    if (manifest.isEmpty() || result.isEmpty()) {
      return Optional.empty();
    }
    ElectionStatus status =
        ElectionStatus.ofTag(read(store, StateKeys.electionStatus(electionId)).orElseThrow()[0]);
    List<Long> counts =
        new CanonicalReader(result.get()).list(64 * 64, r -> r.varint(Long.MAX_VALUE));
    long counted =
        read(store, StateKeys.counted(electionId))
            .map(b -> new CanonicalReader(b).varint(Long.MAX_VALUE))
            .orElse(0L);
    List<StateEntry> spoiled =
        store
            .stateFolder(
                ("election/" + electionId + "/spoiled/").getBytes(StandardCharsets.US_ASCII))
            .toCompletableFuture()
            .join();
    // chain/head: i64 height, i64 timestamp, fixed(32) parent hash (docs/contracts.md §1).
    CanonicalReader head =
        new CanonicalReader(read(store, StateKey.of("chain", "head")).orElseThrow());
    head.i64();
    long timestamp = head.i64();
    ElectionResult report =
        NistResults.of(
            ElectionManifest.decode(manifest.get()),
            status,
            counts,
            counted,
            spoiled.size(),
            reporting);
    return Optional.of(NistResults.json(report, version, timestamp));
  }

  private static Optional<byte[]> read(LedgerStore store, StateKey key) {
    return store.state(key.bytes()).toCompletableFuture().join();
  }
}
