package io.votechain.contract;

import static io.votechain.contract.RevoteRule.Channel.IN_PERSON;
import static io.votechain.contract.RevoteRule.Channel.WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.votechain.contract.RevoteRule.Channel;
import io.votechain.contract.RevoteRule.Decision;
import io.votechain.contract.RevoteRule.Outcome;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.election.RevotePolicy;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RevoteRuleTest {
  /** Every (policy, counted ballot, new ballot) combination with its expected decision. */
  static Stream<Arguments> allCombinations() {
    return Stream.of(
        Arguments.of(RevotePolicy.LAST_VOTE_COUNTS, null, WEB, Outcome.FIRST_BALLOT, ErrorCode.OK),
        Arguments.of(
            RevotePolicy.LAST_VOTE_COUNTS, null, IN_PERSON, Outcome.FIRST_BALLOT, ErrorCode.OK),
        Arguments.of(RevotePolicy.LAST_VOTE_COUNTS, WEB, WEB, Outcome.SUPERSEDES, ErrorCode.OK),
        Arguments.of(
            RevotePolicy.LAST_VOTE_COUNTS, WEB, IN_PERSON, Outcome.SUPERSEDES, ErrorCode.OK),
        Arguments.of(
            RevotePolicy.LAST_VOTE_COUNTS,
            IN_PERSON,
            WEB,
            Outcome.REJECTED,
            ErrorCode.IN_PERSON_VOTE_FINAL),
        Arguments.of(
            RevotePolicy.LAST_VOTE_COUNTS,
            IN_PERSON,
            IN_PERSON,
            Outcome.REJECTED,
            ErrorCode.IN_PERSON_VOTE_FINAL),
        Arguments.of(RevotePolicy.SINGLE_VOTE, null, WEB, Outcome.FIRST_BALLOT, ErrorCode.OK),
        Arguments.of(RevotePolicy.SINGLE_VOTE, null, IN_PERSON, Outcome.FIRST_BALLOT, ErrorCode.OK),
        Arguments.of(RevotePolicy.SINGLE_VOTE, WEB, WEB, Outcome.REJECTED, ErrorCode.ALREADY_VOTED),
        Arguments.of(
            RevotePolicy.SINGLE_VOTE, WEB, IN_PERSON, Outcome.REJECTED, ErrorCode.ALREADY_VOTED),
        Arguments.of(
            RevotePolicy.SINGLE_VOTE, IN_PERSON, WEB, Outcome.REJECTED, ErrorCode.ALREADY_VOTED),
        Arguments.of(
            RevotePolicy.SINGLE_VOTE,
            IN_PERSON,
            IN_PERSON,
            Outcome.REJECTED,
            ErrorCode.ALREADY_VOTED));
  }

  @ParameterizedTest(name = "{0}: counted {1}, new {2} -> {3} {4}")
  @MethodSource("allCombinations")
  void decisionFollowsThePolicyTable(
      RevotePolicy policy, Channel counted, Channel incoming, Outcome outcome, ErrorCode code) {
    assertEquals(
        new Decision(outcome, code),
        RevoteRule.decide(policy, Optional.ofNullable(counted), incoming));
  }

  @Test
  void tableCoversEveryCombination() {
    int combinations =
        RevotePolicy.values().length * (Channel.values().length + 1) * Channel.values().length;
    assertEquals(combinations, allCombinations().count());
  }

  @Test
  void decisionRefusesARejectionWithoutACode() {
    assertThrows(
        IllegalArgumentException.class, () -> new Decision(Outcome.REJECTED, ErrorCode.OK));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Decision(Outcome.SUPERSEDES, ErrorCode.ALREADY_VOTED));
  }
}
