package io.votechain.record.nist;

/**
 * The {@code @id} values of a report, derived from votechain's identifiers so that they are stable
 * across exports and readable. Each kind has its own prefix and parts are joined with '.', which
 * votechain identifiers cannot contain; so ids never collide, and all are valid XML NCNames (NIST's
 * XML format uses the same ids).
 */
final class NistIds {
  private NistIds() {}

  static String reportingUnit(Jurisdiction jurisdiction) {
    return "gpunit." + jurisdiction.id();
  }

  static String contest(ContestResult contest) {
    return "contest." + contest.id();
  }

  static String candidate(ContestResult contest, ChoiceResult choice) {
    return "candidate." + contest.id() + "." + choice.id();
  }

  static String selection(ContestResult contest, ChoiceResult choice) {
    return "selection." + contest.id() + "." + choice.id();
  }
}
