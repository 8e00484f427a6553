package io.votechain.record.nist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * NIST SP 1500-100 v2's JSON Schema (draft-04), read from the test resources copy, and the checks
 * the schema alone cannot make: that every reference named by the schema's {@code refTypes}
 * resolves to an {@code @id} of an allowed type.
 */
final class NistSchema {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String RESOURCE = "/nist/NIST_V2_election_results_reporting.json";
  private static final JsonNode SCHEMA_TREE = readSchema();
  private static final JsonSchema SCHEMA =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(SCHEMA_TREE);

  private NistSchema() {}

  static Set<ValidationMessage> validate(JsonNode document) {
    return SCHEMA.validate(document);
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns one problem per reference that does not resolve (unknown id, or an id of a type the
   * schema does not allow there), and per {@code @id} defined twice. {@code checked} receives the
   * number of references examined, so a test can tell "all resolved" from "none found".
   */
  static List<String> unresolvedReferences(JsonNode document, int[] checked) {
    Map<String, String> typeById = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    collectIds(document, typeById, problems);
    checkReferences(document, typeById, problems, checked);
    return problems;
  }

  private static void collectIds(
      JsonNode node, Map<String, String> typeById, List<String> problems) {
    if (node.isObject()) {
      if (node.has("@id")) {
        String id = node.get("@id").asText();
        if (typeById.put(id, node.path("@type").asText()) != null) {
          problems.add("duplicate @id " + id);
        }
      }
      node.elements().forEachRemaining(child -> collectIds(child, typeById, problems));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> collectIds(child, typeById, problems));
    }
  }

  private static void checkReferences(
      JsonNode node, Map<String, String> typeById, List<String> problems, int[] checked) {
    if (node.isArray()) {
      node.elements().forEachRemaining(c -> checkReferences(c, typeById, problems, checked));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    String type = node.path("@type").asText();
    JsonNode properties = SCHEMA_TREE.path("definitions").path(type).path("properties");
    if (properties.isMissingNode()) {
      problems.add("object of unknown @type " + type);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode property = properties.path(field.getKey());
      JsonNode refTypes =
          property.has("refTypes")
              ? property.get("refTypes")
              : property.path("items").path("refTypes");
      if (refTypes.isArray()) {
        List<JsonNode> values = new ArrayList<>();
        if (field.getValue().isArray()) {
          field.getValue().elements().forEachRemaining(values::add);
        } else {
          values.add(field.getValue());
        }
        for (JsonNode value : values) {
          checked[0]++;
          String target = typeById.get(value.asText());
          boolean allowed = false;
          for (JsonNode allowedType : refTypes) {
            allowed |= allowedType.asText().equals(target);
          }
          if (!allowed) {
            problems.add(
                type + "." + field.getKey() + " -> " + value.asText() + " (" + target + ")");
          }
        }
      }
      checkReferences(field.getValue(), typeById, problems, checked);
    }
  }

  private static JsonNode readSchema() {
    try (InputStream in = NistSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + RESOURCE);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
