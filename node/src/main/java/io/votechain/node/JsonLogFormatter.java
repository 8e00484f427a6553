package io.votechain.node;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Structured logs: one JSON object per line (time, level, logger, message, thread, and the stack
 * trace when there is one), for log collectors. The validator's CLI installs it on the root logger;
 * keys and secrets are never passed to a logger in the first place.
 */
public final class JsonLogFormatter extends Formatter {
  @Override
  public String format(LogRecord record) {
    JsonObject line =
        new JsonObject()
            .put("time", record.getInstant().toString())
            .put("level", record.getLevel().getName())
            .put("logger", record.getLoggerName())
            .put("message", formatMessage(record))
            .put("thread", Thread.currentThread().getName());
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.put("error", trace.toString());
    }
    return line.encode() + System.lineSeparator();
  }

  /** Replaces the root logger's handlers' formatters with this one. */
  public static void install() {
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    for (java.util.logging.Handler h : root.getHandlers()) {
      h.setFormatter(new JsonLogFormatter());
    }
  }
}
