package io.votechain.node.cli;

import io.votechain.verifier.cli.VerifyRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code votechain verify --record FILE}: a thin wrapper over the independent verifier's own entry
 * point ({@link VerifyRecord}, in voting-contracts, which needs no node); prints the step-by-step
 * report and exits 0 only when every step passes.
 */
@Command(
    name = "verify",
    description = "Verify an election record independently; optionally write NIST results.")
public final class VerifyRecordCommand implements Callable<Integer> {
  @Option(names = "--record", required = true, description = "The election record file.")
  Path record;

  @Option(names = "--threads", description = "Worker threads (default: all cores).")
  Integer threads;

  @Option(names = "--nist-out", description = "Write NIST SP 1500-100 JSON results here.")
  Path nistOut;

  @Option(names = "--authority", description = "Issuing authority's name (NIST Issuer).")
  String authority;

  @Option(names = "--abbreviation", description = "Issuing authority's abbreviation.")
  String abbreviation;

  @Option(names = "--jurisdiction", description = "Jurisdiction id.")
  String jurisdiction;

  @Option(names = "--jurisdiction-name", description = "Jurisdiction name.")
  String jurisdictionName;

  @Option(names = "--jurisdiction-type", description = "COUNTRY … MUNICIPALITY, ORGANIZATION.")
  String jurisdictionType;

  @Option(names = "--kind", description = "GENERAL, PRIMARY, SPECIAL, RUNOFF, …")
  String kind;

  @Option(names = "--language", description = "Primary language tag (default: the first).")
  String language;

  @Override
  public Integer call() {
    List<String> args = new ArrayList<>(List.of("--record", record.toString()));
    add(args, "threads", threads == null ? null : threads.toString());
    add(args, "nist-out", nistOut == null ? null : nistOut.toString());
    add(args, "authority", authority);
    add(args, "abbreviation", abbreviation);
    add(args, "jurisdiction", jurisdiction);
    add(args, "jurisdiction-name", jurisdictionName);
    add(args, "jurisdiction-type", jurisdictionType);
    add(args, "kind", kind);
    add(args, "language", language);
    return VerifyRecord.run(args.toArray(String[]::new), System.out);
  }

  private static void add(List<String> args, String name, String value) {
    if (value != null) {
      args.add("--" + name);
      args.add(value);
    }
  }
}
