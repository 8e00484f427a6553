package io.votechain.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The frames that relay a transaction to peers, with and without a decoding aid. */
class RelayFrameTest {
  private static final byte[] TX = {10, 11, 12, 13, 14, 15};

  @Test
  void withoutAnAidATransactionTravelsOnChannelOneAsItIs() {
    byte[] frame = ValidatorNode.relayFrame(TX, new byte[0]);
    assertEquals(ValidatorNode.CHANNEL_TRANSACTION, frame[0]);
    assertArrayEquals(TX, Arrays.copyOfRange(frame, 1, frame.length));
  }

  @Test
  void withAnAidItTravelsOnChannelThreeAndComesBackWhole() {
    byte[] aid = {1, 2, 3};
    byte[] frame = ValidatorNode.relayFrame(TX, aid);
    assertEquals(ValidatorNode.CHANNEL_AIDED_TRANSACTION, frame[0]);
    RelayedTransaction r =
        ValidatorNode.aidedTransaction(Arrays.copyOfRange(frame, 1, frame.length));
    assertArrayEquals(TX, r.bytes());
    assertArrayEquals(aid, r.decodingAid());
  }

  @Test
  void malformedAidedBodiesAreDropped() {
    assertNull(ValidatorNode.aidedTransaction(new byte[] {0, 0, 0}), "no length");
    assertNull(ValidatorNode.aidedTransaction(body(-1, TX, new byte[0])), "negative length");
    assertNull(ValidatorNode.aidedTransaction(body(7, TX, new byte[0])), "length beyond the body");
    assertNull(
        ValidatorNode.aidedTransaction(body(TX.length, TX, new byte[TX.length + 1])),
        "an aid longer than its transaction");
    RelayedTransaction empty = ValidatorNode.aidedTransaction(body(0, new byte[0], new byte[0]));
    assertEquals(0, empty.bytes().length, "an empty transaction is the state machine's to refuse");
  }

  private static byte[] body(int length, byte[] tx, byte[] aid) {
    return ByteBuffer.allocate(4 + tx.length + aid.length).putInt(length).put(tx).put(aid).array();
  }
}
