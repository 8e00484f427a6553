package io.votechain.record.nist.json;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A JSON object whose members are kept sorted by key in UTF-16 code-unit order (the order of RFC
 * 8785 §3.2.3), so that the written text never depends on the order in which members were added.
 * Duplicate keys are refused. Instances are immutable.
 */
public record JsonObject(SortedMap<String, JsonValue> members) implements JsonValue {
  public JsonObject {
    Objects.requireNonNull(members, "members");
    TreeMap<String, JsonValue> copy = new TreeMap<>();
    for (var e : members.entrySet()) {
      if (!JsonString.isWellFormedUtf16(Objects.requireNonNull(e.getKey(), "key"))) {
        throw new IllegalArgumentException("key contains an unpaired surrogate");
      }
      copy.put(e.getKey(), Objects.requireNonNull(e.getValue(), "value of " + e.getKey()));
    }
    members = Collections.unmodifiableSortedMap(copy);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects members; {@link #put} refuses a key given twice. Not thread-safe. */
  public static final class Builder {
    private final TreeMap<String, JsonValue> members = new TreeMap<>();

    private Builder() {}

    public Builder put(String key, JsonValue value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (members.putIfAbsent(key, value) != null) {
        throw new IllegalArgumentException("duplicate key: " + key);
      }
      return this;
    }

    public Builder put(String key, String value) {
      return put(key, new JsonString(value));
    }

    public Builder put(String key, long value) {
      return put(key, new JsonInteger(value));
    }

    public JsonObject build() {
      return new JsonObject(members);
    }
  }
}
