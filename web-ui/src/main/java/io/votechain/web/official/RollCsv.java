package io.votechain.web.official;

import io.votechain.crypto.sig.Ed25519PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Parses a voter-roll file (docs/web-ui.md §3.3): one {@code stationId,credential} line per voter,
 * the credential the 64-hex-digit Ed25519 public key, an optional header line {@code
 * station,credential}, blank lines ignored. Every line is checked and every problem reported with
 * its line number; a file with any problem yields no credentials at all (nothing half-imported).
 */
public final class RollCsv {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

  /** More problems than this are summarised: a wrong file should not produce a huge page. */
  static final int MAX_REPORTED = 50;

  private RollCsv() {}

  /** One problem: the 1-based line, and a message key with its argument. */
  public record Problem(int line, String messageKey, String detail) {}

  /**
   * The outcome: credentials grouped by station (station order, file order inside), or the
   * problems.
   */
  public record Parsed(
      Map<String, List<Ed25519PublicKey>> byStation, List<Problem> problems, int count) {
    public Parsed {
      byStation = java.util.Collections.unmodifiableMap(new TreeMap<>(byStation));
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * Parses {@code text}; {@code onRoll} says whether a credential is registered already. It is
   * asked key by key, for well-formed lines only: the roll is a folder of one key per voter, which
   * is never listed (docs/storage.md §3).
   */
  public static Parsed parse(String text, Predicate<Ed25519PublicKey> onRoll) {
    Map<String, List<Ed25519PublicKey>> byStation = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    Map<String, Integer> seen = new java.util.HashMap<>();
    String[] lines = text.split("\r?\n", -1);
    int count = 0;
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i].strip();
      if (line.isEmpty() || (i == 0 && line.equalsIgnoreCase("station,credential"))) {
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != 2) {
        problems.add(new Problem(lineNo, "roll.problem.fields", Integer.toString(f.length)));
        continue;
      }
      String station = f[0].strip();
      String hex = f[1].strip().toLowerCase(java.util.Locale.ROOT);
      if (!ID.matcher(station).matches()) {
        problems.add(new Problem(lineNo, "roll.problem.station", station));
        continue;
      }
      if (!HEX.matcher(hex).matches()) {
        problems.add(new Problem(lineNo, "roll.problem.key", hex));
        continue;
      }
      Ed25519PublicKey key;
      try {
        key = Ed25519PublicKey.decode(HexFormat.of().parseHex(hex));
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(lineNo, "roll.problem.key", hex));
        continue;
      }
      Integer first = seen.putIfAbsent(hex, lineNo);
      if (first != null) {
        problems.add(new Problem(lineNo, "roll.problem.duplicate", Integer.toString(first)));
        continue;
      }
      if (onRoll.test(key)) {
        problems.add(new Problem(lineNo, "roll.problem.registered", hex));
        continue;
      }
      byStation.computeIfAbsent(station, s -> new ArrayList<>()).add(key);
      count++;
    }
    if (count == 0 && problems.isEmpty()) {
      problems.add(new Problem(0, "roll.problem.empty", ""));
    }
    return problems.isEmpty()
        ? new Parsed(byStation, List.of(), count)
        : new Parsed(Map.of(), problems, 0);
  }
}
