package io.votechain.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.consensus.block.Block;
import io.votechain.consensus.block.CommitCertificate;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.genesis.ValidatorInfo;
import io.votechain.contract.GenesisConfig;
import io.votechain.contract.StateKeys;
import io.votechain.contract.TxReceipt;
import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.EncodingException;
import io.votechain.node.NodeContext;
import io.votechain.node.ValidatorNode;
import io.votechain.store.StoredBlock;
import io.votechain.store.TxLocation;
import java.util.Optional;

/**
 * The chain's routes (docs/api.md §2.1, §2.3): transactions by id, blocks by height and in pages,
 * the validator set. Runs on the API's worker threads.
 */
final class ChainQueries {
  static final int MAX_PAGE = 100;

  /** The response header of {@link #blockEncoding} that carries the state hash after the block. */
  static final String STATE_HASH_HEADER = "x-votechain-state-hash";

  private final NodeContext node;
  private final LedgerReads ledger;
  private final Optional<GenesisConfig> contracts;

  ChainQueries(NodeContext node, LedgerReads ledger, Optional<GenesisConfig> contracts) {
    this.node = node;
    this.ledger = ledger;
    this.contracts = contracts;
  }

  /** Committed (200, with its receipt), pending in the mempool (202), or unknown (404). */
  Reply transaction(Hash32 id) {
    Optional<TxLocation> location = ledger.transaction(id);
    if (location.isEmpty()) {
      if (node.pending(id)) {
        return new Reply.Json(
            202,
            new JsonObject().put("id", id.hex()).put("status", "PENDING").put("pending", true));
      }
      throw new ApiException(ApiError.TRANSACTION_NOT_FOUND);
    }
    TxLocation at = location.get();
    JsonObject body =
        new JsonObject()
            .put("id", id.hex())
            .put("status", "COMMITTED")
            .put("pending", false)
            .put("height", at.height())
            .put("index", at.index());
    ledger.block(at.height()).ifPresent(b -> body.put("blockHash", b.hash().hex()));
    Optional<byte[]> receipt = ledger.state(StateKeys.receipt(id));
    if (receipt.isPresent()) {
      try {
        TxReceipt.Outcome outcome = TxReceipt.decodeOutcome(receipt.get());
        body.put(
            "receipt",
            new JsonObject()
                .put("code", outcome.code().name())
                .put("number", outcome.code().number())
                .put("reason", outcome.reason()));
      } catch (EncodingException e) {
        throw new ApiException(ApiError.INTERNAL_ERROR);
      }
    } else {
      body.putNull("receipt"); // a chain without the contracts keeps no receipts
    }
    return Reply.Json.ok(body);
  }

  /** One block: header fields, hash, certificate and signers, transaction ids. */
  Reply block(long height) {
    StoredBlock stored =
        ledger.block(height).orElseThrow(() -> new ApiException(ApiError.BLOCK_NOT_FOUND));
    Block block = decode(stored);
    JsonArray ids = new JsonArray();
    for (byte[] tx : block.transactions()) {
      ids.add(node.transactionId(tx).hex());
    }
    CommitCertificate certificate = certificate(stored);
    JsonArray signers = new JsonArray();
    certificate.signatures().forEach(s -> signers.add(s.validator()));
    return Reply.Json.ok(
        new JsonObject()
            .put("height", stored.height())
            .put("hash", stored.hash().hex())
            .put("stateHash", stored.stateHash().hex())
            .put("timestamp", block.header().timestamp())
            .put("header", BlockViews.header(block.header()))
            .put("certificate", BlockViews.certificate(certificate, node.genesis()))
            .put("signers", signers)
            .put("transactions", ids));
  }

  /**
   * A block's canonical bytes as the store keeps them: the {@code CommittedBlock} encoding (the
   * block with every transaction's bytes, then its commit certificate), so that a client that does
   * not trust this validator (the standalone web UI, docs/web-ui.md §6) checks the header hash, the
   * transactions root and the certificate itself. The state hash after the block is not in those
   * bytes (the next block's header commits to it), so it travels in {@value #STATE_HASH_HEADER}.
   */
  Reply blockEncoding(long height) {
    StoredBlock stored =
        ledger.block(height).orElseThrow(() -> new ApiException(ApiError.BLOCK_NOT_FOUND));
    // The stored parts are each canonical; their concatenation is the CommittedBlock encoding.
    byte[] block = stored.block();
    byte[] certificate = stored.commitCertificate();
    byte[] body = new byte[block.length + certificate.length];
    System.arraycopy(block, 0, body, 0, block.length);
    System.arraycopy(certificate, 0, body, block.length, certificate.length);
    return new Reply.Bytes(
        "application/octet-stream",
        body,
        java.util.Map.of(STATE_HASH_HEADER, stored.stateHash().hex()));
  }

