package io.votechain.node.client;

import io.vertx.core.json.JsonObject;
import io.votechain.contract.TxReceipt;
import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.EncodingException;
import io.votechain.state.StateKey;
import io.votechain.store.StateEntry;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.SignedTransaction;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@link ChainClient} over the validators' HTTP API ({@code POST /api/v1/transactions}, {@code GET
 * /api/v1/state}). Tries the validators in order and moves to the next one when one does not
 * answer, so a client survives a validator going down.
 */
public final class HttpChainClient implements ChainClient {
  private static final Duration POLL = Duration.ofMillis(100);
  private final String chainId;
  private final List<URI> validators;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private int current;

  /** {@code validators}: base addresses such as {@code http://127.0.0.1:8080}. */
  public HttpChainClient(String chainId, List<URI> validators) {
    if (validators.isEmpty()) {
      throw new IllegalArgumentException("no validator address");
    }
    this.chainId = chainId;
    this.validators = List.copyOf(validators);
  }

  @Override
  public String chainId() {
    return chainId;
  }

  @Override
  public Optional<byte[]> state(StateKey key) throws IOException {
    HttpResponse<byte[]> r = get("/api/v1/state?key=" + encode(key.path()));
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    expect(r, 200);
    return Optional.of(r.body());
  }

  @Override
  public List<StateEntry> folder(String folder) throws IOException {
    HttpResponse<byte[]> r = get("/api/v1/state?folder=" + encode(folder));
    expect(r, 200);
    return StateApi.folderEntries(new JsonObject(new String(r.body(), StandardCharsets.UTF_8)));
  }

  @Override
  public Optional<TxReceipt.Outcome> send(SignedTransaction tx) throws IOException {
    HttpResponse<byte[]> r =
        request(
            HttpRequest.newBuilder()
                .POST(HttpRequest.BodyPublishers.ofByteArray(tx.encode()))
                .header("content-type", "application/octet-stream"),
            "/api/v1/transactions");
    JsonObject body = json(r);
    if (r.statusCode() == 202 || "ALREADY_COMMITTED".equals(body.getString("admission"))) {
      return Optional.empty(); // pooled, or already committed: the receipt will tell
    }
    ErrorCode code = codeOf(body.getString("error", ""));
    return Optional.of(
        new TxReceipt.Outcome(code, body.getString("message", body.getString("error", ""))));
  }

  @Override
  public TxReceipt.Outcome submit(SignedTransaction tx, Duration timeout) throws IOException {
    Optional<TxReceipt.Outcome> refused = send(tx);
    if (refused.isPresent()) {
      // A retry of a committed transaction fails the nonce check; its receipt is the answer.
      return receipt(tx.id()).orElse(refused.get());
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<TxReceipt.Outcome> receipt = receipt(tx.id());
      if (receipt.isPresent()) {
        return receipt.get();
      }
      sleep(POLL);
    }
    throw new IOException("transaction " + tx.id() + " not committed within " + timeout);
  }

  @Override
  public Optional<TxReceipt.Outcome> receipt(Hash32 txId) throws IOException {
    Optional<byte[]> stored = state(io.votechain.contract.StateKeys.receipt(txId));
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(TxReceipt.decodeOutcome(stored.get()));
    } catch (EncodingException e) {
      throw new IOException("validator returned a malformed receipt", e);
    }
  }

  private static ErrorCode codeOf(String name) {
    try {
      return ErrorCode.valueOf(name);
    } catch (IllegalArgumentException e) {
      return ErrorCode.INVALID_ARGUMENT;
    }
  }

  private HttpResponse<byte[]> get(String path) throws IOException {
    return request(HttpRequest.newBuilder().GET(), path);
  }

  /** Sends to the current validator, moving on to the next ones when it cannot be reached. */
  private synchronized HttpResponse<byte[]> request(HttpRequest.Builder builder, String path)
      throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < validators.size(); attempt++) {
      URI base = validators.get(current);
      try {
        HttpResponse<byte[]> r =
            http.send(
                builder.copy().uri(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 503) {
          return r;
        }
        last = new IOException(base + " answered 503");
      } catch (IOException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      current = (current + 1) % validators.size();
    }
    throw last;
  }

  private static void expect(HttpResponse<byte[]> r, int status) throws IOException {
    if (r.statusCode() != status) {
      throw new IOException(
          r.uri()
              + " answered "
              + r.statusCode()
              + ": "
              + new String(r.body(), StandardCharsets.UTF_8));
    }
  }

  private static JsonObject json(HttpResponse<byte[]> r) {
    try {
      return new JsonObject(new String(r.body(), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return new JsonObject().put("error", "HTTP_" + r.statusCode());
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static void sleep(Duration d) throws IOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
