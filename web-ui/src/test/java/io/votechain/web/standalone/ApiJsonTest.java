package io.votechain.web.standalone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.crypto.hash.Hash32;
import io.votechain.mempool.Admission;
import io.votechain.store.StateEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The public API's JSON read as the in-node port's values; anything else refused with its code. */
class ApiJsonTest {
  private static final String ID = "ab".repeat(32);

  private static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void refused(NodeAnswerError expected, Executable e) {
    assertEquals(expected, assertThrows(NodeAnswerException.class, e).error());
  }

  @Test
  void admissionsAreTheMempoolsAnswers() {
    assertEquals(
        new ApiJson.Admitted(Admission.ACCEPTED, ID),
        ApiJson.submission(202, json("{\"id\":\"" + ID + "\",\"admission\":\"ACCEPTED\"}")));
    assertEquals(
        new ApiJson.Admitted(Admission.ALREADY_COMMITTED, ID),
        ApiJson.submission(
            409,
            json(
                "{\"error\":\"ALREADY_COMMITTED\",\"message\":\"m\",\"id\":\""
                    + ID
                    + "\",\"admission\":\"ALREADY_COMMITTED\"}")));
    assertEquals(
        new ApiJson.Admitted(Admission.MEMPOOL_FULL, ID),
        ApiJson.submission(
            429,
            json(
                "{\"error\":\"MEMPOOL_FULL\",\"id\":\""
                    + ID
                    + "\",\"admission\":\"MEMPOOL_FULL\"}")));
  }

  @Test
  void refusalsCarryTheContractsCode() {
    assertEquals(
        new ApiJson.Refused("BAD_NONCE"),
        ApiJson.submission(409, json("{\"error\":\"BAD_NONCE\",\"message\":\"m\"}")));
    assertEquals(
        new ApiJson.Refused("TRANSACTION_TOO_LARGE"),
        ApiJson.submission(413, json("{\"error\":\"BODY_TOO_LARGE\",\"message\":\"m\"}")));
  }

  @Test
  void aRateLimitOrAnUnavailableNodeIsNotARefusal() {
    refused(
        NodeAnswerError.NODE_RATE_LIMITED,
        () -> ApiJson.submission(429, json("{\"error\":\"RATE_LIMITED\",\"message\":\"m\"}")));
    refused(NodeAnswerError.NODE_UNAVAILABLE, () -> ApiJson.submission(503, json("")));
    refused(NodeAnswerError.NODE_ANSWER_MALFORMED, () -> ApiJson.submission(400, json("<html>")));
    refused(NodeAnswerError.NODE_ANSWER_MALFORMED, () -> ApiJson.submission(400, json("{}")));
    refused(
        NodeAnswerError.NODE_ANSWER_MALFORMED,
        () -> ApiJson.submission(202, json("{\"id\":\"" + ID + "\",\"admission\":\"MAYBE\"}")));
  }

  @Test
  void aFolderIsItsKeysAndBase64Values() {
    List<StateEntry> entries =
        ApiJson.folder(
            new JsonObject()
                .put(
                    "entries",
                    new JsonArray()
                        .add(new JsonObject().put("key", "gov/proposal/1").put("value", "AQID"))));
    assertEquals(1, entries.size());
    assertArrayEquals("gov/proposal/1".getBytes(StandardCharsets.US_ASCII), entries.get(0).key());
    assertArrayEquals(new byte[] {1, 2, 3}, entries.get(0).value());
    refused(
        NodeAnswerError.NODE_ANSWER_MALFORMED,
        () ->
            ApiJson.folder(
                new JsonObject()
                    .put(
                        "entries",
                        new JsonArray().add(new JsonObject().put("key", "k").put("value", "!")))));
    refused(NodeAnswerError.NODE_ANSWER_MALFORMED, () -> ApiJson.folder(new JsonObject()));
  }

  @Test
  void theStatusMustNameTheCheckedChain() {
    Hash32 chain = Hash32.fromHex(ID);
    assertEquals(
        12, ApiJson.statusHeight(new JsonObject().put("chainId", ID).put("height", 12), chain));
    refused(
        NodeAnswerError.NODE_GENESIS_MISMATCH,
        () ->
            ApiJson.statusHeight(
                new JsonObject().put("chainId", "cd".repeat(32)).put("height", 12), chain));
    refused(
        NodeAnswerError.NODE_ANSWER_MALFORMED,
        () -> ApiJson.statusHeight(new JsonObject().put("chainId", ID), chain));
  }

  @Test
  void theContractsSectionIsReadOrRefused() {
    JsonObject genesis =
        new JsonObject()
            .put(
                "contracts",
                new JsonObject()
                    .put("chainId", "votechain-x")
                    .put("officials", new JsonArray().add("00".repeat(32)).add("not hex"))
                    .put("threshold", 1)
                    .put(
                        "params",
                        new JsonObject()
                            .put("maxProposalLifetime", 1)
                            .put("attestationFreshness", 1)
                            .put("attestationNonceWindow", 1)));
    refused(NodeAnswerError.NODE_ANSWER_MALFORMED, () -> ApiJson.contracts(genesis));
    assertEquals(
        java.util.Optional.empty(), ApiJson.contracts(new JsonObject().putNull("contracts")));
  }

  @Test
  void retryAfterIsBoundedAndDefaultsToASecond() {
    assertEquals(2_000, NodeApi.retryAfterMillis("2"));
    assertEquals(1_000, NodeApi.retryAfterMillis(null));
    assertEquals(1_000, NodeApi.retryAfterMillis("soon"));
    assertEquals(5_000, NodeApi.retryAfterMillis("3600"));
  }
}
