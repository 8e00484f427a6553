package io.votechain.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.message.EquivocationEvidence;
import io.votechain.crypto.hash.Hash32;
import io.votechain.store.StoredEvidence;
import java.util.Base64;

/**
 * The equivocation evidence routes (docs/api.md §2.5): what this validator holds, each piece with
 * its canonical encoding so that anyone re-verifies it from the genesis alone ({@code
 * EquivocationEvidence.decode(bytes).verify(genesis, chainId)}) instead of trusting the validator
 * that serves it. Evidence is node-local, not committed state: validators that have not yet
 * received a piece by gossip do not list it.
 */
final class EvidenceQueries {
  private final Genesis genesis;
  private final LedgerReads ledger;

  EvidenceQueries(Genesis genesis, LedgerReads ledger) {
    this.genesis = genesis;
    this.ledger = ledger;
  }

  Reply list() {
    JsonArray list = new JsonArray();
    for (StoredEvidence e : ledger.evidenceList()) {
      list.add(json(e));
    }
    return Reply.Json.ok(
        new JsonObject().put("chainId", genesis.hash().hex()).put("evidence", list));
  }

  Reply one(Hash32 hash) {
    StoredEvidence e =
        ledger.evidence(hash).orElseThrow(() -> new ApiException(ApiError.EVIDENCE_NOT_FOUND));
    return Reply.Json.ok(json(e).put("chainId", genesis.hash().hex()));
  }

  private JsonObject json(StoredEvidence stored) {
    // Stored only after verification, so it decodes; decoding again costs no signature check.
    EquivocationEvidence e = EquivocationEvidence.decode(stored.encoding());
    int offender = e.offender();
    return new JsonObject()
        .put("hash", stored.hash().hex())
        .put("kind", kind(e))
        .put("offender", offender)
        .put(
            "offenderKey",
            genesis.isValidator(offender)
                ? BlockViews.HEX.formatHex(genesis.validator(offender).key().encoded())
                : null)
        .put("height", e.height())
        .put("round", e.round())
        .put("step", e.step())
        .put("encodingBase64", Base64.getEncoder().encodeToString(stored.encoding()));
  }

  static String kind(EquivocationEvidence e) {
    return e instanceof EquivocationEvidence.DuplicateVote
        ? "DUPLICATE_VOTE"
        : "DUPLICATE_PROPOSAL";
  }
}
