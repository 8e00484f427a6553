package io.votechain.record.nist.json;

import java.util.List;

/** A JSON array; element order is significant and kept. Instances are immutable. */
public record JsonArray(List<JsonValue> elements) implements JsonValue {
  public JsonArray {
    elements = List.copyOf(elements);
  }

  public static JsonArray of(JsonValue... elements) {
    return new JsonArray(List.of(elements));
  }
}
