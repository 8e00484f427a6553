package io.votechain.record.nist;

import io.votechain.record.nist.InvalidResultException.Reason;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One contest with its choices in ballot order. {@code votesAllowed} is the selection limit of a
 * ballot; {@code numberElected} the seats filled (0 for measures and resolutions). Instances are
 * immutable and valid for their kind: one-of-n has one seat and one selection, k-of-n at most as
 * many seats and selections as choices, yes/no exactly two choices and resolutions two or three,
 * both with one selection and no seat.
 */
public record ContestResult(
    String id,
    LocalizedText name,
    ContestKind kind,
    int numberElected,
    int votesAllowed,
    List<ChoiceResult> choices) {

  /**
   * At most this many choices, so that a contest's summed totals (each at most 2^53 − 1) always fit
   * in a long.
   */
  public static final int MAX_CHOICES = 1000;

  public ContestResult {
    Checks.id(id, "contest id");
    Checks.present(name, "name of contest " + id);
    Checks.present(kind, "kind of contest " + id);
    Checks.present(choices, "choices of contest " + id);
    choices = List.copyOf(choices);
    if (choices.isEmpty()) {
      throw new InvalidResultException(Reason.NO_CHOICES, "contest " + id + " has no choices");
    }
    if (choices.size() > MAX_CHOICES) {
      throw new InvalidResultException(
          Reason.WRONG_CHOICE_COUNT,
          "contest " + id + " has more than " + MAX_CHOICES + " choices");
    }
    Set<String> seen = new HashSet<>();
    for (ChoiceResult choice : choices) {
      if (!seen.add(choice.id())) {
        throw new InvalidResultException(
            Reason.DUPLICATE_ID, "contest " + id + " has choice " + choice.id() + " twice");
      }
    }
    int n = choices.size();
    switch (kind) {
      case ONE_OF_N -> requireLimits(id, numberElected == 1 && votesAllowed == 1);
      case K_OF_N ->
          requireLimits(
              id,
              numberElected >= 1 && numberElected <= n && votesAllowed >= 1 && votesAllowed <= n);
      case YES_NO -> {
        requireChoiceCount(id, n == 2, "exactly 2");
        requireLimits(id, numberElected == 0 && votesAllowed == 1);
      }
      case RESOLUTION -> {
        requireChoiceCount(id, n == 2 || n == 3, "2 or 3");
        requireLimits(id, numberElected == 0 && votesAllowed == 1);
      }
    }
  }

  public static ContestResult oneOfN(String id, LocalizedText name, List<ChoiceResult> choices) {
    return new ContestResult(id, name, ContestKind.ONE_OF_N, 1, 1, choices);
  }

  public static ContestResult kOfN(
      String id, LocalizedText name, int seats, int votesAllowed, List<ChoiceResult> choices) {
    return new ContestResult(id, name, ContestKind.K_OF_N, seats, votesAllowed, choices);
  }

  public static ContestResult yesNo(String id, LocalizedText name, List<ChoiceResult> choices) {
    return new ContestResult(id, name, ContestKind.YES_NO, 0, 1, choices);
  }

  /** A shareholder resolution; choices for, against and (optionally) abstain, totals in shares. */
  public static ContestResult resolution(
      String id, LocalizedText name, List<ChoiceResult> choices) {
    return new ContestResult(id, name, ContestKind.RESOLUTION, 0, 1, choices);
  }

  /** Sum of the choices' totals; cannot overflow (see {@link #MAX_CHOICES}). */
  public long totalVotes() {
    long sum = 0;
    for (ChoiceResult choice : choices) {
      sum += choice.total();
    }
    return sum;
  }

  private static void requireChoiceCount(String id, boolean ok, String expected) {
    if (!ok) {
      throw new InvalidResultException(
          Reason.WRONG_CHOICE_COUNT, "contest " + id + " needs " + expected + " choices");
    }
  }

  private static void requireLimits(String id, boolean ok) {
    if (!ok) {
      throw new InvalidResultException(
          Reason.INVALID_SELECTION_LIMIT,
          "contest " + id + " has seats or a selection limit that do not fit its kind");
    }
  }
}
