package io.votechain.record.nist.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  private static final ObjectMapper JACKSON = new ObjectMapper();

  private static JsonNode parse(String json) throws Exception {
    return JACKSON.readTree(json);
  }

  @Nested
  class Strings {
    @Test
    void quotesBackslashesAndShortEscapesUseTwoCharacters() {
      assertEquals(
          "\"a\\\"b\\\\c\\b\\f\\n\\r\\t/\"",
          JsonWriter.write(new JsonString("a\"b\\c\b\f\n\r\t/")));
    }

    @Test
    void otherControlCharactersAndLineSeparatorsUseLowerCaseUnicodeEscapes() {
      assertEquals(
          "\"\\u0000\\u001f\\u000b\\u2028\\u2029\u007f\"",
          JsonWriter.write(new JsonString("\u0000\u001f\u000b\u2028\u2029\u007f")));
    }

    @Test
    void nonAsciiAndNonBmpCharactersAreWrittenAsThemselves() {
      assertEquals("\"中文 😀\"", JsonWriter.write(new JsonString("中文 😀")));
    }

    @Test
    void everyBmpCharacterAndSomeSupplementaryOnesRoundTripThroughJackson() throws Exception {
      StringBuilder all = new StringBuilder();
      for (int c = 0; c < 0x10000; c++) {
        if (!Character.isSurrogate((char) c)) {
          all.append((char) c);
        }
      }
      all.appendCodePoint(0x1F600).appendCodePoint(0x1D11E).appendCodePoint(0x10FFFF);
      String json = JsonWriter.write(JsonArray.of(new JsonString(all.toString())));
      assertEquals(all.toString(), parse(json).get(0).textValue());
    }

    @Test
    void unpairedSurrogatesAreRefused() {
      assertThrows(IllegalArgumentException.class, () -> new JsonString("\uDC00"));
      assertThrows(IllegalArgumentException.class, () -> new JsonString("a\uD83D"));
      assertThrows(IllegalArgumentException.class, () -> new JsonString("\uD83Dx"));
    }
  }

  @Nested
  class Objects {
    @Test
    void membersAreWrittenInSortedKeyOrderWhateverTheInsertionOrder() {
      JsonObject a = JsonObject.builder().put("b", 2).put("@type", "t").put("a", 1).build();
      JsonObject b = JsonObject.builder().put("a", 1).put("b", 2).put("@type", "t").build();
      assertEquals("{\"@type\":\"t\",\"a\":1,\"b\":2}", JsonWriter.write(a));
      assertEquals(JsonWriter.write(a), JsonWriter.write(b));
    }

    @Test
    void duplicateKeysAreRefused() {
      assertThrows(
          IllegalArgumentException.class, () -> JsonObject.builder().put("a", 1).put("a", 2));
    }

    @Test
    void nestedValuesRoundTripThroughJackson() throws Exception {
      JsonObject object =
          new JsonObject(
              new TreeMap<>(
                  Map.of(
                      "list", new JsonArray(List.of(new JsonInteger(-5), new JsonString("x"))),
                      "empty", new JsonArray(List.of()),
                      "n", new JsonInteger(JsonInteger.MAX_EXACT))));
      String json = JsonWriter.write(object);
      assertEquals("{\"empty\":[],\"list\":[-5,\"x\"],\"n\":9007199254740991}", json);
      JsonNode node = parse(json);
      assertEquals(JsonInteger.MAX_EXACT, node.get("n").longValue());
      assertEquals(-5, node.get("list").get(0).intValue());
    }
  }

  @Nested
  class Integers {
    @Test
    void integersBeyondTheExactDoubleRangeAreRefused() {
      assertThrows(IllegalArgumentException.class, () -> new JsonInteger(1L << 53));
      assertThrows(IllegalArgumentException.class, () -> new JsonInteger(Long.MIN_VALUE));
    }
  }
}
