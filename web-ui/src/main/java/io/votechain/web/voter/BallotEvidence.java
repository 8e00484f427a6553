package io.votechain.web.voter;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.consensus.block.Block;
import io.votechain.contract.StateKeys;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.merkle.InclusionProof;
import io.votechain.crypto.merkle.MerkleTree;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.store.StoredBlock;
import io.votechain.tx.SignedTransaction;
import io.votechain.web.LedgerPort;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What the "check my ballot" page verifies in the browser (docs/web-voting.md §5), gathered from
 * the ledger: the transaction that cast the ballot, its Merkle inclusion proof in its block, the
 * block header and the block's commit certificate. Everything is public ledger data; the server is
 * not trusted with any of it, since the browser recomputes every hash and checks every signature.
 *
 * <p>The transaction is found through the state key {@code election/<id>/ballot-tx/<hash>} and then
 * searched in the blocks from the newest back, at most {@link #MAX_BLOCKS_SEARCHED}: the web UI's
 * ledger port has no transaction index yet (the node's store has one; see the report of issue #8).
 * Blocking: call through {@code WebContext.blocking}.
 */
final class BallotEvidence {
  static final int MAX_BLOCKS_SEARCHED = 10_000;
  private static final HexFormat HEX = HexFormat.of();

  private BallotEvidence() {}

  /** The evidence as JSON (hex strings), or empty when the ledger has no such ballot. */
  static Optional<JsonObject> find(LedgerPort ledger, String electionId, Hash32 ballotHash) {
    Optional<byte[]> txId = ledger.state(StateKeys.ballotTx(electionId, ballotHash));
    if (txId.isEmpty() || txId.get().length != Hash32.LENGTH) {
      return Optional.empty();
    }
    Hash32 id = Hash32.of(txId.get());
    Optional<byte[]> extendedBaseHash = ledger.state(StateKeys.extendedBaseHash(electionId));
    if (extendedBaseHash.isEmpty()) {
      return Optional.empty();
    }
    long newest = ledger.height();
    for (long h = newest; h >= 1 && h > newest - MAX_BLOCKS_SEARCHED; h--) {
      Optional<StoredBlock> stored = ledger.block(h);
      if (stored.isEmpty()) {
        continue;
      }
      Block block = Block.decode(stored.get().block());
      List<byte[]> txs = block.transactions();
      for (int i = 0; i < txs.size(); i++) {
        if (Sha256.tagged(SignedTransaction.ID_DOMAIN, txs.get(i)).equals(id)) {
          return Optional.of(
              json(id, block, i, stored.get().commitCertificate())
                  .put("electionId", electionId)
                  .put("extendedBaseHash", HEX.formatHex(extendedBaseHash.get())));
        }
      }
    }
    return Optional.empty();
  }

  private static JsonObject json(Hash32 txId, Block block, int index, byte[] certificate) {
    InclusionProof proof = MerkleTree.ofLeaves(block.transactions()).prove(index);
    JsonArray path = new JsonArray();
    proof.path().forEach(h -> path.add(h.hex()));
    CanonicalWriter header = new CanonicalWriter();
    block.header().writeTo(header);
    return new JsonObject()
        .put("transactionId", txId.hex())
        .put("transaction", HEX.formatHex(block.transaction(index)))
        .put("height", block.height())
        .put("index", proof.index())
        .put("treeSize", proof.treeSize())
        .put("path", path)
        .put("header", HEX.formatHex(header.toByteArray()))
        .put("certificate", HEX.formatHex(certificate));
  }
}
