package io.votechain.record.nist;

/** How a contest is decided; determines the NIST contest type (docs/results-nist.md §2). */
public enum ContestKind {
  /** A measure answered yes or no: a BallotMeasureContest. */
  YES_NO,
  /** One seat, one selection: a CandidateContest with plurality. */
  ONE_OF_N,
  /** k selections among n choices: a CandidateContest with n-of-m. */
  K_OF_N,
  /** A shareholder resolution, for / against [/ abstain], weighted by shares. */
  RESOLUTION
}
