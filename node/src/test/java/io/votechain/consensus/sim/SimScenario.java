package io.votechain.consensus.sim;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * One simulated network's adversity, derived entirely from a seed: who is Byzantine and how, link
 * delays and losses before GST, a partition that heals, crash-restarts, clock skew, and whether a
 * Byzantine validator is run as Twins. After {@code gst} links deliver within {@code delta} and
 * lose nothing; the liveness check then expects {@code blocksAfterGst} new blocks at every honest
 * validator within {@code livenessWindow} virtual milliseconds.
 */
record SimScenario(
    int n,
    Map<Integer, EnumSet<Behaviour>> byzantine,
    boolean twins,
    long gst,
    double dropRate,
    double duplicateRate,
    long maxDelayBeforeGst,
    long delta,
    boolean partition,
    int crashes,
    long maxClockSkew,
    boolean lockRuleEnforced,
    boolean realSignaturesOnly,
    int blocksAfterGst,
    long livenessWindow) {

  SimScenario {
    byzantine = new TreeMap<>(byzantine);
  }

  /** A random adversarial scenario for n validators, with up to f Byzantine ones. */
  static SimScenario random(int n, long seed) {
    Random r = new Random(seed ^ 0x5DEECE66DL);
    int f = (n - 1) / 3;
    boolean twins = f >= 1 && r.nextInt(10) == 0;
    Map<Integer, EnumSet<Behaviour>> byz = new TreeMap<>();
    int byzCount = twins ? 1 : (r.nextInt(4) == 0 ? r.nextInt(f + 1) : f);
    List<Behaviour> all = List.of(Behaviour.values());
    while (byz.size() < byzCount) {
      int idx = r.nextInt(n);
      if (byz.containsKey(idx)) {
        continue;
      }
      EnumSet<Behaviour> b = EnumSet.noneOf(Behaviour.class);
      if (!twins) {
        int k = 1 + r.nextInt(3);
        for (int i = 0; i < k; i++) {
          b.add(all.get(r.nextInt(all.size())));
        }
      }
      byz.put(idx, b);
    }
    return new SimScenario(
        n,
        byz,
        twins,
        300 + r.nextInt(1500),
        new double[] {0.0, 0.05, 0.2, 0.4}[r.nextInt(4)],
        r.nextInt(3) == 0 ? 0.05 : 0.0,
        20 + r.nextInt(250),
        5 + r.nextInt(30),
        r.nextInt(3) == 0,
        r.nextInt(3) == 0 ? 1 + r.nextInt(2) : 0,
        r.nextInt(120),
        true,
        false,
        2,
        30_000);
  }

  SimScenario withLockRule(boolean enforced) {
    return new SimScenario(
        n,
        byzantine,
        twins,
        gst,
        dropRate,
        duplicateRate,
        maxDelayBeforeGst,
        delta,
        partition,
        crashes,
        maxClockSkew,
        enforced,
        realSignaturesOnly,
        blocksAfterGst,
        livenessWindow);
  }

  SimScenario withRealSignaturesOnly() {
    return new SimScenario(
        n,
        byzantine,
        twins,
        gst,
        dropRate,
        duplicateRate,
        maxDelayBeforeGst,
        delta,
        partition,
        crashes,
        maxClockSkew,
        lockRuleEnforced,
        true,
        blocksAfterGst,
        livenessWindow);
  }

  SimScenario withBlocksAfterGst(int blocks) {
    return new SimScenario(
        n,
        byzantine,
        twins,
        gst,
        dropRate,
        duplicateRate,
        maxDelayBeforeGst,
        delta,
        partition,
        crashes,
        maxClockSkew,
        lockRuleEnforced,
        realSignaturesOnly,
        blocks,
        livenessWindow);
  }
}
