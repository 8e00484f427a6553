package io.votechain.consensus.sim;

/** A broken safety, liveness or validity property, with the seed that reproduces it. */
final class Violation extends AssertionError {
  private static final long serialVersionUID = 1L;

  /** Which property broke. */
  enum Kind {
    SAFETY,
    LIVENESS,
    VALIDITY
  }

  private final Kind kind;

  Violation(Kind kind, long seed, SimScenario scenario, String what) {
    super(
        kind
            + " violated: "
            + what
            + "\n  reproduce: mvn -B -pl node test -Dtest=<this test class> -Dsim.seed="
            + seed
            + " (n="
            + scenario.n()
            + ")\n  scenario: "
            + scenario);
    this.kind = kind;
  }

  Kind kind() {
    return kind;
  }
}
