package io.votechain.tx.meeting;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.math.BigInteger;

/**
 * When a resolution passes (docs/contracts.md §8.3): the shares voted FOR, as a fraction of the
 * votes cast (for + against; abstentions are not votes cast), must exceed ({@code strict}) or reach
 * {@code numerator/denominator}. An ordinary resolution needs more than half, a special one at
 * least three quarters; any other fraction may be configured per resolution. No votes cast never
 * passes. Immutable.
 */
public record PassThreshold(long numerator, long denominator, boolean strict) {
  /** Largest denominator: thresholds are percentages or basis points, never more precise. */
  public static final long MAX_DENOMINATOR = 1_000_000;

  /** An ordinary resolution: more than 50 % of the votes cast. */
  public static final PassThreshold ORDINARY = new PassThreshold(1, 2, true);

  /** A special resolution: at least 75 % of the votes cast. */
  public static final PassThreshold SPECIAL = new PassThreshold(3, 4, false);

  public PassThreshold {
    if (denominator < 1 || denominator > MAX_DENOMINATOR) {
      throw new IllegalArgumentException("denominator must be in 1.." + MAX_DENOMINATOR);
    }
    if (numerator < 1 || numerator > denominator) {
      throw new IllegalArgumentException("numerator must be in 1..denominator");
    }
  }

  /**
   * {@code for/(for+against) > n/d} (strict) or {@code >= n/d}, in exact integer arithmetic: {@code
   * for·d} against {@code n·(for+against)}.
   */
  public boolean passes(long votesFor, long votesAgainst) {
    if (votesFor < 0 || votesAgainst < 0) {
      throw new IllegalArgumentException("vote totals are non-negative");
    }
    long cast = votesFor + votesAgainst;
    if (cast == 0) {
      return false;
    }
    int cmp =
        BigInteger.valueOf(votesFor)
            .multiply(BigInteger.valueOf(denominator))
            .compareTo(BigInteger.valueOf(numerator).multiply(BigInteger.valueOf(cast)));
    return strict ? cmp > 0 : cmp >= 0;
  }

  public void writeTo(CanonicalWriter w) {
    w.varint(numerator).varint(denominator).bool(strict);
  }

  public static PassThreshold readFrom(CanonicalReader r) {
    long n = r.varint(MAX_DENOMINATOR);
    long d = r.varint(MAX_DENOMINATOR);
    return new PassThreshold(n, d, r.bool());
  }
}
