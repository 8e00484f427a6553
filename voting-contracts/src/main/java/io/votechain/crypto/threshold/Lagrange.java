package io.votechain.crypto.threshold;

import io.votechain.crypto.group.Scalar;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Lagrange coefficients at 0 over the trustee indices that take part in a decryption
 * (docs/crypto-threshold.md §7.3): {@code w_ℓ = Π_{m ∈ U, m ≠ ℓ} m / (m − ℓ) mod n}, so that {@code
 * Σ_{ℓ ∈ U} w_ℓ·P(ℓ) = P(0)} for every polynomial of degree below {@code |U|}. Stateless.
 */
public final class Lagrange {
  private Lagrange() {}

  /**
   * {@code w_ℓ} for {@code index} within {@code indices}.
   *
   * @throws IllegalArgumentException if an index is not positive, repeats, or {@code index} is not
   *     among them
   */
  public static Scalar coefficient(int index, Collection<Integer> indices) {
    Set<Integer> seen = new HashSet<>();
    for (int m : indices) {
      if (m < 1) {
        throw new IllegalArgumentException("trustee indices are positive: " + m);
      }
      if (!seen.add(m)) {
        throw new IllegalArgumentException("trustee index repeats: " + m);
      }
    }
    if (!seen.contains(index)) {
      throw new IllegalArgumentException("index " + index + " is not among the participants");
    }
    Scalar numerator = Scalar.ONE;
    Scalar denominator = Scalar.ONE;
    for (int m : indices) {
      if (m != index) {
        numerator = numerator.multiply(Scalar.of(m));
        denominator = denominator.multiply(Scalar.of((long) m - index));
      }
    }
    // Indices are distinct and far below n, so m − ℓ is never 0 mod n.
    return numerator.multiply(denominator.inverse());
  }
}
