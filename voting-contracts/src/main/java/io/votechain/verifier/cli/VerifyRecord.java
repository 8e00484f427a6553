package io.votechain.verifier.cli;

import io.votechain.record.NistResults;
import io.votechain.record.nist.Authority;
import io.votechain.record.nist.ElectionKind;
import io.votechain.record.nist.ElectionResult;
import io.votechain.record.nist.Jurisdiction;
import io.votechain.record.nist.JurisdictionType;
import io.votechain.record.nist.LocalizedText;
import io.votechain.verifier.ElectionRecordVerifier;
import io.votechain.verifier.VerifiedElection;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The verifier's command line (docs/election-record.md §6): the only class of voting-contracts that
 * reads and writes files, which the architecture test allows for this package alone.
 *
 * <pre>
 * java -cp voting-contracts.jar:bcprov-jdk18on.jar io.votechain.verifier.cli.VerifyRecord \
 *     --record FILE [--threads N] [--nist-out FILE [--authority NAME] [--jurisdiction ID]
 *     [--jurisdiction-name NAME] [--jurisdiction-type TYPE] [--kind KIND] [--language TAG]]
 * </pre>
 *
 * Exit code 0 only when every step passes; 1 when verification fails; 2 for a usage error.
 */
public final class VerifyRecord {
  private static final String VERSION = "0.1.0";

  private VerifyRecord() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /** Runs the verifier; returns the exit code. */
  public static int run(String[] args, PrintStream out) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        out.println("usage: VerifyRecord --record FILE [--threads N] [--nist-out FILE ...]");
        return 2;
      }
      options.put(args[i].substring(2), args[++i]);
    }
    String file = options.get("record");
    if (file == null) {
      out.println("usage: VerifyRecord --record FILE [--threads N] [--nist-out FILE ...]");
      return 2;
    }
    int threads =
        Integer.parseInt(
            options.getOrDefault(
                "threads", String.valueOf(Runtime.getRuntime().availableProcessors())));
    long started = System.nanoTime();
    ElectionRecordVerifier.Verification v;
    try (InputStream in = new BufferedInputStream(new FileInputStream(file), 1 << 20)) {
      v = new ElectionRecordVerifier(threads, line -> out.println("  … " + line)).verify(in);
    } catch (IOException e) {
      out.println("cannot read " + file + ": " + e.getMessage());
      return 2;
    }
    v.report().lines().forEach(out::println);
    // A shareholder meeting's decision, as the verifier recomputed it (docs/contracts.md §8.5).
    v.election()
        .flatMap(VerifiedElection::meeting)
        .ifPresent(
            m -> {
              out.println(
                  "MEETING: "
                      + m.representedShares()
                      + " of "
                      + m.issuedShares()
                      + " shares represented, quorum "
                      + (m.quorumMet() ? "met" : "not met"));
              m.resolutions()
                  .forEach(
                      r ->
                          out.println(
                              "  "
                                  + r.resolutionId()
                                  + ": for "
                                  + r.votesFor()
                                  + ", against "
                                  + r.votesAgainst()
                                  + ", abstain "
                                  + r.abstentions()
                                  + (r.passed() ? " -> passed" : " -> not passed")));
            });
    out.printf(
        java.util.Locale.ROOT,
        "verified in %.1f s on %d threads%n",
        (System.nanoTime() - started) / 1e9,
        threads);
    if (v.report().passed() && options.containsKey("nist-out") && v.election().isPresent()) {
      try {
        writeNist(v.election().get(), options);
        out.println("NIST SP 1500-100 results written to " + options.get("nist-out"));
      } catch (IOException | IllegalArgumentException e) {
        out.println("cannot write NIST results: " + e.getMessage());
        return 1;
      }
    }
    return v.report().passed() ? 0 : 1;
  }

  private static void writeNist(VerifiedElection e, Map<String, String> o) throws IOException {
    String language = o.getOrDefault("language", e.manifest().name().labels().firstKey());
    NistResults.Reporting reporting =
        new NistResults.Reporting(
            new Authority(
                o.getOrDefault("authority", "Election authority"),
                o.getOrDefault("abbreviation", "EA")),
            new Jurisdiction(
                o.getOrDefault("jurisdiction", "jurisdiction"),
                LocalizedText.of(language, o.getOrDefault("jurisdiction-name", "Jurisdiction")),
                JurisdictionType.valueOf(o.getOrDefault("jurisdiction-type", "ORGANIZATION"))),
            ElectionKind.valueOf(o.getOrDefault("kind", "GENERAL")),
            language);
    ElectionResult result =
        NistResults.of(e.manifest(), e.status(), e.result(), e.counted(), e.spoiled(), reporting);
    try (OutputStream out = new FileOutputStream(o.get("nist-out"))) {
      out.write(NistResults.json(result, VERSION, e.talliedAt()).getBytes(StandardCharsets.UTF_8));
    }
  }
}
