package io.votechain.node.client;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.votechain.contract.StateKeys;
import io.votechain.node.NodeContext;
import io.votechain.node.NodeExtension;
import io.votechain.state.StateKey;
import io.votechain.store.LedgerStore;
import io.votechain.store.StateEntry;
import io.votechain.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Raw reads of the committed contract state: {@code GET /api/v1/state?key=K} answers the value's
 * canonical bytes, {@code GET /api/v1/state?folder=F} the entries directly inside folder {@code F}
 * (keys and Base64 values, at most {@link LedgerStore#MAX_FOLDER_ENTRIES}; not the folders with one
 * key per ballot, transaction or block, {@link StateKeys#listable}), and with {@code after} or
 * {@code limit} one page of a folder of any size ({@link #readPage}). Everything in the state is
 * public ledger data; clients that must decode it themselves (trustees, the demo, independent
 * tools) read it here instead of trusting a server-side rendering.
 */
public final class StateApi implements NodeExtension {
  private NodeContext node;

  @Override
  public String name() {
    return "state";
  }

  @Override
  public int order() {
    return 20;
  }

  @Override
  public Future<Void> start(NodeContext node) {
    this.node = node;
    node.router().get("/api/v1/state").handler(this::read);
    return Future.succeededFuture();
  }

  private void read(RoutingContext ctx) {
    String key = ctx.queryParams().get("key");
    String folder = ctx.queryParams().get("folder");
    if ((key == null) == (folder == null)) {
      error(ctx, 400, "BAD_QUERY", "give exactly one of key and folder");
      return;
    }
    String name = key != null ? key : folder;
    if (!validKey(name)) {
      error(ctx, 400, "BAD_STATE_KEY", "state keys are 1 to 512 printable ASCII characters");
      return;
    }
    if (folder != null && !folder.endsWith("/")) {
      error(ctx, 400, "BAD_STATE_KEY", "a folder ends with '/'");
      return;
    }
    if (folder != null && !StateKeys.listable(folder)) {
      error(ctx, 400, "FOLDER_NOT_LISTED", "a folder of one key per ballot is read key by key");
      return;
    }
    byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
    String after = ctx.queryParams().get("after");
    String limit = ctx.queryParams().get("limit");
    if (folder != null && (after != null || limit != null)) {
      readPage(ctx, bytes, after, limit);
      return;
    }
    if (key != null) {
      Future.fromCompletionStage(node.store().state(bytes), node.vertx().getOrCreateContext())
          .onSuccess(
              value -> {
                if (value.isEmpty()) {
                  error(ctx, 404, "NOT_FOUND", "no such key");
                } else {
                  ctx.response()
                      .putHeader("content-type", "application/octet-stream")
                      .putHeader("x-votechain-height", Long.toString(node.height()))
                      .end(io.vertx.core.buffer.Buffer.buffer(value.get()));
                }
              })
          .onFailure(e -> error(ctx, 503, "STORE_UNAVAILABLE", "the ledger store did not answer"));
    } else {
      Future.fromCompletionStage(node.store().stateFolder(bytes), node.vertx().getOrCreateContext())
          .onSuccess(
              entries -> {
                ctx.response()
                    .putHeader("content-type", "application/json")
                    .end(folderJson(entries).encode());
              })
          .onFailure(
              e -> {
                // A chained stage (Cassandra's) fails with the store's exception wrapped.
                Throwable cause =
                    e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause()
                        : e;
                if (cause instanceof StoreException se
                    && se.reason() == StoreException.Reason.TOO_LARGE) {
                  error(
                      ctx,
                      413,
                      "FOLDER_TOO_LARGE",
                      "the folder has more than " + LedgerStore.MAX_FOLDER_ENTRIES + " entries");
                } else {
                  error(ctx, 503, "STORE_UNAVAILABLE", "the ledger store did not answer");
                }
              });
    }
  }

  /** The most entries one page holds here: a bounded answer. */
  public static final int MAX_PAGE = 1_000;

  /**
   * A page of a folder of any size: {@code after} is the last key of the previous page (absent for
   * the first), {@code limit} 1 to {@link #MAX_PAGE} (default); the answer's {@code next} is the
   * key to ask the following page after, null on the last page.
   */
  private void readPage(RoutingContext ctx, byte[] folder, String after, String limit) {
    if (after != null && !validKey(after)) {
      error(ctx, 400, "BAD_STATE_KEY", "after is a state key: 1 to 512 printable ASCII characters");
      return;
    }
    int size;
    try {
      size = limit == null ? MAX_PAGE : Integer.parseInt(limit);
    } catch (NumberFormatException e) {
      size = -1;
    }
    if (size < 1 || size > MAX_PAGE) {
      error(ctx, 400, "BAD_QUERY", "limit is 1 to " + MAX_PAGE);
      return;
    }
    int pageSize = size;
    byte[] from = after == null ? new byte[0] : after.getBytes(StandardCharsets.US_ASCII);
    Future.fromCompletionStage(
            node.store().stateFolderPage(folder, from, pageSize + 1),
            node.vertx().getOrCreateContext())
        .onSuccess(
            entries -> {
              io.votechain.store.FolderPage page =
                  io.votechain.store.FolderPage.cut(entries, pageSize);
              ctx.response()
                  .putHeader("content-type", "application/json")
                  .end(
                      folderJson(page.entries())
                          .put("next", page.nextAfter().orElse(null))
                          .encode());
            })
        .onFailure(e -> error(ctx, 503, "STORE_UNAVAILABLE", "the ledger store did not answer"));
  }

  /**
   * A folder's answer: {@code {entries: [{key (ASCII), value (Base64)}]}}, in the store's order.
   */
  static JsonObject folderJson(java.util.List<StateEntry> entries) {
    JsonArray list = new JsonArray();
    for (StateEntry e : entries) {
      list.add(
          new JsonObject()
              .put("key", new String(e.key(), StandardCharsets.US_ASCII))
              .put("value", Base64.getEncoder().encodeToString(e.value())));
    }
    return new JsonObject().put("entries", list);
  }

  /**
   * Reads a folder's answer back ({@link #folderJson}); the node's clients use it. Throws a {@code
   * RuntimeException} (class cast, null, illegal Base64) on an answer of another shape.
   */
  public static java.util.List<StateEntry> folderEntries(JsonObject answer) {
    java.util.List<StateEntry> entries = new java.util.ArrayList<>();
    for (Object o : answer.getJsonArray("entries")) {
      JsonObject e = (JsonObject) o;
      entries.add(
          new StateEntry(
              e.getString("key").getBytes(StandardCharsets.US_ASCII),
              Base64.getDecoder().decode(e.getString("value"))));
    }
    return entries;
  }

  private static boolean validKey(String key) {
    if (key.isEmpty() || key.length() > StateKey.MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  private static void error(RoutingContext ctx, int status, String code, String message) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", code).put("message", message).encode());
  }
}
