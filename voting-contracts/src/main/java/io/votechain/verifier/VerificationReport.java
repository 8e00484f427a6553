package io.votechain.verifier;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The verifier's step-by-step verdict: per {@link Step}, how many items were checked and which
 * failed (the first {@link #KEPT_FINDINGS} are kept with their reasons, all are counted). The
 * record is valid only if every step passed. Built by one thread; read once complete.
 */
public final class VerificationReport {
  public static final int KEPT_FINDINGS = 20;

  private final Map<Step, long[]> counts = new EnumMap<>(Step.class); // {checked, failed}
  private final Map<Step, List<Finding>> findings = new EnumMap<>(Step.class);

  VerificationReport() {
    for (Step s : Step.values()) {
      counts.put(s, new long[2]);
      findings.put(s, new ArrayList<>());
    }
  }

  void checked(Step step) {
    counts.get(step)[0]++;
  }

  void fail(Step step, String item, String reason) {
    counts.get(step)[1]++;
    List<Finding> kept = findings.get(step);
    if (kept.size() < KEPT_FINDINGS) {
      kept.add(new Finding(step, item, reason));
    }
  }

  /** Checks {@code ok}; records a failure with {@code item} and {@code reason} when false. */
  boolean check(Step step, boolean ok, String item, String reason) {
    checked(step);
    if (!ok) {
      fail(step, item, reason);
    }
    return ok;
  }

  public boolean passed() {
    return counts.values().stream().allMatch(c -> c[1] == 0);
  }

  public boolean passed(Step step) {
    return counts.get(step)[1] == 0;
  }

  public long checkedCount(Step step) {
    return counts.get(step)[0];
  }

  public long failureCount(Step step) {
    return counts.get(step)[1];
  }

  /** The kept findings of {@code step}, in the order they were found. */
  public List<Finding> findings(Step step) {
    return List.copyOf(findings.get(step));
  }

  /** The failed steps, in report order. */
  public List<Step> failedSteps() {
    return counts.entrySet().stream()
        .filter(e -> e.getValue()[1] > 0)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The report as printed: one line per step, then one indented line per kept finding. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    int n = 1;
    for (Step s : Step.values()) {
      long[] c = counts.get(s);
      out.add(
          String.format(
              java.util.Locale.ROOT,
              "%2d. %-13s %-6s %s (%d checked%s)",
              n++,
              s,
              c[1] == 0 ? "OK" : "FAILED",
              s.description(),
              c[0],
              c[1] == 0 ? "" : ", " + c[1] + " failed"));
      for (Finding f : findings.get(s)) {
        out.add("      " + f.item() + ": " + f.reason());
      }
      if (c[1] > findings.get(s).size()) {
        out.add("      … and " + (c[1] - findings.get(s).size()) + " more");
      }
    }
    out.add(passed() ? "RESULT: the election record verifies" : "RESULT: VERIFICATION FAILED");
    return out;
  }
}
