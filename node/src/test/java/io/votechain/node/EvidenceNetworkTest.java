package io.votechain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.api.SchemaCheck;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.message.EquivocationEvidence;
import io.votechain.crypto.hash.Hash32;
import io.votechain.store.StoredEvidence;
import io.votechain.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four validators in one JVM over real TCP; validator 1 equivocates ({@link EquivocationFault})
 * until height {@value #EQUIVOCATE_UNTIL}, sending both of each pair of conflicting votes to its
 * witness, validator 2. Every honest validator ends up holding the same evidence — verified by
 * itself, whoever found it — serves it through the API and the metrics, and keeps it across a
 * restart. Nothing here depends on timing: the witness receives every pair, and gossip carries what
 * it stores to the others.
 */
class EvidenceNetworkTest {
  static final long EQUIVOCATE_UNTIL = 3;
  static final int FAULTY = 1;
  static final List<Integer> HONEST = List.of(0, 2, 3);
  @TempDir Path dir;
  private final List<ValidatorNode> nodes = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() throws Exception {
    for (ValidatorNode n : nodes) {
      if (n != null) {
        n.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      }
    }
  }

  private static ValidatorNode start(Path config, Map<String, String> env) throws Exception {
    ValidatorNode node =
        new ValidatorNode(NodeConfig.load(config, Map.of()), new NotaryStateMachine(), env);
    node.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return node;
  }

  private static List<StoredEvidence> held(ValidatorNode n) {
    return n.store().evidenceList().toCompletableFuture().join();
  }

  @Test
  void everyHonestValidatorHoldsTheSameVerifiedEvidenceAgainstTheEquivocator() throws Exception {
    List<Path> configs =
        LocalNetwork.init(
            dir, 4, LoopbackPorts.freeBlock(40), "rocksdb", 1_700_000_000_000L, Hash32.ZERO);
    for (int i = 0; i < 4; i++) {
      Map<String, String> env =
          i == FAULTY ? Map.of(EquivocationFault.ENV, Long.toString(EQUIVOCATE_UNTIL)) : Map.of();
      nodes.add(start(configs.get(i), env));
    }
    Await.until(
        () -> HONEST.stream().allMatch(i -> nodes.get(i).height() > EQUIVOCATE_UNTIL + 2),
        120,
        "the honest validators pass the equivocating heights");
    Await.until(
        () -> {
          List<StoredEvidence> reference = held(nodes.get(0));
          return !reference.isEmpty()
              && HONEST.stream().allMatch(i -> held(nodes.get(i)).equals(reference));
        },
        120,
        "every honest validator holds the same evidence");

    Genesis genesis = nodes.get(0).genesis();
    List<StoredEvidence> evidence = held(nodes.get(0));
    for (StoredEvidence stored : evidence) {
      EquivocationEvidence e = EquivocationEvidence.decode(stored.encoding());
      assertTrue(e.verify(genesis, genesis.hash()));
      assertEquals(FAULTY, e.offender());
      assertEquals(stored.hash(), e.hash());
      assertTrue(e.height() <= EQUIVOCATE_UNTIL);
    }
    // Nothing the honest validators gossiped to each other was refused.
    for (int i : HONEST) {
      assertEquals(Map.of(), nodes.get(i).evidenceKeeper().refused());
    }

    // The API serves it so that anyone can re-verify it from the genesis alone.
    String base = "http://127.0.0.1:" + nodes.get(3).httpPort();
    SchemaCheck schemas =
        new SchemaCheck(new JsonObject(get(base + "/api/v1/openapi.json").body()));
    HttpResponse<String> listed = get(base + "/api/v1/evidence");
    assertEquals(200, listed.statusCode());
    JsonObject list = new JsonObject(listed.body());
    assertEquals(List.of(), schemas.check("EvidenceList", list));
    JsonArray items = list.getJsonArray("evidence");
    assertEquals(evidence.size(), items.size());
    for (int k = 0; k < items.size(); k++) {
      JsonObject item = items.getJsonObject(k);
      assertEquals(evidence.get(k).hash().hex(), item.getString("hash"));
      assertEquals(FAULTY, item.getInteger("offender"));
      assertEquals("DUPLICATE_VOTE", item.getString("kind"));
      byte[] encoding = Base64.getDecoder().decode(item.getString("encodingBase64"));
      assertTrue(EquivocationEvidence.decode(encoding).verify(genesis, genesis.hash()));
    }
    String hash = evidence.get(0).hash().hex();
    HttpResponse<String> one = get(base + "/api/v1/evidence/" + hash);
    assertEquals(200, one.statusCode());
    assertEquals(List.of(), schemas.check("Evidence", new JsonObject(one.body())));
    assertEquals(hash, new JsonObject(one.body()).getString("hash"));
    HttpResponse<String> unknown = get(base + "/api/v1/evidence/" + "ab".repeat(32));
    assertEquals(404, unknown.statusCode());
    assertEquals("EVIDENCE_NOT_FOUND", new JsonObject(unknown.body()).getString("error"));
    HttpResponse<String> badHex = get(base + "/api/v1/evidence/xyz");
    assertEquals(400, badHex.statusCode());
    assertEquals("INVALID_HEX", new JsonObject(badHex.body()).getString("error"));

    // Prometheus: the evidence held against validator 1.
    String counter =
        "votechain_equivocation_evidence_total{offender=\"" + FAULTY + "\"} " + evidence.size();
    String exported = get(base + "/metrics").body();
    assertTrue(exported.contains(counter), counter);
    // ... and, by reason, what it refused: nothing, among honest validators.
    for (var fault : io.votechain.consensus.message.EvidenceFault.values()) {
      String refused = "votechain_evidence_refused_total{reason=\"" + fault.name() + "\"} 0.0";
      assertTrue(exported.contains(refused), refused);
    }
    assertTrue(exported.contains("votechain_peer_frames_dropped_total{reason=\"BAD_MAC\"} 0.0"));

    // Durable: a restarted validator still holds it and counts it.
    nodes.get(3).stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    nodes.set(3, null);
    ValidatorNode restarted = start(configs.get(3), Map.of());
    nodes.set(3, restarted);
    assertEquals(evidence, held(restarted));
    String metrics = get("http://127.0.0.1:" + restarted.httpPort() + "/metrics").body();
    assertTrue(metrics.contains(counter), metrics);
    assertFalse(metrics.contains("offender=\"0\""), "no evidence against an honest validator");
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
