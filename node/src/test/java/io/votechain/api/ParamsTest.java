package io.votechain.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ParamsTest {
  private static String codeOf(Runnable r) {
    return assertThrows(ApiException.class, r::run).code();
  }

  @Test
  void identifiersFollowTheContractsRule() {
    assertEquals("city-2027.v_1", Params.id("city-2027.v_1"));
    assertEquals("INVALID_ID", codeOf(() -> Params.id("")));
    assertEquals("INVALID_ID", codeOf(() -> Params.id("a/b")));
    assertEquals("INVALID_ID", codeOf(() -> Params.id("x".repeat(65))));
    assertEquals("INVALID_ID", codeOf(() -> Params.id("caf\u00e9")));
  }

  @Test
  void hashesAreExactly64HexDigits() {
    assertEquals("ab".repeat(32), Params.hash("AB".repeat(32)).hex());
    assertEquals("INVALID_HEX", codeOf(() -> Params.hash("ab".repeat(31))));
    assertEquals("INVALID_HEX", codeOf(() -> Params.hash("ab".repeat(33))));
    assertEquals("INVALID_HEX", codeOf(() -> Params.hash("g".repeat(64))));
  }

  @Test
  void heightsArePositiveDecimalsThatFitALong() {
    assertEquals(42, Params.height("42"));
    assertEquals(Long.MAX_VALUE, Params.height(Long.toString(Long.MAX_VALUE)));
    assertEquals("INVALID_HEIGHT", codeOf(() -> Params.height("0")));
    assertEquals("INVALID_HEIGHT", codeOf(() -> Params.height("-1")));
    assertEquals("INVALID_HEIGHT", codeOf(() -> Params.height("+1")));
    assertEquals("INVALID_HEIGHT", codeOf(() -> Params.height("9223372036854775808")));
    assertEquals("INVALID_HEIGHT", codeOf(() -> Params.height("1".repeat(30))));
  }

  @Test
  void queryNumbersAreBounded() {
    assertEquals(20, Params.query(null, "limit", 1, 100, 20));
    assertEquals(100, Params.query("100", "limit", 1, 100, 20));
    assertEquals("INVALID_QUERY", codeOf(() -> Params.query("101", "limit", 1, 100, 20)));
    assertEquals("INVALID_QUERY", codeOf(() -> Params.query("", "limit", 1, 100, 20)));
  }
}
