package io.votechain.web.observer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.tx.SignedTransaction;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TurnoutTimelineTest {
  private static final long START = 1_800_000_000_000L;
  private static final long MINUTE = 60_000;

  private static BallotArrivals.Arrival at(long minute, int ballots) {
    return new BallotArrivals.Arrival(minute + 1, START + minute * MINUTE, ballots);
  }

  private static List<Long> counts(TurnoutTimeline t) {
    return t.columns().stream().map(TurnoutTimeline.Column::ballots).toList();
  }

  @Test
  void ballotsFallIntoTwelveEqualIntervalsUpToTheLatestBlock() {
    TurnoutTimeline t =
        TurnoutTimeline.of(
            List.of(at(0, 2), at(4, 1), at(5, 3), at(59, 1)),
            START,
            START + 600 * MINUTE,
            START + 60 * MINUTE);
    assertEquals(List.of(3L, 3L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L), counts(t));
    assertEquals(7, t.total());
    assertEquals(START + 5 * MINUTE, t.columns().get(1).from());
    assertEquals("2027-01-15 08:05", t.columns().get(1).fromUtc());
    assertEquals("08:55", t.columns().get(11).tick());
  }

  @Test
  void theTallestColumnFillsThePlotAndTheOthersScaleToIt() {
    TurnoutTimeline t =
        TurnoutTimeline.of(
            List.of(at(0, 4), at(30, 1)), START, START + 60 * MINUTE, START + 60 * MINUTE);
    assertEquals(TurnoutTimeline.PLOT, t.columns().get(0).barHeight());
    assertEquals(TurnoutTimeline.PLOT / 4, t.columns().get(6).barHeight());
    assertEquals(0, t.columns().get(1).barHeight());
    assertEquals(
        TurnoutTimeline.TOP, t.columns().get(0).y(), "the tallest column starts at the top");
  }

  @Test
  void theChartEndsAtTheWindowsEndEvenWhenBlocksGoOnAfterIt() {
    TurnoutTimeline t =
        TurnoutTimeline.of(
            List.of(at(0, 1), at(12, 1), at(13, 5)),
            START,
            START + 12 * MINUTE,
            START + 99 * MINUTE);
    assertEquals(START + 12 * MINUTE, t.columns().get(11).to());
    assertEquals(2, t.total(), "the ballots after the window's end are not drawn");
  }

  @Test
  void intervalsShorterThanAMinuteAreLabelledWithSeconds() {
    TurnoutTimeline t = TurnoutTimeline.of(List.of(), START, START + 600 * MINUTE, START + MINUTE);
    assertEquals("08:00:00", t.columns().get(0).tick());
    assertEquals("08:00:15", t.columns().get(3).tick());
  }

  @Test
  void beforeAnyBlockInTheWindowThereIsNoChart() {
    assertTrue(TurnoutTimeline.of(List.of(), START, START + MINUTE, START).isEmpty());
    assertTrue(TurnoutTimeline.of(List.of(), START, START + MINUTE, START - 1).isEmpty());
  }

  @Test
  void aWindowShorterThanTwelveMillisecondsStillHasOneMillisecondPerInterval() {
    TurnoutTimeline t = TurnoutTimeline.of(List.of(at(0, 1)), START, START + 5, START + 5);
    assertEquals(12, t.columns().size());
    assertEquals(1, t.total());
  }

  @Test
  void theElectionOfACastBallotIsReadFromItsFirstFieldsAndOtherBytesAreNotBallots() {
    Ed25519Signer voter = Ed25519Signer.generate(new SecureRandom(new byte[] {1}));
    byte[] notABallot = {1, 2, 3};
    assertEquals(Optional.empty(), BallotArrivals.castBallotElection(notABallot));
    assertEquals(Optional.empty(), BallotArrivals.castBallotElection(new byte[0]));
    SignedTransaction approve =
        SignedTransaction.sign(
            voter, 0, new io.votechain.tx.Approve(io.votechain.crypto.hash.Hash32.ZERO), "c");
    assertEquals(Optional.empty(), BallotArrivals.castBallotElection(approve.encode()));
    // signer (Ed25519: tag 1 + 32 bytes; P-256 device: tag 2 + 33 bytes), varint nonce, kind 12,
    // text election id: the rest (credential, ballot, signature) is not read.
    assertEquals(Optional.of("e-1"), BallotArrivals.castBallotElection(castHead(1, 32)));
    assertEquals(Optional.of("e-1"), BallotArrivals.castBallotElection(castHead(2, 33)));
  }

  private static byte[] castHead(int signerTag, int keyLength) {
    io.votechain.encoding.CanonicalWriter w = new io.votechain.encoding.CanonicalWriter();
    w.u8(signerTag);
    w.fixed(new byte[keyLength]);
    w.varint(7);
    w.u8(io.votechain.tx.TxKind.CAST_BALLOT.tag());
    w.text("e-1");
    return w.toByteArray();
  }
}
