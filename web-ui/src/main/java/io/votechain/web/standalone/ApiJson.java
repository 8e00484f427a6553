package io.votechain.web.standalone;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.contract.ChainParams;
import io.votechain.contract.GenesisConfig;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.mempool.Admission;
import io.votechain.store.StateEntry;
import io.votechain.tx.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Reads the public API's JSON answers (docs/api.md) into the values {@link
 * io.votechain.web.LedgerPort} returns. Anything not shaped as documented is {@link
 * NodeAnswerError#NODE_ANSWER_MALFORMED}, never a half-read value. Stateless.
 */
final class ApiJson {
  private static final HexFormat HEX = HexFormat.of();

  private ApiJson() {}

  /** A JSON object from a body, or NODE_ANSWER_MALFORMED. */
  static JsonObject object(byte[] body, String what) {
    try {
      return new JsonObject(new String(body, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw malformed(what, e);
    }
  }

  /** {@code height} of {@code GET /api/v1/status}, with its chain id checked. */
  static long statusHeight(JsonObject status, Hash32 chainId) {
    try {
      if (!chainId.hex().equalsIgnoreCase(status.getString("chainId"))) {
        throw new NodeAnswerException(
            NodeAnswerError.NODE_GENESIS_MISMATCH,
            "status names chain " + status.getString("chainId"));
      }
      long height = status.getLong("height");
      if (height < 0) {
        throw malformed("status height " + height, null);
      }
      return height;
    } catch (ClassCastException | NullPointerException e) {
      throw malformed("status", e);
    }
  }

  /** The {@code contracts} section of {@code GET /api/v1/genesis} (empty when null). */
  static Optional<GenesisConfig> contracts(JsonObject genesis) {
    try {
      JsonObject c = genesis.getJsonObject("contracts");
      if (c == null) {
        return Optional.empty();
      }
      List<Ed25519PublicKey> officials = new ArrayList<>();
      for (Object k : c.getJsonArray("officials")) {
        officials.add(Ed25519PublicKey.decode(HEX.parseHex((String) k)));
      }
      JsonObject p = c.getJsonObject("params");
      return Optional.of(
          new GenesisConfig(
              c.getString("chainId"),
              officials,
              c.getInteger("threshold"),
              new ChainParams(
                  p.getLong("maxProposalLifetime"),
                  p.getLong("attestationFreshness"),
                  p.getLong("attestationNonceWindow"))));
    } catch (RuntimeException e) {
      throw malformed("genesis contracts", e);
    }
  }

  /** The genesis's canonical encoding ({@code encoding}, hex). */
  static byte[] genesisEncoding(JsonObject genesis) {
    try {
      return HEX.parseHex(genesis.getString("encoding"));
    } catch (RuntimeException e) {
      throw malformed("genesis encoding", e);
    }
  }

  /** {@code GET /api/v1/state?folder=}: keys (ASCII) and Base64 values, in the node's order. */
  static List<StateEntry> folder(JsonObject answer) {
    try {
      return io.votechain.node.client.StateApi.folderEntries(answer);
    } catch (RuntimeException e) {
      throw malformed("state folder", e);
    }
  }

  /** One evidence entry of {@code GET /api/v1/evidence}: its key and its encoding. */
  record EvidenceEntry(Hash32 hash, byte[] encoding) {}

  static List<EvidenceEntry> evidence(JsonObject answer) {
    try {
      List<EvidenceEntry> list = new ArrayList<>();
      JsonArray all = answer.getJsonArray("evidence");
      for (int i = 0; i < all.size(); i++) {
        JsonObject e = all.getJsonObject(i);
        list.add(
            new EvidenceEntry(
                Hash32.fromHex(e.getString("hash")),
                Base64.getDecoder().decode(e.getString("encodingBase64"))));
      }
      return list;
    } catch (RuntimeException e) {
      throw malformed("evidence", e);
    }
  }

  /** The height of an event stream's {@code block} event ({@code data: {"height": ...}}). */
  static long blockEventHeight(String data) {
    try {
      long height = new JsonObject(data).getLong("height");
      if (height < 1) {
        throw malformed("block event height " + height, null);
      }
      return height;
    } catch (RuntimeException e) {
      if (e instanceof NodeAnswerException n) {
        throw n;
      }
      throw malformed("block event", e);
    }
  }

  /**
   * What {@code POST /api/v1/transactions} answered, as the in-node port would say it: an {@link
   * Admission} when the mempool decided ({@code 202}, or an error that carries {@code admission}),
   * or the contracts' refusal code.
   */
  sealed interface Submission permits Admitted, Refused {}

  /** The mempool's answer; {@code id} is the transaction id the node computed. */
  record Admitted(Admission admission, String id) implements Submission {}

  /** A refusal with the contracts' {@code ErrorCode} name. */
  record Refused(String code) implements Submission {}

  static Submission submission(int status, byte[] body) {
    if (status == 429 || status >= 500) {
      JsonObject json = tryObject(body);
      String error = json == null ? null : json.getString("error");
      if (json != null && json.getString("admission") != null) {
        return admitted(json);
      }
      throw new NodeAnswerException(
          "RATE_LIMITED".equals(error)
              ? NodeAnswerError.NODE_RATE_LIMITED
              : NodeAnswerError.NODE_UNAVAILABLE,
          "POST /api/v1/transactions answered " + status);
    }
    JsonObject json = object(body, "transaction answer");
    if (json.getString("admission") != null) {
      return admitted(json);
    }
    String error = json.getString("error");
    if (error == null) {
      throw malformed("transaction answer without admission or error", null);
    }
    // The API refuses an oversized body before the contracts see it; in a validator the contracts
    // would refuse the same transaction with TRANSACTION_TOO_LARGE.
    if (error.equals("BODY_TOO_LARGE")) {
      return new Refused(ErrorCode.TRANSACTION_TOO_LARGE.name());
    }
    return new Refused(error);
  }

  private static Admitted admitted(JsonObject json) {
    try {
      return new Admitted(Admission.valueOf(json.getString("admission")), json.getString("id"));
    } catch (IllegalArgumentException e) {
      throw malformed("admission " + json.getString("admission"), e);
    }
  }

  private static JsonObject tryObject(byte[] body) {
    try {
      return new JsonObject(new String(body, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static NodeAnswerException malformed(String what, Throwable cause) {
    NodeAnswerException e = new NodeAnswerException(NodeAnswerError.NODE_ANSWER_MALFORMED, what);
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }
}
