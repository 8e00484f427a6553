package io.votechain.consensus.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.message.ConsensusMessage;
import io.votechain.consensus.message.SignedVote;
import io.votechain.consensus.message.VoteType;
import io.votechain.encoding.EncodingException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The safety state's encoding: what it keeps, what it leaves to the block files, what it refuses.
 */
class SafetyStateTest {
  private final CoreFixture fx = new CoreFixture(4);

  @Test
  void encodingRoundTripsLockValidValueWatermarkAndSavedMessages() {
    Block v = fx.block(1, 0, "tx");
    Block w = fx.block(1, 1, "tx-w");
    SignedVote prevote = fx.vote(1, VoteType.PREVOTE, 1, 1, v);
    SafetyState s =
        new SafetyState(
            1,
            2,
            Step.PRECOMMIT,
            0,
            Optional.of(v.hash()),
            1,
            Optional.of(v.hash()),
            List.of(prevote),
            new SignWatermark(1, 2, SignWatermark.PRECOMMIT),
            List.of(saved(fx.proposal(w, 1, -1, List.of())), new SavedMessage.Vote(prevote)),
            List.of(saved(fx.voteBytes(2, VoteType.PRECOMMIT, 1, 1, null))));
    SafetyState back = SafetyState.decode(s.encode());
    assertArrayEquals(s.encode(), back.encode());
    assertEquals(s, back);
    assertEquals(v.hash(), back.lockedBlock().orElseThrow());
    assertEquals(s.watermark(), back.watermark());
  }

  @Test
  void encodingCarriesNoBlockBody() {
    Block big = fx.block(1, 0, "x".repeat(10_000), "y".repeat(10_000));
    SafetyState s =
        new SafetyState(
            1,
            0,
            Step.PRECOMMIT,
            0,
            Optional.of(big.hash()),
            0,
            Optional.of(big.hash()),
            List.of(),
            new SignWatermark(1, 0, SignWatermark.PRECOMMIT),
            List.of(saved(fx.proposal(big, 0, -1, List.of()))),
            List.of());
    assertTrue(s.encode().length < 500, "encoded state: " + s.encode().length + " bytes");
  }

  @Test
  void blockHashesNameTheValidValueThenEachProposalOnce() {
    Block v = fx.block(1, 0, "tx-v");
    Block w = fx.block(1, 1, "tx-w");
    SafetyState s =
        new SafetyState(
            1,
            1,
            Step.PROPOSE,
            0,
            Optional.of(w.hash()),
            0,
            Optional.of(v.hash()),
            List.of(),
            new SignWatermark(1, 1, SignWatermark.PROPOSAL),
            List.of(saved(fx.proposal(w, 1, -1, List.of()))),
            List.of(
                saved(fx.proposal(v, 0, -1, List.of())), saved(fx.proposal(w, 1, -1, List.of()))));
    assertEquals(List.of(v.hash(), w.hash()), s.blockHashes());
  }

  private static SavedMessage saved(byte[] message) {
    return SavedMessage.of(ConsensusMessage.decode(message));
  }

  @Test
  void lockWithoutItsRoundIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SafetyState(
                1,
                0,
                Step.PROPOSE,
                -1,
                Optional.of(fx.block(1, 0).hash()),
                -1,
                Optional.empty(),
                List.of(),
                SignWatermark.NONE,
                List.of(),
                List.of()));
  }

  @Test
  void unknownSavedMessageTagIsRejected() {
    byte[] bytes =
        new SafetyState(
                1,
                0,
                Step.PREVOTE,
                -1,
                Optional.empty(),
                -1,
                Optional.empty(),
                List.of(),
                new SignWatermark(1, 0, SignWatermark.PREVOTE),
                List.of(saved(fx.voteBytes(0, VoteType.PREVOTE, 1, 0, null))),
                List.of())
            .encode();
    // height, round, step, lockedRound+1, validRound+1, empty proof of lock, watermark (3 bytes),
    // one own message: its tag is byte 10.
    assertEquals(SavedMessage.TAG_VOTE, bytes[10]);
    bytes[10] = 7;
    assertEquals(
        EncodingException.Reason.UNKNOWN_TAG,
        assertThrows(EncodingException.class, () -> SafetyState.decode(bytes)).reason());
  }

  @Test
  void unknownStepIsRejected() {
    byte[] bytes =
        new SafetyState(
                1,
                0,
                Step.PROPOSE,
                -1,
                Optional.empty(),
                -1,
                Optional.empty(),
                List.of(),
                SignWatermark.NONE,
                List.of(),
                List.of())
            .encode();
    bytes[2] = 9;
    assertEquals(
        EncodingException.Reason.UNKNOWN_TAG,
        assertThrows(EncodingException.class, () -> SafetyState.decode(bytes)).reason());
  }

  @Test
  void watermarkOrdersByHeightThenRoundThenStep() {
    assertEquals(
        -1, Integer.signum(new SignWatermark(1, 5, 2).compareTo(new SignWatermark(2, 0, 0))));
    assertEquals(
        -1, Integer.signum(new SignWatermark(1, 0, 2).compareTo(new SignWatermark(1, 1, 0))));
    assertEquals(
        -1, Integer.signum(new SignWatermark(1, 1, 1).compareTo(new SignWatermark(1, 1, 2))));
  }

  @Test
  void timeoutsDoubleEachRoundUpToTheCap() {
    TimeoutPolicy t = new TimeoutPolicy(100, 200, 300, 1_000);
    assertEquals(100, t.timeout(TimerKind.PROPOSE, 0));
    assertEquals(400, t.timeout(TimerKind.PROPOSE, 2));
    assertEquals(1_000, t.timeout(TimerKind.PROPOSE, 4));
    assertEquals(1_000, t.timeout(TimerKind.PREVOTE, 1_000_000));
  }
}
