package io.votechain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {
  @Test
  void aRecordIsOneJsonLineWithItsFields() {
    LogRecord r = new LogRecord(Level.WARNING, "peer {0} sent \"garbage\"\nline two");
    r.setParameters(new Object[] {3});
    r.setLoggerName("io.votechain.p2p");
    r.setThrown(new IllegalStateException("boom"));
    String out = new JsonLogFormatter().format(r);
    assertEquals(1, out.strip().lines().count(), "one line, newlines escaped");
    JsonObject json = new JsonObject(out);
    assertEquals("WARNING", json.getString("level"));
    assertEquals("io.votechain.p2p", json.getString("logger"));
    assertEquals("peer 3 sent \"garbage\"\nline two", json.getString("message"));
    assertTrue(json.getString("error").contains("IllegalStateException: boom"));
  }
}
