package io.votechain.api;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.votechain.contract.ElectionContract;
import io.votechain.contract.ElectionCrypto;
import io.votechain.node.CommittedEvent;
import io.votechain.state.StateView;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-Sent Events at {@code GET /api/v1/events} (docs/api.md §2.5), driven by the node's
 * committed-block notifications: a {@code block} event for every block, and, when a block carried a
 * transaction that took effect, {@code status}, {@code turnout} and {@code result} events for the
 * elections whose status or counted ballots changed. A comment line every {@code keepAliveSeconds}
 * keeps proxies from closing an idle stream.
 *
 * <p>Back-pressure: a client's events go straight to its connection while Vert.x's write queue has
 * room, then into a backlog of at most {@code streamQueue} events; a client whose backlog overflows
 * is disconnected (it reconnects and resumes from the block events' ids), so a slow reader never
 * makes the node buffer without limit. Clients, the timer and sends live on the event loop; the
 * election snapshots are read on the API's workers, in block order.
 */
final class EventStream {
  private static final int WRITE_QUEUE_BYTES = 64 * 1024;

  private final Vertx vertx;
  private final WorkerExecutor workers;
  private final LedgerReads ledger;
  private final ElectionQueries elections;
  private final ApiConfig config;
  private final Set<Client> clients = ConcurrentHashMap.newKeySet();

  /** Last seen (status, counted) per election; touched only by the ordered worker tasks. */
  private final Map<String, Snapshot> snapshots = new LinkedHashMap<>();

  private long timer = -1;

  private record Snapshot(String status, long counted) {}

  private static final class Client {
    final HttpServerResponse response;
    final ArrayDeque<String> backlog = new ArrayDeque<>();

    Client(HttpServerResponse response) {
      this.response = response;
    }
  }

  EventStream(
      Vertx vertx,
      WorkerExecutor workers,
      LedgerReads ledger,
      ElectionQueries elections,
      ApiConfig config) {
    this.vertx = vertx;
    this.workers = workers;
    this.ledger = ledger;
    this.elections = elections;
    this.config = config;
  }

  void start() {
    timer =
        vertx.setPeriodic(config.keepAliveSeconds() * 1000L, id -> broadcast(": keep-alive\n\n"));
    // The first snapshot, so that only changes after start are reported.
    workers.executeBlocking(this::changes, true);
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    for (Client c : clients) {
      c.response.end();
    }
    clients.clear();
  }

  int clients() {
    return clients.size();
  }

  void handle(RoutingContext ctx) {
    if (clients.size() >= config.maxStreams()) {
      Responder.error(ctx, new ApiException(ApiError.TOO_MANY_STREAMS));
      return;
    }
    HttpServerResponse response = ctx.response();
    response
        .setChunked(true)
        .setWriteQueueMaxSize(WRITE_QUEUE_BYTES)
        .putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-cache")
        .putHeader("x-accel-buffering", "no");
    Client client = new Client(response);
    clients.add(client);
    response.closeHandler(v -> clients.remove(client));
    response.drainHandler(v -> drain(client));
    response.write("retry: 3000\n: connected\n\n");
  }

  /** Called on the event loop after every durable commit. */
  void committed(CommittedEvent event) {
    JsonObject block =
        new JsonObject()
            .put("height", event.height())
            .put("hash", event.blockHash().hex())
            .put("timestamp", event.timestamp())
            .put("transactionCount", event.outcomes().size());
    broadcast(message("block", Long.toString(event.height()), block));
    boolean tookEffect = event.outcomes().stream().anyMatch(o -> o.code().equals("OK"));
    if (tookEffect && !clients.isEmpty()) {
      workers
          .executeBlocking(this::changes, true)
          .onSuccess(messages -> messages.forEach(this::broadcast));
    }
  }

  /** Election status, turnout and result changes since the last call, as SSE messages. */
  private List<String> changes() {
    List<String> out = new ArrayList<>();
    long height = ledger.latestHeight();
    StateView view = ledger.view();
    for (String id : elections.electionIds()) {
      String status = ElectionContract.status(view, id).map(Enum::name).orElse("");
      long counted = ElectionCrypto.counted(view, id);
      Snapshot now = new Snapshot(status, counted);
      Snapshot before = snapshots.put(id, now);
      if (before == null || !before.status().equals(status)) {
        out.add(
            message(
                "status",
                null,
                new JsonObject()
                    .put("electionId", id)
                    .put("status", status)
                    .put("height", height)));
        if (status.equals("TALLIED")) {
          elections
              .result(id)
              .ifPresent(
                  r ->
                      out.add(
                          message(
                              "result",
                              null,
                              new JsonObject()
                                  .put("electionId", id)
                                  .put("result", new io.vertx.core.json.JsonArray(r))
                                  .put("height", height))));
        }
      }
      if (before == null || before.counted() != counted) {
        out.add(
            message(
                "turnout",
                null,
                new JsonObject()
                    .put("electionId", id)
                    .put("counted", counted)
                    .put("height", height)));
      }
    }
    return out;
  }

  private static String message(String event, String id, JsonObject data) {
    StringBuilder b = new StringBuilder("event: ").append(event).append('\n');
    if (id != null) {
      b.append("id: ").append(id).append('\n');
    }
    return b.append("data: ").append(data.encode()).append("\n\n").toString();
  }

  private void broadcast(String message) {
    for (Client c : clients) {
      send(c, message);
    }
  }

  private void send(Client c, String message) {
    Objects.requireNonNull(message);
    if (c.response.closed() || c.response.ended()) {
      clients.remove(c);
      return;
    }
    if (c.backlog.isEmpty() && !c.response.writeQueueFull()) {
      c.response.write(message);
      return;
    }
    c.backlog.add(message);
    if (c.backlog.size() > config.streamQueue()) {
      // Too slow: drop the client rather than buffer without limit.
      clients.remove(c);
      c.backlog.clear();
      c.response.reset();
    }
  }

  private void drain(Client c) {
    while (!c.backlog.isEmpty() && !c.response.writeQueueFull()) {
      c.response.write(c.backlog.poll());
    }
  }
}
