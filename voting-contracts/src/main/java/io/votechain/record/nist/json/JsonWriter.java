package io.votechain.record.nist.json;

/**
 * Writes a {@link JsonValue} as compact RFC 8259 text with no insignificant whitespace. Equal
 * values give identical text: object members come out sorted by key, integers in plain decimal, and
 * every string is escaped the same way — {@code "} and {@code \} with a backslash; backspace, form
 * feed, line feed, carriage return and tab by their two-character escapes; the other C0 controls,
 * U+2028 and U+2029 as {@code \}{@code u00XX}-style escapes with lower-case hex; everything else,
 * including characters outside the Basic Multilingual Plane, as itself. U+2028/U+2029 are escaped
 * (a departure from RFC 8785) because JavaScript before ES2019 treats them as line ends inside
 * string literals.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class JsonWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonWriter() {}

  public static String write(JsonValue value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  public static void write(JsonValue value, StringBuilder out) {
    if (value instanceof JsonObject object) {
      out.append('{');
      boolean first = true;
      for (var member : object.members().entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString(member.getKey(), out);
        out.append(':');
        write(member.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof JsonArray array) {
      out.append('[');
      for (int i = 0; i < array.elements().size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(array.elements().get(i), out);
      }
      out.append(']');
    } else if (value instanceof JsonString string) {
      writeString(string.value(), out);
    } else if (value instanceof JsonInteger integer) {
      out.append(integer.value());
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value);
    }
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append("\\u")
                .append(HEX[(c >> 12) & 0xF])
                .append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
