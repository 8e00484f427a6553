package io.votechain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.votechain.consensus.block.Block;
import io.votechain.consensus.core.Application.TxCheck;
import io.votechain.crypto.hash.Hash32;
import io.votechain.mempool.Admission;
import io.votechain.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A validator whose checks cannot keep up refuses what would wait past its bound at once, as a full
 * mempool does, and loses none of what it took.
 */
class CheckBackPressureTest {
  @TempDir Path dir;

  /** The notary, with client checks held until released. */
  private static final class HeldChecks implements StateMachine {
    private final NotaryStateMachine notary = new NotaryStateMachine();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public TxCheck check(byte[] transaction, StateReader state) {
      return notary.check(transaction, state);
    }

    @Override
    public List<TxCheck> checkAll(List<byte[]> transactions, StateReader state) {
      entered.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return notary.checkAll(transactions, state);
    }

    @Override
    public Execution execute(Block block, StateReader state, Hash32 previous) {
      return notary.execute(block, state, previous);
    }

    @Override
    public Hash32 transactionId(byte[] transaction) {
      return notary.transactionId(transaction);
    }
  }

  @Test
  void submissionsPastTheQueueOfChecksAreRefusedAsMempoolFullAndTheTakenOnesCommit()
      throws Exception {
    Path config =
        LocalNetwork.init(
                dir, 1, LoopbackPorts.freeBlock(10), "rocksdb", 1_700_000_000_000L, Hash32.ZERO)
            .get(0);
    HeldChecks machine = new HeldChecks();
    ValidatorNode node = new ValidatorNode(NodeConfig.load(config, Map.of()), machine);
    node.checkBounds(new SubmissionChecks.Bounds(16, 2, 1_000));
    try {
      get(node.start());
      List<Future<Admission>> taken = new ArrayList<>();
      taken.add(node.submit(tx(0)));
      assertTrue(machine.entered.await(10, TimeUnit.SECONDS));
      taken.add(node.submit(tx(1)));
      taken.add(node.submit(tx(2)));
      // The third waiting is one too many: refused at once, not after the checks ahead of it.
      assertEquals(Admission.MEMPOOL_FULL, get(node.submit(tx(3))));
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> refused =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + node.httpPort() + "/api/v1/transactions"))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(tx(4)))
                  .header("content-type", "application/octet-stream")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(429, refused.statusCode());
      assertTrue(refused.body().contains("MEMPOOL_FULL"), refused.body());
      machine.release.countDown();
      for (Future<Admission> f : taken) {
        assertEquals(Admission.ACCEPTED, get(f));
      }
      Await.until(
          () -> !node.check(tx(0)).ok() && !node.check(tx(1)).ok() && !node.check(tx(2)).ok(),
          60,
          "the three taken are committed");
      // The refused one is not lost for good: the client retries it once the queue drains.
      assertEquals(Admission.ACCEPTED, get(node.submit(tx(3))));
      String metrics =
          http.send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + node.httpPort() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertTrue(
          metrics.contains("votechain_checks_refused_total{source=\"client\"} 2.0"), metrics);
    } finally {
      machine.release.countDown();
      get(node.stop());
    }
  }

  private static byte[] tx(int i) {
    return ("ballot " + i).getBytes(StandardCharsets.UTF_8);
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
