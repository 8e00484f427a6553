package io.votechain.crypto.threshold;

import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A trustee's secret sharing polynomial {@code P_i(x) = Σ_j a_{i,j} x^j} of degree {@code k − 1}
 * (docs/crypto-threshold.md §3). Secret: never leaves its trustee, and its {@link #toString} shows
 * only the degree. Immutable.
 */
final class Polynomial {
  private final List<Scalar> coefficients;

  Polynomial(List<Scalar> coefficients) {
    if (coefficients.isEmpty()) {
      throw new IllegalArgumentException("a polynomial has at least one coefficient");
    }
    for (Scalar a : coefficients) {
      if (a.isZero()) {
        // A zero coefficient would make its commitment the identity, which has no Schnorr proof.
        throw new IllegalArgumentException("coefficients must be non-zero");
      }
    }
    this.coefficients = List.copyOf(coefficients);
  }

  static Polynomial random(int threshold, SecureRandom random) {
    List<Scalar> a = new ArrayList<>(threshold);
    for (int j = 0; j < threshold; j++) {
      a.add(Scalar.randomNonZero(random));
    }
    return new Polynomial(a);
  }

  List<Scalar> coefficients() {
    return coefficients;
  }

  /** {@code P(x)} by Horner's rule. */
  Scalar evaluate(int x) {
    Scalar xs = Scalar.of(x);
    Scalar acc = Scalar.ZERO;
    for (int j = coefficients.size() - 1; j >= 0; j--) {
      acc = acc.multiply(xs).add(coefficients.get(j));
    }
    return acc;
  }

  /** The Feldman commitments {@code K_j = a_j·G}. */
  List<GroupElement> commitments() {
    List<GroupElement> k = new ArrayList<>(coefficients.size());
    for (Scalar a : coefficients) {
      k.add(P256.G.multiplyFixed(a));
    }
    return List.copyOf(k);
  }

  @Override
  public String toString() {
    return "Polynomial[degree=" + (coefficients.size() - 1) + ", coefficients=<secret>]";
  }
}
