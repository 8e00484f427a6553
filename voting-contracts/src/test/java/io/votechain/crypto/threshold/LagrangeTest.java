package io.votechain.crypto.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.votechain.crypto.group.Scalar;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagrangeTest {
  @Test
  void coefficientsForTwoAndThreeAreHandComputable() {
    // w_2 = 3/(3−2) = 3, w_3 = 2/(2−3) = −2.
    assertEquals(Scalar.of(3), Lagrange.coefficient(2, List.of(2, 3)));
    assertEquals(Scalar.of(-2), Lagrange.coefficient(3, List.of(2, 3)));
  }

  @Test
  void coefficientsInterpolateAPolynomialAtZero() {
    // P(x) = 7 + 5x + 2x^2 from the points at 1, 4, 5.
    Polynomial p = new Polynomial(List.of(Scalar.of(7), Scalar.of(5), Scalar.of(2)));
    List<Integer> u = List.of(1, 4, 5);
    Scalar sum = Scalar.ZERO;
    for (int l : u) {
      sum = sum.add(Lagrange.coefficient(l, u).multiply(p.evaluate(l)));
    }
    assertEquals(Scalar.of(7), sum);
  }

  @Test
  void tooFewPointsDoNotInterpolate() {
    Polynomial p = new Polynomial(List.of(Scalar.of(7), Scalar.of(5), Scalar.of(2)));
    List<Integer> u = List.of(1, 4);
    Scalar sum = Scalar.ZERO;
    for (int l : u) {
      sum = sum.add(Lagrange.coefficient(l, u).multiply(p.evaluate(l)));
    }
    assertEquals(Scalar.of(7 - 2 * 4), sum);
  }

  @Test
  void repeatedIndexIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Lagrange.coefficient(1, List.of(1, 2, 2)));
  }

  @Test
  void indexZeroIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Lagrange.coefficient(1, List.of(0, 1)));
  }

  @Test
  void indexOutsideTheSetIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Lagrange.coefficient(3, List.of(1, 2)));
  }
}
