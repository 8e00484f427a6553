package io.votechain.tx.meeting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.contract.TestChain;
import io.votechain.encoding.EncodingException;
import io.votechain.tx.election.ElectionManifest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Pass thresholds, quorum and the meeting manifest (docs/contracts.md §8.1, §8.5). */
class MeetingTermsTest {
  @Nested
  class Thresholds {
    @Test
    void ordinaryNeedsMoreThanHalfOfTheVotesCast() {
      assertFalse(PassThreshold.ORDINARY.passes(500, 500), "exactly 50 % fails");
      assertTrue(PassThreshold.ORDINARY.passes(501, 500));
      assertFalse(PassThreshold.ORDINARY.passes(499, 501));
      assertTrue(PassThreshold.ORDINARY.passes(1, 0));
    }

    @Test
    void specialNeedsAtLeastThreeQuarters() {
      assertTrue(PassThreshold.SPECIAL.passes(750, 250), "exactly 75 % passes");
      assertFalse(PassThreshold.SPECIAL.passes(749, 251));
      assertTrue(PassThreshold.SPECIAL.passes(3, 1));
      assertFalse(PassThreshold.SPECIAL.passes(2, 1));
    }

    @Test
    void noVotesCastNeverPasses() {
      assertFalse(PassThreshold.ORDINARY.passes(0, 0));
      assertFalse(new PassThreshold(1, 1, false).passes(0, 0));
    }

    @Test
    void largeTotalsAreComparedExactly() {
      long w = 1L << 40;
      assertFalse(PassThreshold.ORDINARY.passes(w, w));
      assertTrue(PassThreshold.ORDINARY.passes(w + 1, w));
      assertTrue(new PassThreshold(2, 3, false).passes(2 * w, w));
      assertFalse(new PassThreshold(2, 3, true).passes(2 * w, w));
    }

    @Test
    void fractionOutsideZeroToOneIsRefused() {
      assertThrows(IllegalArgumentException.class, () -> new PassThreshold(0, 2, true));
      assertThrows(IllegalArgumentException.class, () -> new PassThreshold(3, 2, true));
      assertThrows(IllegalArgumentException.class, () -> new PassThreshold(1, 0, true));
      assertThrows(
          IllegalArgumentException.class,
          () -> new PassThreshold(1, PassThreshold.MAX_DENOMINATOR + 1, true));
    }
  }

  @Nested
  class Quorums {
    @Test
    void quorumIsReachedAtExactlyTheFraction() {
      Quorum third = new Quorum(1, 3);
      assertTrue(third.met(100, 300));
      assertFalse(third.met(99, 300));
      assertTrue(new Quorum(0, 1).met(0, 10));
      assertTrue(new Quorum(1, 1).met(10, 10));
      assertFalse(new Quorum(1, 1).met(9, 10));
    }

    @Test
    void moreRepresentedThanIssuedIsAProgrammingError() {
      assertThrows(IllegalArgumentException.class, () -> new Quorum(1, 2).met(11, 10));
    }
  }

  @Nested
  class Manifest {
    private final ElectionManifest election = TestChain.manifest("m1");

    private MeetingManifest meeting(ElectionManifest e, long recordDate, int rules) {
      return new MeetingManifest(
          e,
          recordDate,
          new Quorum(1, 2),
          java.util.Collections.nCopies(rules, PassThreshold.ORDINARY));
    }

    @Test
    void electionContestsAreNotResolutions() {
      Optional<String> p = meeting(election, 0, 2).problem();
      assertTrue(p.orElseThrow().contains("for/against/abstain"), p.orElseThrow());
    }

    @Test
    void recordDateMustPrecedeVoting() {
      ElectionManifest agm = agm();
      assertEquals(Optional.empty(), meeting(agm, agm.votingStart(), 1).problem());
      assertTrue(meeting(agm, agm.votingStart() + 1, 1).problem().isPresent());
      assertTrue(meeting(agm, -1, 1).problem().isPresent());
      assertTrue(meeting(agm, 0, 2).problem().isPresent(), "one threshold per resolution");
    }

    @Test
    void manifestRoundTripsAndItsHashCoversTheTerms() {
      MeetingManifest m = meeting(agm(), 5, 1);
      assertEquals(m, MeetingManifest.decode(m.encode()));
      assertArrayEquals(m.encode(), MeetingManifest.decode(m.encode()).encode());
      MeetingManifest special =
          new MeetingManifest(m.election(), 5, m.quorum(), List.of(PassThreshold.SPECIAL));
      assertFalse(m.hash().equals(special.hash()));
      byte[] trailing = java.util.Arrays.copyOf(m.encode(), m.encode().length + 1);
      assertThrows(EncodingException.class, () -> MeetingManifest.decode(trailing));
    }

    private ElectionManifest agm() {
      io.votechain.tx.election.LocalizedText t =
          io.votechain.tx.election.LocalizedText.of("en", "x", "zh", "x");
      return new ElectionManifest(
          "agm",
          t,
          List.of(
              new io.votechain.tx.election.Contest(
                  "r1",
                  io.votechain.tx.election.ContestKind.ONE_OF_N,
                  1,
                  t,
                  MeetingManifest.CHOICES.stream()
                      .map(c -> new io.votechain.tx.election.Choice(c, t))
                      .toList())),
          TestChain.START,
          TestChain.END,
          io.votechain.tx.election.RevotePolicy.LAST_VOTE_COUNTS);
    }
  }
}
