package io.votechain.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code api} section of a validator's configuration (docs/api.md §5). Every field has a
 * default, so a node without the section serves the API with rate limiting on and CORS off.
 * Immutable; validated when built.
 *
 * @param requestsPerSecond tokens a client's bucket regains per second
 * @param burst the bucket's capacity: requests a client may make at once
 * @param maxTrackedClients clients whose buckets are remembered (least recently seen forgotten)
 * @param corsOrigins origins allowed to read the API from a browser; empty = CORS off
 * @param maxStreams concurrent event streams
 * @param streamQueue events a slow stream client may have waiting before it is dropped
 * @param keepAliveSeconds interval of the stream's keep-alive comments
 * @param workerThreads threads for ledger reads (its own pool, so that the API cannot starve
 *     consensus, which runs on Vert.x's shared worker pool)
 * @param storeTimeoutMillis how long a read may wait for the store before a 503
 * @param nist reporting facts the ledger does not hold, for the NIST results route
 */
public record ApiConfig(
    double requestsPerSecond,
    int burst,
    int maxTrackedClients,
    List<String> corsOrigins,
    int maxStreams,
    int streamQueue,
    int keepAliveSeconds,
    int workerThreads,
    long storeTimeoutMillis,
    NistReporting nist) {
  private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");

  public ApiConfig {
    corsOrigins = List.copyOf(corsOrigins);
    if (!(requestsPerSecond > 0) || burst < 1 || maxTrackedClients < 1) {
      throw new IllegalArgumentException("api.rateLimit: values must be positive");
    }
    for (String o : corsOrigins) {
      if (!ORIGIN.matcher(o).matches()) {
        throw new IllegalArgumentException("api.cors.allowedOrigins: not an origin: " + o);
      }
    }
    if (maxStreams < 0 || streamQueue < 1 || keepAliveSeconds < 1) {
      throw new IllegalArgumentException("api.events: invalid values");
    }
    if (workerThreads < 1 || storeTimeoutMillis < 1) {
      throw new IllegalArgumentException("api: workerThreads and storeTimeoutMillis must be > 0");
    }
  }

  public static ApiConfig defaults() {
    return from(new JsonObject());
  }

  /** Reads the section; absent fields take their defaults. */
  public static ApiConfig from(JsonObject section) {
    JsonObject rate = section.getJsonObject("rateLimit", new JsonObject());
    JsonObject cors = section.getJsonObject("cors", new JsonObject());
    JsonObject events = section.getJsonObject("events", new JsonObject());
    List<String> origins = new ArrayList<>();
    JsonArray list = cors.getJsonArray("allowedOrigins", new JsonArray());
    for (int i = 0; i < list.size(); i++) {
      origins.add(list.getString(i));
    }
    return new ApiConfig(
        rate.getDouble("requestsPerSecond", 200.0),
        rate.getInteger("burst", 400),
        rate.getInteger("maxTrackedClients", 100_000),
        origins,
        events.getInteger("maxClients", 256),
        events.getInteger("queueEvents", 256),
        events.getInteger("keepAliveSeconds", 15),
        section.getInteger("workerThreads", 4),
        section.getLong("storeTimeoutMillis", 5_000L),
        NistReporting.from(section.getJsonObject("nist", new JsonObject())));
  }

  /** What a NIST SP 1500-100 report names that the ledger does not know. */
  public record NistReporting(
      String authorityName,
      String authorityAbbreviation,
      String jurisdictionId,
      String jurisdictionName,
      String jurisdictionType,
      String electionKind,
      String language) {
    static NistReporting from(JsonObject s) {
      return new NistReporting(
          s.getString("authority", "Election authority"),
          s.getString("authorityAbbreviation", "EA"),
          s.getString("jurisdictionId", "jurisdiction"),
          s.getString("jurisdictionName", "Jurisdiction"),
          s.getString("jurisdictionType", "MUNICIPALITY"),
          s.getString("electionKind", "GENERAL"),
          s.getString("language", "en"));
    }
  }
}
