package io.votechain.node;

import io.vertx.core.Future;

/**
 * Something a validator runs beside consensus and the core HTTP API: the MQTT gateway, the public
 * API's election routes, the web UI. Found with {@link java.util.ServiceLoader} at start, so that a
 * module can add itself to the node (the web UI does) without the node depending on it. Extensions
 * start in the order of {@link #order()}, after the core HTTP server listens.
 */
public interface NodeExtension {
  /** Short name, also the name of its section in the node's configuration file. */
  String name();

  /** Lower starts first (the public API before the web UI that links to it). */
  default int order() {
    return 100;
  }

  Future<Void> start(NodeContext node);

  default Future<Void> stop() {
    return Future.succeededFuture();
  }
}
