package io.votechain.record.nist.json;

/**
 * A JSON value (RFC 8259) restricted to what the results exporter needs: objects, arrays, strings
 * and integers. Instances are immutable; {@link JsonWriter} turns one into its single canonical
 * text.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonInteger {}
