package io.votechain.web.official;

/**
 * Why a NIST SP 1500-20 ballot definition was not imported (docs/nist-import.md §4). Each code has
 * a message {@code nist.error.<CODE>} in both languages; the refusal also names the JSON path of
 * the offending element.
 */
public enum NistImportError {
  /** The file is larger than {@link NistBallotImport#MAX_BYTES}. */
  NIST_TOO_LARGE,
  /** Objects and arrays nest deeper than {@link NistBallotImport#MAX_DEPTH}. */
  NIST_TOO_DEEP,
  /** Not JSON at all (or not UTF-8 text). */
  NIST_MALFORMED_JSON,
  /** A field has the wrong JSON type (an object where a string belongs, a fraction, ...). */
  NIST_WRONG_TYPE,
  /** A field the schema or the mapping needs is absent. */
  NIST_MISSING_FIELD,
  /** The root's {@code @type} is not {@code BallotDefinition.BallotDefinition}. */
  NIST_NOT_A_BALLOT_DEFINITION,
  /** The file holds no election or more than one (a manifest is one election). */
  NIST_ELECTION_COUNT,
  /** {@code StartDate}/{@code EndDate} are not dates, or the end is before the start. */
  NIST_BAD_DATE,
  /** An {@code @id} does not fit a votechain identifier ({@code [A-Za-z0-9._-]{1,64}}). */
  NIST_BAD_IDENTIFIER,
  /** Two contests, or two options of one contest, share an {@code @id}. */
  NIST_DUPLICATE_ID,
  /** A language tag the manifest cannot hold, or more than 16 languages. */
  NIST_BAD_LANGUAGE,
  /** The same language twice in one InternationalizedText. */
  NIST_DUPLICATE_LANGUAGE,
  /** A text is empty or blank. */
  NIST_EMPTY_TEXT,
  /** A text (or a ticket's joined names) is longer than a manifest label may be. */
  NIST_TEXT_TOO_LONG,
  /** A text is not in exactly the languages of the election's name. */
  NIST_LANGUAGES_DIFFER,
  /** A contest type the manifest cannot express (party, retention, straight-party, ...). */
  NIST_UNSUPPORTED_CONTEST,
  /** An option type that does not belong in its contest (a party option, ...). */
  NIST_UNSUPPORTED_OPTION,
  /** A vote variation other than marking at most k options (ranked, cumulative, ...). */
  NIST_UNSUPPORTED_VOTE_VARIATION,
  /** A write-in option: a write-in cannot be a 0/1 encrypted selection. */
  NIST_WRITE_IN_UNSUPPORTED,
  /** {@code VotesAllowed} outside 1..number of options. */
  NIST_BAD_VOTES_ALLOWED,
  /** A {@code CandidateIds} entry names no candidate of the election, or the list is empty. */
  NIST_UNKNOWN_CANDIDATE,
  /** More contests than a manifest holds (64). */
  NIST_TOO_MANY_CONTESTS,
  /** More options in a contest than a manifest contest holds (64). */
  NIST_TOO_MANY_OPTIONS,
  /** Mapped, but the manifest's own rules refuse it (the detail says which). */
  NIST_INVALID_MANIFEST
}
