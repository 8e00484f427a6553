package io.votechain.mqtt;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.votechain.node.NodeContext;
import io.votechain.node.NodeExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.logging.Logger;

/**
 * The MQTT gateway between polling-station devices and this validator (docs/mqtt.md), a {@link
 * NodeExtension} named {@code mqtt}: off unless the node's configuration has an {@code mqtt}
 * section; then the built-in endpoint (unless {@code endpoint: false}) and, with a {@code broker}
 * setting, broker mode. Both feed one {@link GatewayCore}. Counters at {@code GET
 * /api/v1/mqtt/stats}.
 */
public final class MqttGateway implements NodeExtension {
  private static final Logger LOG = Logger.getLogger(MqttGateway.class.getName());

  private final GatewayStats stats = new GatewayStats();
  private EndpointServer endpoint;
  private BrokerBridge broker;
  private GatewayCore core;
  private io.vertx.core.Vertx vertx;
  private int port = -1;

  @Override
  public String name() {
    return "mqtt";
  }

  @Override
  public int order() {
    return 200;
  }

  @Override
  public Future<Void> start(NodeContext node) {
    if (!node.config().sections().containsKey(name())) {
      return Future.succeededFuture();
    }
    if (node.contractsChainId().isEmpty()) {
      // A chain without the voting contracts has no devices: nothing to serve, nothing to sign for.
      java.util.logging.Logger.getLogger(MqttGateway.class.getName())
          .info("mqtt gateway off: this chain does not run the voting contracts");
      return Future.succeededFuture();
    }
    MqttSettings settings;
    try {
      settings =
          MqttSettings.fromJson(node.config().section(name()), node.config().validatorIndex());
    } catch (RuntimeException e) {
      return Future.failedFuture(
          new IllegalArgumentException("mqtt section: " + e.getMessage(), e));
    }
    vertx = node.vertx();
    Context context = node.vertx().getOrCreateContext();
    core = new GatewayCore(node, context, settings, stats);
    GatewayCore core = this.core;
    node.router()
        .get("/api/v1/mqtt/stats")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("content-type", "application/json")
                    .end(stats.toJson().encode()));
    Future<Void> started = core.start();
    List<Future<?>> parts = new ArrayList<>();
    if (settings.endpoint()) {
      endpoint = new EndpointServer(node, core, settings, stats);
      core.addOutbound(endpoint);
      started =
          started.compose(
              v ->
                  endpoint
                      .listen(node.vertx())
                      .map(
                          p -> {
                            port = p;
                            LOG.info("MQTT endpoint on " + settings.host() + ":" + p);
                            return null;
                          }));
    }
    if (settings.broker().isPresent()) {
      broker = new BrokerBridge(node.vertx(), core, settings.broker().get(), stats);
      core.addOutbound(broker);
      started = started.compose(v -> broker.start());
    }
    parts.add(started);
    return Future.all(parts).mapEmpty();
  }

  /** The endpoint's port (tests use port 0), or empty when it is not running. */
  public OptionalInt port() {
    return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
  }

  /** The counters, as served by the stats route. */
  public JsonObject stats() {
    return stats.toJson();
  }

  @Override
  public Future<Void> stop() {
    List<Future<Void>> stopping = new ArrayList<>();
    if (core != null) {
      core.stop();
    }
    if (endpoint != null) {
      stopping.add(endpoint.close());
    }
    if (broker != null) {
      stopping.add(broker.stop());
    }
    if (vertx == null) {
      return Future.join(stopping).mapEmpty();
    }
    // Bounded: a broker that does not answer the DISCONNECT must not hold up the node's shutdown.
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    Future.join(stopping).onComplete(ar -> done.tryComplete());
    vertx.setTimer(5_000, t -> done.tryComplete());
    return done.future();
  }
}
