package io.votechain.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.consensus.block.Block;
import io.votechain.consensus.block.BlockHeader;
import io.votechain.consensus.block.CommitCertificate;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.store.StoredBlock;
import java.util.HexFormat;

/**
 * JSON renderings of blocks, headers and commit certificates (docs/api.md §2.3). Every hashed or
 * signed structure is given twice: as fields for people, and as its canonical encoding in hex for
 * verifiers, so that a client recomputes the block hash ({@code SHA-256(0x42 || header)}) and the
 * signed precommits itself instead of trusting the fields. Stateless.
 */
final class BlockViews {
  static final HexFormat HEX = HexFormat.of();

  private BlockViews() {}

  static JsonObject header(BlockHeader h) {
    CanonicalWriter w = new CanonicalWriter();
    h.writeTo(w);
    return new JsonObject()
        .put("chainId", h.chainId().hex())
        .put("height", h.height())
        .put("round", h.round())
        .put("timestamp", h.timestamp())
        .put("previousBlockHash", h.previousBlockHash().hex())
        .put("transactionsRoot", h.transactionsRoot().hex())
        .put("transactionCount", h.transactionCount())
        .put("stateHash", h.stateHash().hex())
        .put("lastCommitHash", h.lastCommitHash().hex())
        .put("proposer", h.proposer())
        .put("encoding", HEX.formatHex(w.toByteArray()));
  }

  /**
   * The certificate with, per signature, the validator's key and the exact bytes it signed
   * (⟨PRECOMMIT, h, r, id(v)⟩ bound to the chain id, docs/consensus.md §3).
   */
  static JsonObject certificate(CommitCertificate c, Genesis genesis) {
    JsonArray signatures = new JsonArray();
    for (CommitCertificate.Signature s : c.signatures()) {
      JsonObject sig =
          new JsonObject()
              .put("validator", s.validator())
              .put("signature", HEX.formatHex(s.signature()))
              .put("signedBytes", HEX.formatHex(c.precommitOf(s).signBytes(genesis.hash())));
      if (genesis.isValidator(s.validator())) {
        sig.put("publicKey", HEX.formatHex(genesis.validator(s.validator()).key().encoded()));
      }
      signatures.add(sig);
    }
    return new JsonObject()
        .put("height", c.height())
        .put("round", c.round())
        .put("blockHash", c.blockHash().hex())
        .put("quorum", genesis.quorum())
        .put("signatures", signatures)
        .put("encoding", HEX.formatHex(c.encode()));
  }

  /** A block's summary for listings. */
  static JsonObject summary(StoredBlock stored, Block block) {
    return new JsonObject()
        .put("height", stored.height())
        .put("hash", stored.hash().hex())
        .put("timestamp", block.header().timestamp())
        .put("proposer", block.header().proposer())
        .put("transactionCount", block.transactionCount())
        .put("stateHash", stored.stateHash().hex());
  }
}
