package io.votechain.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Validates JSON values against the schemas of the OpenAPI 3.1 document, whose schema dialect is
 * JSON Schema 2020-12, with a general validator (networknt json-schema-validator), so that every
 * keyword the document uses is checked and none is silently ignored by a home-made checker.
 */
public final class SchemaCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonNode components;
  private final Map<String, JsonSchema> compiled = new TreeMap<>();

  public SchemaCheck(JsonObject openApi) {
    try {
      this.components = JSON.readTree(openApi.getJsonObject("components").encode());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The problems of {@code value} against schema {@code name}; empty when it conforms. */
  public List<String> check(String name, Object value) {
    if (!components.path("schemas").has(name)) {
      throw new IllegalArgumentException("no schema " + name + " in the OpenAPI document");
    }
    JsonSchema schema = compiled.computeIfAbsent(name, this::compile);
    JsonNode instance;
    try {
      instance = JSON.readTree(Json.encode(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return schema.validate(instance).stream().map(ValidationMessage::getMessage).sorted().toList();
  }

  /** A root holding the document's components, so that its local references resolve. */
  private JsonSchema compile(String name) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$ref", "#/components/schemas/" + name);
    root.set("components", components);
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
  }
}
