package io.votechain.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates JSON values against the schemas of the OpenAPI document (JSON Schema 2020-12), for the
 * keywords the document uses: type, properties, required, additionalProperties, items, minItems,
 * enum, const, pattern, minimum, maximum, minProperties, anyOf and local $ref. An unknown keyword
 * fails the check rather than being ignored, so the document cannot silently outgrow the checker.
 * (The node's test classpath has no general JSON Schema validator; see docs/api.md §6.)
 */
final class SchemaCheck {
  private static final List<String> KNOWN =
      List.of(
          "type",
          "properties",
          "required",
          "additionalProperties",
          "items",
          "minItems",
          "enum",
          "const",
          "pattern",
          "minimum",
          "maximum",
          "minProperties",
          "anyOf",
          "$ref",
          "description",
          "format",
          "contentEncoding",
          "default",
          "maxLength");

  private final JsonObject components;

  SchemaCheck(JsonObject openApi) {
    this.components = openApi.getJsonObject("components").getJsonObject("schemas");
  }

  /** The problems of {@code value} against schema {@code name}; empty when it conforms. */
  List<String> check(String name, Object value) {
    List<String> problems = new ArrayList<>();
    check(components.getJsonObject(name), value, "$", problems);
    return problems;
  }

  private void check(JsonObject schema, Object value, String at, List<String> problems) {
    for (String k : schema.fieldNames()) {
      if (!KNOWN.contains(k)) {
        problems.add(at + ": unsupported schema keyword " + k);
      }
    }
    if (schema.containsKey("$ref")) {
      String ref = schema.getString("$ref");
      check(
          components.getJsonObject(ref.substring("#/components/schemas/".length())),
          value,
          at,
          problems);
    }
    if (schema.containsKey("anyOf")) {
      boolean any = false;
      for (Object alt : schema.getJsonArray("anyOf")) {
        List<String> sub = new ArrayList<>();
        check((JsonObject) alt, value, at, sub);
        any |= sub.isEmpty();
      }
      if (!any) {
        problems.add(at + ": matches no alternative of anyOf");
      }
    }
    if (schema.containsKey("const") && !schema.getValue("const").equals(value)) {
      problems.add(at + ": is not " + schema.getValue("const"));
    }
    if (schema.containsKey("enum") && !schema.getJsonArray("enum").contains(value)) {
      problems.add(at + ": " + value + " is not one of " + schema.getJsonArray("enum"));
    }
    String type = schema.getString("type");
    if (type != null && !hasType(type, value)) {
      problems.add(at + ": expected " + type + " but was " + value);
      return;
    }
    if (value instanceof String s && schema.containsKey("pattern")) {
      if (!Pattern.compile(schema.getString("pattern")).matcher(s).find()) {
        problems.add(at + ": '" + s + "' does not match " + schema.getString("pattern"));
      }
    }
    if (value instanceof Number n) {
      if (schema.containsKey("minimum") && n.doubleValue() < schema.getDouble("minimum")) {
        problems.add(at + ": " + n + " is below " + schema.getValue("minimum"));
      }
      if (schema.containsKey("maximum") && n.doubleValue() > schema.getDouble("maximum")) {
        problems.add(at + ": " + n + " is above " + schema.getValue("maximum"));
      }
    }
    if (value instanceof JsonArray a) {
      if (schema.containsKey("minItems") && a.size() < schema.getInteger("minItems")) {
        problems.add(at + ": fewer than " + schema.getInteger("minItems") + " items");
      }
      if (schema.containsKey("items")) {
        for (int i = 0; i < a.size(); i++) {
          check(schema.getJsonObject("items"), a.getValue(i), at + "[" + i + "]", problems);
        }
      }
    }
    if (value instanceof JsonObject o) {
      JsonObject properties = schema.getJsonObject("properties", new JsonObject());
      for (Object r : schema.getJsonArray("required", new JsonArray())) {
        if (!o.containsKey((String) r)) {
          problems.add(at + ": missing required " + r);
        }
      }
      if (schema.containsKey("minProperties") && o.size() < schema.getInteger("minProperties")) {
        problems.add(at + ": fewer than " + schema.getInteger("minProperties") + " properties");
      }
      for (Map.Entry<String, Object> e : o) {
        String where = at + "." + e.getKey();
        if (properties.containsKey(e.getKey())) {
          check(properties.getJsonObject(e.getKey()), e.getValue(), where, problems);
        } else if (schema.getValue("additionalProperties") instanceof JsonObject extra) {
          check(extra, e.getValue(), where, problems);
        } else if (Boolean.FALSE.equals(schema.getValue("additionalProperties"))) {
          problems.add(where + ": not allowed");
        }
      }
    }
  }

  private static boolean hasType(String type, Object v) {
    return switch (type) {
      case "object" -> v instanceof JsonObject;
      case "array" -> v instanceof JsonArray;
      case "string" -> v instanceof String;
      case "boolean" -> v instanceof Boolean;
      case "null" -> v == null;
      case "integer" ->
          v instanceof Integer
              || v instanceof Long
              || (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()));
      case "number" -> v instanceof Number;
      default -> false;
    };
  }
}
