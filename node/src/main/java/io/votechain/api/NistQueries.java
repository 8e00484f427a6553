package io.votechain.api;

import io.vertx.core.json.JsonObject;
import io.votechain.contract.ElectionContract;
import io.votechain.contract.ElectionStatus;
import io.votechain.contract.StateKeys;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.EncodingException;
import io.votechain.record.NistResults;
import io.votechain.record.nist.Authority;
import io.votechain.record.nist.ElectionKind;
import io.votechain.record.nist.ElectionResult;
import io.votechain.record.nist.InvalidResultException;
import io.votechain.record.nist.Jurisdiction;
import io.votechain.record.nist.JurisdictionType;
import io.votechain.record.nist.LocalizedText;
import io.votechain.state.StateView;
import io.votechain.tx.election.ElectionManifest;
import java.util.List;

/**
 * {@code GET /api/v1/elections/{id}/results/nist}: the tallied result as NIST SP 1500-100 JSON
 * through {@link NistResults} (docs/results-nist.md). The generated date is the timestamp of the
 * latest committed block (whole seconds), so every validator at the same height serves the same
 * bytes.
 */
final class NistQueries {
  static final String VERSION = "0.1.0";

  private final LedgerReads ledger;
  private final ElectionQueries elections;
  private final NistResults.Reporting reporting;

  NistQueries(LedgerReads ledger, ElectionQueries elections, ApiConfig.NistReporting config) {
    this.ledger = ledger;
    this.elections = elections;
    this.reporting = reporting(config);
  }

  /** Checked when the API starts, so that a bad {@code api.nist} section stops the node early. */
  static NistResults.Reporting reporting(ApiConfig.NistReporting c) {
    try {
      return new NistResults.Reporting(
          new Authority(c.authorityName(), c.authorityAbbreviation()),
          new Jurisdiction(
              c.jurisdictionId(),
              LocalizedText.of(c.language(), c.jurisdictionName()),
              JurisdictionType.valueOf(c.jurisdictionType())),
          ElectionKind.valueOf(c.electionKind()),
          c.language());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("api.nist: " + e.getMessage(), e);
    }
  }

  Reply results(String id) {
    StateView view = ledger.view();
    ElectionManifest manifest = elections.manifest(view, id);
    ElectionStatus status = ElectionContract.status(view, id).orElseThrow();
    List<Long> counts =
        elections.result(id).orElseThrow(() -> new ApiException(ApiError.RESULT_NOT_AVAILABLE));
    long spoiled = ledger.folder("election/" + id + "/spoiled/").size();
    long cast = io.votechain.contract.ElectionCrypto.counted(view, id);
    try {
      ElectionResult result = NistResults.of(manifest, status, counts, cast, spoiled, reporting);
      String json = NistResults.json(result, VERSION, headSeconds() * 1000);
      return Reply.Json.ok(new JsonObject(json));
    } catch (InvalidResultException e) {
      throw new ApiException(ApiError.RESULT_NOT_AVAILABLE, e.getMessage());
    }
  }

  /** {@code chain/head}: i64 height, i64 timestamp, fixed(32) parent hash. */
  private long headSeconds() {
    byte[] head =
        ledger
            .state(StateKeys.CHAIN_HEAD)
            .orElseThrow(() -> new ApiException(ApiError.INTERNAL_ERROR));
    try {
      CanonicalReader r = new CanonicalReader(head);
      r.i64();
      return Math.floorDiv(r.i64(), 1000L);
    } catch (EncodingException e) {
      throw new ApiException(ApiError.INTERNAL_ERROR);
    }
  }
}
