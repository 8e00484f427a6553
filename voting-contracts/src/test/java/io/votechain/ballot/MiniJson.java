package io.votechain.ballot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader for the test vectors (objects, arrays, strings without escapes other than
 * {@code \"} and {@code \\}, integers, booleans): the test classpath has no JSON library, and the
 * vectors need no more.
 */
final class MiniJson {
  private final String in;
  private int pos;

  private MiniJson(String in) {
    this.in = in;
  }

  static Object parse(String json) {
    MiniJson p = new MiniJson(json);
    Object value = p.value();
    p.skipSpace();
    if (p.pos != json.length()) {
      throw new IllegalArgumentException("trailing characters at " + p.pos);
    }
    return value;
  }

  private void skipSpace() {
    while (pos < in.length() && Character.isWhitespace(in.charAt(pos))) {
      pos++;
    }
  }

  private void expect(char c) {
    skipSpace();
    if (pos >= in.length() || in.charAt(pos) != c) {
      throw new IllegalArgumentException("expected '" + c + "' at " + pos);
    }
    pos++;
  }

  private Object value() {
    skipSpace();
    char c = in.charAt(pos);
    if (c == '{') {
      Map<String, Object> map = new LinkedHashMap<>();
      pos++;
      skipSpace();
      if (in.charAt(pos) == '}') {
        pos++;
        return map;
      }
      do {
        skipSpace();
        String key = string();
        expect(':');
        map.put(key, value());
        skipSpace();
      } while (in.charAt(pos++) == ',');
      if (in.charAt(pos - 1) != '}') {
        throw new IllegalArgumentException("expected '}' at " + (pos - 1));
      }
      return map;
    }
    if (c == '[') {
      List<Object> list = new ArrayList<>();
      pos++;
      skipSpace();
      if (in.charAt(pos) == ']') {
        pos++;
        return list;
      }
      do {
        list.add(value());
        skipSpace();
      } while (in.charAt(pos++) == ',');
      if (in.charAt(pos - 1) != ']') {
        throw new IllegalArgumentException("expected ']' at " + (pos - 1));
      }
      return list;
    }
    if (c == '"') {
      return string();
    }
    if (in.startsWith("true", pos)) {
      pos += 4;
      return Boolean.TRUE;
    }
    if (in.startsWith("false", pos)) {
      pos += 5;
      return Boolean.FALSE;
    }
    int start = pos;
    while (pos < in.length() && (in.charAt(pos) == '-' || Character.isDigit(in.charAt(pos)))) {
      pos++;
    }
    return Long.parseLong(in.substring(start, pos));
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (in.charAt(pos) != '"') {
      char c = in.charAt(pos++);
      out.append(c == '\\' ? in.charAt(pos++) : c);
    }
    pos++;
    return out.toString();
  }
}
