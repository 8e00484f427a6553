package io.votechain.tx.meeting;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.math.BigInteger;

/**
 * The quorum of a meeting (docs/contracts.md §8.3): the shares represented — held by holders whose
 * vote counts, cast by themselves or by their proxy — must reach {@code numerator/denominator} of
 * the shares on the register. {@code 0/1} means no quorum. Immutable.
 */
public record Quorum(long numerator, long denominator) {
  public static final long MAX_DENOMINATOR = PassThreshold.MAX_DENOMINATOR;

  public Quorum {
    if (denominator < 1 || denominator > MAX_DENOMINATOR) {
      throw new IllegalArgumentException("denominator must be in 1.." + MAX_DENOMINATOR);
    }
    if (numerator < 0 || numerator > denominator) {
      throw new IllegalArgumentException("numerator must be in 0..denominator");
    }
  }

  /** {@code represented/issued >= n/d}, exactly: {@code represented·d >= n·issued}. */
  public boolean met(long represented, long issued) {
    if (represented < 0 || issued < 0 || represented > issued) {
      throw new IllegalArgumentException("need 0 <= represented <= issued");
    }
    return BigInteger.valueOf(represented)
            .multiply(BigInteger.valueOf(denominator))
            .compareTo(BigInteger.valueOf(numerator).multiply(BigInteger.valueOf(issued)))
        >= 0;
  }

  public void writeTo(CanonicalWriter w) {
    w.varint(numerator).varint(denominator);
  }

  public static Quorum readFrom(CanonicalReader r) {
    long n = r.varint(MAX_DENOMINATOR);
    return new Quorum(n, r.varint(MAX_DENOMINATOR));
  }
}
