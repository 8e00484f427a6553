package io.votechain.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.SuspendDevice;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiptStateTest {

  @Test
  void everyExecutedTransactionLeavesItsReceiptInState() {
    TestChain chain = new TestChain(7);
    TxReceipt rejected = chain.submit(chain.officials.get(0), new SuspendDevice("kiosk-1", "x"));
    assertEquals(ErrorCode.UNKNOWN_DEVICE, rejected.code());

    byte[] stored = chain.state.get(StateKeys.receipt(rejected.txId())).orElseThrow();
    TxReceipt.Outcome outcome = TxReceipt.decodeOutcome(stored);
    assertEquals(ErrorCode.UNKNOWN_DEVICE, outcome.code());
    assertEquals(rejected.reason(), outcome.reason());
  }

  @Test
  void aVeryLongReasonIsCutOnACharacterBoundary() {
    String reason = "é".repeat(600); // 1 200 UTF-8 bytes
    TxReceipt receipt = new TxReceipt(Hash32.ZERO, ErrorCode.INVALID_ARGUMENT, reason, List.of());
    TxReceipt.Outcome outcome = TxReceipt.decodeOutcome(receipt.encodeOutcome());
    assertEquals("é".repeat(256), outcome.reason());
    assertTrue(reason.startsWith(outcome.reason()));
  }

  @Test
  void anUnknownCodeIsRefused() {
    byte[] bytes = new CanonicalWriter().varint(9999).text("").toByteArray();
    EncodingException e =
        assertThrows(EncodingException.class, () -> TxReceipt.decodeOutcome(bytes));
    assertEquals(EncodingException.Reason.INVALID_VALUE, e.reason());
  }
}
