package io.votechain.consensus.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.message.VoteType;
import io.votechain.encoding.EncodingException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SafetyStateTest {
  private final CoreFixture fx = new CoreFixture(4);

  @Test
  void encodingRoundTripsLockValidValueAndWatermark() {
    Block v = fx.block(1, 0, "tx");
    SafetyState s =
        new SafetyState(
            1,
            2,
            Step.PRECOMMIT,
            0,
            Optional.of(v),
            1,
            Optional.of(v),
            List.of(fx.vote(1, VoteType.PREVOTE, 1, 1, v)),
            new SignWatermark(1, 2, SignWatermark.PRECOMMIT),
            List.of(new byte[] {1, 2, 3}),
            List.of(new byte[] {4}, new byte[] {5, 6}));
    SafetyState back = SafetyState.decode(s.encode());
    assertArrayEquals(s.encode(), back.encode());
    assertEquals(v, back.lockedBlock().orElseThrow());
    assertEquals(s.watermark(), back.watermark());
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
                Optional.of(fx.block(1, 0)),
                -1,
                Optional.empty(),
                List.of(),
                SignWatermark.NONE,
                List.of(),
                List.of()));
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
