package io.votechain.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ExpectedNonceTest {
  @Test
  void theGatewaysReasonGivesTheLedgersNextNonce() {
    assertEquals(OptionalLong.of(12), ExpectedNonce.parse("expected nonce 12, got 3", 3));
    assertEquals(OptionalLong.of(0), ExpectedNonce.parse("expected nonce 0, got 4", 4));
  }

  @Test
  void anAnswerAboutAnotherNonceThanTheOneSentIsNotUsed() {
    assertEquals(OptionalLong.empty(), ExpectedNonce.parse("expected nonce 12, got 4", 3));
  }

  @Test
  void anAnswerNamingTheNonceSentIsNotUsed() {
    assertEquals(OptionalLong.empty(), ExpectedNonce.parse("expected nonce 3, got 3", 3));
  }

  @Test
  void anythingButTheExactFormIsNotUsed() {
    for (String reason :
        new String[] {
          "BAD_NONCE",
          "",
          "expected nonce -1, got 3",
          "expected nonce 012, got 3",
          "expected nonce 12, got 3 ",
          " expected nonce 12, got 3",
          "expected nonce 1234567890123456789, got 3",
          "expected nonce 12,got 3"
        }) {
      assertEquals(OptionalLong.empty(), ExpectedNonce.parse(reason, 3), reason);
    }
  }
}
