package io.votechain.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.votechain.contract.GenesisConfig;
import io.votechain.contract.StateKeys;
import io.votechain.node.NodeContext;
import io.votechain.node.record.ElectionRecordExporter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /api/v1/elections/{id}/record}: the election record (docs/election-record.md) written
 * by {@link ElectionRecordExporter} on an API worker and streamed to the client in chunks as it is
 * produced, with back-pressure: the worker waits while the connection's write queue is full, so a
 * record of any size costs the node one chunk of memory per download, and a client that stops
 * reading for {@link #STALL_SECONDS} is cut off. Errors found before the first byte are JSON; after
 * it, the connection is reset (the record's own framing lets a client detect truncation).
 */
final class RecordExport {
  private static final Logger LOG = Logger.getLogger(RecordExport.class.getName());
  private static final int CHUNK = 64 * 1024;
  static final int STALL_SECONDS = 30;

  private final NodeContext node;
  private final Optional<GenesisConfig> contracts;
  private final LedgerReads ledger;
  private final WorkerExecutor workers;

  RecordExport(
      NodeContext node,
      Optional<GenesisConfig> contracts,
      LedgerReads ledger,
      WorkerExecutor workers) {
    this.node = node;
    this.contracts = contracts;
    this.ledger = ledger;
    this.workers = workers;
  }

  void handle(RoutingContext ctx) {
    String id;
    try {
      id = Params.id(ctx.pathParam("id"));
      if (contracts.isEmpty()) {
        throw new ApiException(ApiError.NOT_IMPLEMENTED, "this chain does not run the contracts");
      }
    } catch (ApiException e) {
      Responder.error(ctx, e);
      return;
    }
    HttpServerResponse response = ctx.response();
    workers
        .executeBlocking(
            () -> {
              if (ledger.state(StateKeys.electionManifest(id)).isEmpty()) {
                throw new ApiException(ApiError.ELECTION_NOT_FOUND);
              }
              response
                  .setChunked(true)
                  .putHeader("content-type", "application/octet-stream")
                  .putHeader("content-disposition", "attachment; filename=\"" + id + ".record\"");
              try (ChunkedOut out = new ChunkedOut(response)) {
                ElectionRecordExporter.write(
                    node.genesis(), contracts.get(), node.store(), id, out);
              }
              return null;
            },
            false)
        .onSuccess(v -> response.end())
        .onFailure(
            e -> {
              if (response.headWritten()) {
                LOG.log(Level.WARNING, "election record export of " + id + " failed", e);
                response.reset();
              } else {
                Responder.fail(ctx, e);
              }
            });
  }

  /** Chunks to the response; blocks its (worker) thread while the write queue is full. */
  private static final class ChunkedOut extends OutputStream {
    private final HttpServerResponse response;
    private final byte[] buffer = new byte[CHUNK];
    private int used;

    ChunkedOut(HttpServerResponse response) {
      this.response = response;
    }

    @Override
    public void write(int b) throws IOException {
      if (used == buffer.length) {
        flush();
      }
      buffer[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (used == buffer.length) {
          flush();
        }
        int n = Math.min(len, buffer.length - used);
        System.arraycopy(b, off, buffer, used, n);
        used += n;
        off += n;
        len -= n;
      }
    }

    @Override
    public void flush() throws IOException {
      if (used == 0) {
        return;
      }
      if (response.closed()) {
        throw new IOException("the client went away");
      }
      while (response.writeQueueFull()) {
        CountDownLatch drained = new CountDownLatch(1);
        response.drainHandler(v -> drained.countDown());
        try {
          if (response.writeQueueFull() && !drained.await(STALL_SECONDS, TimeUnit.SECONDS)) {
            throw new IOException("the client stopped reading");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
        if (response.closed()) {
          throw new IOException("the client went away");
        }
      }
      response.write(Buffer.buffer(java.util.Arrays.copyOf(buffer, used)));
      used = 0;
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
