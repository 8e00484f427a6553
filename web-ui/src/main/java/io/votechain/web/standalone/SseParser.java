package io.votechain.web.standalone;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a Server-Sent Events stream (the WHATWG "event stream interpretation", the subset the node
 * sends: {@code event:}, {@code id:}, {@code data:}, comment lines, {@code retry:} ignored) from
 * chunks as they arrive, which may cut lines and even UTF-8 characters anywhere. A line longer than
 * {@link #MAX_LINE_BYTES} ends the stream: the node's events are small, so such a line is not the
 * node's. Not thread safe: one parser per connection, fed on its event loop.
 */
final class SseParser {
  static final int MAX_LINE_BYTES = 64 * 1024;

  /** One dispatched event. */
  record Event(String type, String id, String data) {}

  /** A line longer than the limit. */
  static final class TooLong extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLong() {
      super("event stream line over " + MAX_LINE_BYTES + " bytes");
    }
  }

  private final Consumer<Event> events;
  private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
  private boolean lastWasCr;
  private String type = "";
  private String id = "";
  private final List<String> data = new ArrayList<>();

  SseParser(Consumer<Event> events) {
    this.events = events;
  }

  void feed(byte[] chunk) {
    for (byte b : chunk) {
      if (b == '\n' && lastWasCr) {
        lastWasCr = false; // the LF of a CRLF
        continue;
      }
      lastWasCr = b == '\r';
      if (b == '\n' || b == '\r') {
        line(new String(line.toByteArray(), StandardCharsets.UTF_8));
        line.reset();
      } else {
        if (line.size() >= MAX_LINE_BYTES) {
          throw new TooLong();
        }
        line.write(b);
      }
    }
  }

  private void line(String l) {
    if (l.isEmpty()) {
      if (!data.isEmpty()) {
        events.accept(new Event(type.isEmpty() ? "message" : type, id, String.join("\n", data)));
      }
      type = "";
      data.clear();
      return;
    }
    if (l.startsWith(":")) {
      return; // a comment: the node's keep-alive
    }
    int colon = l.indexOf(':');
    String field = colon < 0 ? l : l.substring(0, colon);
    String value = colon < 0 ? "" : l.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "event" -> type = value;
      case "data" -> data.add(value);
      case "id" -> id = value;
      default -> {} // retry and unknown fields: ignored, as the specification says
    }
  }
}