  /**
   * The genesis this validator runs: the consensus genesis's canonical encoding (whose tagged hash
   * is the chain id) and the contracts' genesis (contracts chain id, officials, M, parameters),
   * which a client checks against the genesis's initial state hash ({@code
   * ContractsStateMachine.genesisStateHash}).
   */
  Reply genesis() {
    Genesis genesis = node.genesis();
    JsonObject body =
        new JsonObject()
            .put("chainId", genesis.hash().hex())
            .put("chainName", genesis.chainName())
            .put("genesisTime", genesis.genesisTime())
            .put("initialStateHash", genesis.initialStateHash().hex())
            .put("encoding", BlockViews.HEX.formatHex(genesis.encode()));
    if (contracts.isPresent()) {
      GenesisConfig c = contracts.get();
      JsonArray officials = new JsonArray();
      c.officials().forEach(k -> officials.add(BlockViews.HEX.formatHex(k.encoded())));
      body.put(
          "contracts",
          new JsonObject()
              .put("chainId", c.chainId())
              .put("officials", officials)
              .put("threshold", c.threshold())
              .put(
                  "params",
                  new JsonObject()
                      .put("maxProposalLifetime", c.params().maxProposalLifetime())
                      .put("attestationFreshness", c.params().attestationFreshness())
                      .put("attestationNonceWindow", c.params().attestationNonceWindow())));
    } else {
      body.putNull("contracts");
    }
    return Reply.Json.ok(body);
  }

  /** Newest first from {@code from} (default: the latest height). */
  Reply blocks(Long from, int limit) {
    long tip = ledger.latestHeight();
    long start = from == null ? tip : Math.min(from, tip);
    JsonArray page = new JsonArray();
    long h = start;
    for (; h >= 1 && page.size() < limit; h--) {
      long height = h;
      StoredBlock stored =
          ledger.block(height).orElseThrow(() -> new ApiException(ApiError.STORE_UNAVAILABLE));
      page.add(BlockViews.summary(stored, decode(stored)));
    }
    JsonObject body = new JsonObject().put("latestHeight", tip).put("blocks", page);
    if (h >= 1) {
      body.put("next", h);
    } else {
      body.putNull("next");
    }
    return Reply.Json.ok(body);
  }

  Reply validators() {
    Genesis genesis = node.genesis();
    int self = node.config().validatorIndex();
    JsonArray list = new JsonArray();
    for (int i = 0; i < genesis.size(); i++) {
      ValidatorInfo v = genesis.validator(i);
      JsonObject entry =
          new JsonObject()
              .put("index", i)
              .put("publicKey", BlockViews.HEX.formatHex(v.key().encoded()))
              .put("address", v.address())
              .put("self", i == self);
      if (i == self) {
        entry.put("connected", true);
      } else if (node instanceof ValidatorNode validator) {
        entry.put("connected", validator.peerConnected(i));
      } else {
        entry.putNull("connected");
      }
      list.add(entry);
    }
    return Reply.Json.ok(
        new JsonObject()
            .put("chainId", genesis.hash().hex())
            .put("chainName", genesis.chainName())
            .put("quorum", genesis.quorum())
            .put("maxFaulty", genesis.maxFaulty())
            .put("validators", list));
  }

  static Block decode(StoredBlock stored) {
    try {
      return Block.decode(stored.block());
    } catch (EncodingException | IllegalArgumentException e) {
      throw new ApiException(ApiError.INTERNAL_ERROR);
    }
  }

  static CommitCertificate certificate(StoredBlock stored) {
    try {
      io.votechain.encoding.CanonicalReader r =
          new io.votechain.encoding.CanonicalReader(stored.commitCertificate());
      CommitCertificate c = CommitCertificate.readFrom(r);
      r.finish();
      return c;
    } catch (EncodingException | IllegalArgumentException e) {
      throw new ApiException(ApiError.INTERNAL_ERROR);
    }
  }
}
