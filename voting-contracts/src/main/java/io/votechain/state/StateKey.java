package io.votechain.state;

import java.nio.charset.StandardCharsets;

/**
 * A key of the state view: printable ASCII segments joined by {@code /} (docs/contracts.md §1).
 * Restricting keys to printable ASCII makes {@link String#compareTo} agree with the unsigned byte
 * order that a RocksDB or Cassandra store sorts by, so every store iterates in the same order.
 * Instances are immutable.
 */
public record StateKey(String path) implements Comparable<StateKey> {
  public static final int MAX_LENGTH = 512;

  public StateKey {
    if (path == null || path.isEmpty() || path.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("state key must have 1.." + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        throw new IllegalArgumentException("state key must be printable ASCII");
      }
    }
  }

  /** Joins non-empty segments that contain no {@code /}. */
  public static StateKey of(String... segments) {
    StringBuilder path = new StringBuilder();
    for (String segment : segments) {
      if (segment.isEmpty() || segment.indexOf('/') >= 0) {
        throw new IllegalArgumentException("bad state key segment: " + segment);
      }
      if (path.length() > 0) {
        path.append('/');
      }
      path.append(segment);
    }
    return new StateKey(path.toString());
  }

  public boolean startsWith(String prefix) {
    return path.startsWith(prefix);
  }

  public byte[] bytes() {
    return path.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public int compareTo(StateKey other) {
    return path.compareTo(other.path);
  }

  @Override
  public String toString() {
    return path;
  }
}
