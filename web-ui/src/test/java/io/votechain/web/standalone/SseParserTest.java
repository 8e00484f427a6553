package io.votechain.web.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event-stream reader: events split anywhere across chunks, as TCP delivers them. */
class SseParserTest {
  private static final String STREAM =
      "retry: 3000\n\n"
          + ": keep-alive\n\n"
          + "event: block\nid: 7\ndata: {\"height\":7,\"hash\":\"ab\"}\n\n"
          + "event: turnout\r\ndata: {\"electionId\":\"城市\",\r\ndata: \"counted\":3}\r\n\r\n"
          + "data: plain\n\n";

  private static List<SseParser.Event> parse(byte[] bytes, int chunk) {
    List<SseParser.Event> events = new ArrayList<>();
    SseParser p = new SseParser(events::add);
    for (int i = 0; i < bytes.length; i += chunk) {
      p.feed(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk)));
    }
    return events;
  }

  @Test
  void eventsAreTheSameHoweverTheStreamIsCut() {
    byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
    List<SseParser.Event> whole = parse(bytes, bytes.length);
    assertEquals(
        List.of(
            new SseParser.Event("block", "7", "{\"height\":7,\"hash\":\"ab\"}"),
            new SseParser.Event("turnout", "7", "{\"electionId\":\"城市\",\n\"counted\":3}"),
            new SseParser.Event("message", "7", "plain")),
        whole);
    for (int chunk = 1; chunk < 12; chunk++) {
      assertEquals(whole, parse(bytes, chunk), "chunks of " + chunk);
    }
  }

  @Test
  void theBlockEventsHeightIsRead() {
    assertEquals(7, ApiJson.blockEventHeight("{\"height\":7,\"hash\":\"ab\"}"));
    assertEquals(
        NodeAnswerError.NODE_ANSWER_MALFORMED,
        assertThrows(NodeAnswerException.class, () -> ApiJson.blockEventHeight("{\"height\":0}"))
            .error());
    assertEquals(
        NodeAnswerError.NODE_ANSWER_MALFORMED,
        assertThrows(NodeAnswerException.class, () -> ApiJson.blockEventHeight("not json"))
            .error());
  }

  @Test
  void anOverlongLineEndsTheStream() {
    SseParser p = new SseParser(e -> {});
    byte[] line = new byte[SseParser.MAX_LINE_BYTES + 1];
    Arrays.fill(line, (byte) 'x');
    assertThrows(SseParser.TooLong.class, () -> p.feed(line));
  }

  @Test
  void theReconnectPauseDoublesUpToItsCap() {
    assertEquals(1_000, EventFeed.nextRetry(500));
    assertEquals(EventFeed.MAX_RETRY_MILLIS, EventFeed.nextRetry(20_000));
    assertEquals(EventFeed.MAX_RETRY_MILLIS, EventFeed.nextRetry(EventFeed.MAX_RETRY_MILLIS));
  }
}
