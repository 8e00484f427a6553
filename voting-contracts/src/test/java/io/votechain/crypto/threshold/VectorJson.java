package io.votechain.crypto.threshold;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader for the known-answer vectors (objects, arrays, strings without escapes
 * other than \" and \\, integers, booleans): the project has no JSON library on the contracts' test
 * classpath, and the vectors need no more.
 */
final class VectorJson {
  private final String text;
  private int pos;

  private VectorJson(String text) {
    this.text = text;
  }

  static Map<String, Object> load(String resource) {
    try (InputStream in = VectorJson.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource);
      }
      VectorJson json = new VectorJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      @SuppressWarnings("unchecked")
      Map<String, Object> value = (Map<String, Object>) json.value();
      json.skipSpace();
      if (json.pos != json.text.length()) {
        throw new IllegalArgumentException("trailing characters in " + resource);
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Object value() {
    skipSpace();
    char c = text.charAt(pos);
    if (c == '{') {
      return object();
    }
    if (c == '[') {
      return array();
    }
    if (c == '"') {
      return string();
    }
    if (text.startsWith("true", pos)) {
      pos += 4;
      return Boolean.TRUE;
    }
    if (text.startsWith("false", pos)) {
      pos += 5;
      return Boolean.FALSE;
    }
    int start = pos;
    while (pos < text.length()
        && (text.charAt(pos) == '-' || Character.isDigit(text.charAt(pos)))) {
      pos++;
    }
    if (start == pos) {
      throw new IllegalArgumentException("unexpected '" + c + "' at " + pos);
    }
    return Long.parseLong(text.substring(start, pos));
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    pos++;
    skipSpace();
    if (text.charAt(pos) == '}') {
      pos++;
      return map;
    }
    while (true) {
      skipSpace();
      String key = string();
      skipSpace();
      expect(':');
      map.put(key, value());
      skipSpace();
      if (text.charAt(pos) == '}') {
        pos++;
        return map;
      }
      expect(',');
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    pos++;
    skipSpace();
    if (text.charAt(pos) == ']') {
      pos++;
      return list;
    }
    while (true) {
      list.add(value());
      skipSpace();
      if (text.charAt(pos) == ']') {
        pos++;
        return list;
      }
      expect(',');
    }
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (text.charAt(pos) != '"') {
      char c = text.charAt(pos++);
      if (c == '\\') {
        c = text.charAt(pos++);
      }
      sb.append(c);
    }
    pos++;
    return sb.toString();
  }

  private void expect(char c) {
    if (text.charAt(pos) != c) {
      throw new IllegalArgumentException("expected '" + c + "' at " + pos);
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }
}
