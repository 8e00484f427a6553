package io.votechain.web.official;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.tx.Identifiers;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import io.votechain.tx.election.RevotePolicy;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a NIST SP 1500-20 Ballot Definition (JSON, schema version 1) into an {@link ElectionDraft}:
 * the mapping of docs/nist-import.md. All or nothing: the result is a whole draft whose manifest
 * passes {@link ElectionManifest#problem()}, or one {@link Problem} with a code, the JSON path of
 * the offending element and a detail; nothing of a refused file reaches the draft. The input is
 * bounded before it is parsed ({@link #MAX_BYTES}, {@link #MAX_DEPTH}). Stateless and thread safe.
 */
public final class NistBallotImport {
  /** A real ballot definition for one election is tens of kilobytes; a megabyte is generous. */
  public static final int MAX_BYTES = 1 << 20;

  /** NIST's own example nests 11 deep; the bound stops a stack-exhausting file before parsing. */
  public static final int MAX_DEPTH = 32;

  /** A manifest label holds at most this many characters (LocalizedText's bound). */
  static final int MAX_LABEL_CHARS = LocalizedText.MAX_LABEL_BYTES / 4;

  /** Separates the names of a ticket's candidates in one choice label ("Biden / Harris"). */
  static final String TICKET_SEPARATOR = " / ";

  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}");

  /**
   * Ways of marking that are "select at most k options", the only one a 0/1 encrypted selection per
   * option expresses. Majority and super-majority say how a winner is decided, not how a voter
   * marks, so they fit too.
   */
  private static final Set<String> SUPPORTED_VARIATIONS =
      Set.of("plurality", "n-of-m", "approval", "majority", "super-majority");

  private static final Set<String> UNSUPPORTED_CONTESTS =
      Set.of(
          "BallotDefinition.PartyContest",
          "BallotDefinition.RetentionContest",
          "BallotDefinition.StraightPartyContest",
          "BallotDefinition.PartyPreferenceContest",
          "BallotDefinition.ActivationContest");

  private NistBallotImport() {}

  /** What an import gives: a draft, or the reason it was refused. */
  public sealed interface Outcome {
    /** The whole file mapped; the draft's manifest is valid. */
    record Imported(ElectionDraft draft) implements Outcome {}

    record Refused(Problem problem) implements Outcome {}
  }

  /**
   * Why a file was refused.
   *
   * @param path where, as a JSONPath ({@code $.Election[0].Contest[2].ContestOption[1]})
   * @param detail what was found, in plain words (never the file's text beyond a short excerpt)
   */
  public record Problem(NistImportError code, String path, String detail) {}

  /**
   * Maps {@code file} to a draft of election {@code electionId} with re-vote policy {@code policy}
   * (neither is in a NIST ballot definition, so the official gives them).
   */
  public static Outcome read(byte[] file, String electionId, RevotePolicy policy) {
    try {
      return new Outcome.Imported(new Mapping().map(file, electionId, policy));
    } catch (Refusal r) {
      return new Outcome.Refused(r.problem);
    }
  }

  /**
   * Unwinds the mapping at the first problem. A private control-flow exception keeps each step a
   * plain function of its input instead of threading a result through forty call sites.
   */
  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    Refusal(NistImportError code, String path, String detail) {
      super(code.name(), null, false, false);
      this.problem = new Problem(code, path, detail);
    }
  }

  private static Refusal refuse(NistImportError code, String path, String detail) {
    return new Refusal(code, path, detail);
  }

  /** One import's working state: the election's languages and its candidates. */
  private static final class Mapping {
    private Set<String> languages;
    private final Map<String, Candidate> candidates = new HashMap<>();

    private record Candidate(String path, SortedMap<String, String> ballotName) {}

    ElectionDraft map(byte[] file, String electionId, RevotePolicy policy) {
      if (file.length > MAX_BYTES) {
        throw refuse(
            NistImportError.NIST_TOO_LARGE, "$", file.length + " bytes, at most " + MAX_BYTES);
      }
      String text = utf8(file);
      checkDepth(text);
      Object root;
      try {
        root = Json.decodeValue(text);
      } catch (DecodeException | IllegalArgumentException e) {
        throw refuse(NistImportError.NIST_MALFORMED_JSON, "$", "not JSON");
      }
      JsonObject definition = object(root, "$");
      String type = string(definition, "@type", "$", true);
      if (!type.equals("BallotDefinition.BallotDefinition")) {
        throw refuse(NistImportError.NIST_NOT_A_BALLOT_DEFINITION, "$.@type", excerpt(type));
      }
      JsonArray elections = array(definition, "Election", "$");
      if (elections.size() != 1) {
        throw refuse(
            NistImportError.NIST_ELECTION_COUNT,
            "$.Election",
            elections.size() + " elections, exactly one needed");
      }
      if (!Identifiers.isValid(electionId)) {
        throw refuse(NistImportError.NIST_BAD_IDENTIFIER, "electionId", excerpt(electionId));
      }
      ElectionDraft draft =
          election(
              object(elections.getValue(0), "$.Election[0]"), "$.Election[0]", electionId, policy);
      ElectionDraft.Result r = draft.manifest();
      if (r.manifest() == null) {
        throw refuse(NistImportError.NIST_INVALID_MANIFEST, "$.Election[0]", r.detail());
      }
      return draft;
    }

    private ElectionDraft election(
        JsonObject e, String path, String electionId, RevotePolicy policy) {
      checkType(e, "BallotDefinition.Election", path);
      SortedMap<String, String> name = text(e, "Name", path, true);
      if (name.size() > LocalizedText.MAX_LANGUAGES) {
        throw refuse(
            NistImportError.NIST_BAD_LANGUAGE,
            path + ".Name",
            name.size() + " languages, at most " + LocalizedText.MAX_LANGUAGES);
      }
      languages = name.keySet();
      LocalDate start = date(e, "StartDate", path);
      LocalDate end = date(e, "EndDate", path);
      if (end.isBefore(start)) {
        throw refuse(NistImportError.NIST_BAD_DATE, path + ".EndDate", "before StartDate");
      }
      JsonArray people = optionalArray(e, "Candidate", path);
      for (int i = 0; i < people.size(); i++) {
        String p = path + ".Candidate[" + i + "]";
        JsonObject c = object(people.getValue(i), p);
        checkType(c, "BallotDefinition.Candidate", p);
        String id = string(c, "@id", p, true);
        if (candidates.containsKey(id)) {
          throw refuse(NistImportError.NIST_DUPLICATE_ID, p + ".@id", excerpt(id));
        }
        candidates.put(id, new Candidate(p, text(c, "BallotName", p, false)));
      }
      JsonArray contests = array(e, "Contest", path);
      if (contests.isEmpty()) {
        throw refuse(NistImportError.NIST_MISSING_FIELD, path + ".Contest", "no contest");
      }
      if (contests.size() > ElectionManifest.MAX_CONTESTS) {
        throw refuse(
            NistImportError.NIST_TOO_MANY_CONTESTS,
            path + ".Contest",
            contests.size() + " contests, at most " + ElectionManifest.MAX_CONTESTS);
      }
      List<Contest> mapped = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      for (Element c : inBallotOrder(contests, path + ".Contest")) {
        Contest contest = contest(c.object(), c.path());
        if (!ids.add(contest.contestId())) {
          throw refuse(NistImportError.NIST_DUPLICATE_ID, c.path() + ".@id", contest.contestId());
        }
        mapped.add(contest);
      }
      // Block timestamps are UTC and the window's end is exclusive: the election runs from the
      // start of its first day to the end of its last, both read as UTC days (the official can
      // adjust the times in the basics form before proposing).
      return new ElectionDraft(
          electionId, name, start + "T00:00", end.plusDays(1) + "T00:00", policy, mapped);
    }

    private Contest contest(JsonObject c, String path) {
      String type = string(c, "@type", path, true);
      if (UNSUPPORTED_CONTESTS.contains(type)) {
        throw refuse(NistImportError.NIST_UNSUPPORTED_CONTEST, path + ".@type", type);
      }
      boolean candidateContest = type.equals("BallotDefinition.CandidateContest");
      if (!candidateContest && !type.equals("BallotDefinition.BallotMeasureContest")) {
        throw refuse(NistImportError.NIST_UNSUPPORTED_CONTEST, path + ".@type", excerpt(type));
      }
      String id = identifier(c, path);
      String variation = string(c, "VoteVariation", path, false);
      if (variation != null && !SUPPORTED_VARIATIONS.contains(variation)) {
        throw refuse(
            NistImportError.NIST_UNSUPPORTED_VOTE_VARIATION,
            path + ".VoteVariation",
            excerpt(variation));
      }
      SortedMap<String, String> title =
          c.containsKey("BallotTitle")
              ? text(c, "BallotTitle", path, true)
              : everyLanguage(string(c, "Name", path, true), path + ".Name");
      JsonArray options = optionalArray(c, "ContestOption", path);
      if (options.size() > Contest.MAX_CHOICES) {
        throw refuse(
            NistImportError.NIST_TOO_MANY_OPTIONS,
            path + ".ContestOption",
            options.size() + " options, at most " + Contest.MAX_CHOICES);
      }
      List<Choice> choices = new ArrayList<>();
      Set<String> choiceIds = new HashSet<>();
      for (Element o : inBallotOrder(options, path + ".ContestOption")) {
        Choice choice =
            candidateContest
                ? candidateOption(o.object(), o.path())
                : measureOption(o.object(), o.path());
        if (!choiceIds.add(choice.choiceId())) {
          throw refuse(NistImportError.NIST_DUPLICATE_ID, o.path() + ".@id", choice.choiceId());
        }
        choices.add(choice);
      }
      ContestKind kind;
      int limit;
      if (candidateContest) {
        Long ranks = integer(c, "RanksAllowed", path);
        if (ranks != null && ranks > 0) {
          throw refuse(
              NistImportError.NIST_UNSUPPORTED_VOTE_VARIATION,
              path + ".RanksAllowed",
              "ranked voting");
        }
        Long votes = integer(c, "VotesAllowed", path);
        if (votes == null) {
          throw refuse(NistImportError.NIST_MISSING_FIELD, path + ".VotesAllowed", "absent");
        }
        if (votes < 1 || votes > Math.max(1, choices.size())) {
          throw refuse(
              NistImportError.NIST_BAD_VOTES_ALLOWED,
              path + ".VotesAllowed",
              votes + " with " + choices.size() + " options");
        }
        limit = votes.intValue();
        kind = limit == 1 ? ContestKind.ONE_OF_N : ContestKind.K_OF_N;
      } else {
        // A measure with two options is the manifest's yes/no; more options, pick one.
        limit = 1;
        kind = choices.size() == 2 ? ContestKind.YES_NO : ContestKind.ONE_OF_N;
      }
      Contest contest = new Contest(id, kind, limit, new LocalizedText(title), choices);
      contest
          .problem()
          .ifPresent(
              p -> {
                throw refuse(NistImportError.NIST_INVALID_MANIFEST, path, p);
              });
      return contest;
    }

    private Choice candidateOption(JsonObject o, String path) {
      String type = string(o, "@type", path, true);
      if (!type.equals("BallotDefinition.CandidateOption")) {
        throw refuse(NistImportError.NIST_UNSUPPORTED_OPTION, path + ".@type", excerpt(type));
      }
      String id = identifier(o, path);
      Object writeIn = o.getValue("IsWriteIn");
      if (writeIn != null && !(writeIn instanceof Boolean)) {
        throw refuse(NistImportError.NIST_WRONG_TYPE, path + ".IsWriteIn", "a boolean expected");
      }
      if (Boolean.TRUE.equals(writeIn)) {
        throw refuse(NistImportError.NIST_WRITE_IN_UNSUPPORTED, path, id);
      }
      JsonArray ids = optionalArray(o, "CandidateIds", path);
      if (ids.isEmpty()) {
        throw refuse(NistImportError.NIST_UNKNOWN_CANDIDATE, path + ".CandidateIds", "empty");
      }
      SortedMap<String, String> label = new TreeMap<>();
      for (int i = 0; i < ids.size(); i++) {
        String p = path + ".CandidateIds[" + i + "]";
        Object v = ids.getValue(i);
        if (!(v instanceof String)) {
          throw refuse(NistImportError.NIST_WRONG_TYPE, p, "a string expected");
        }
        Candidate candidate = candidates.get(v);
        if (candidate == null) {
          throw refuse(NistImportError.NIST_UNKNOWN_CANDIDATE, p, excerpt((String) v));
        }
        if (candidate.ballotName() == null) {
          throw refuse(
              NistImportError.NIST_MISSING_FIELD, candidate.path() + ".BallotName", "absent");
        }
        checkLanguages(candidate.ballotName(), candidate.path() + ".BallotName");
        candidate
            .ballotName()
            .forEach((lang, name) -> label.merge(lang, name, (a, b) -> a + TICKET_SEPARATOR + b));
      }
      for (String joined : label.values()) {
        if (joined.length() > MAX_LABEL_CHARS) {
          throw refuse(
              NistImportError.NIST_TEXT_TOO_LONG,
              path + ".CandidateIds",
              "the ticket's names make "
                  + joined.length()
                  + " characters, at most "
                  + MAX_LABEL_CHARS);
        }
      }
      return new Choice(id, new LocalizedText(label));
    }

    private Choice measureOption(JsonObject o, String path) {
      String type = string(o, "@type", path, true);
      if (!type.equals("BallotDefinition.BallotMeasureOption")) {
        throw refuse(NistImportError.NIST_UNSUPPORTED_OPTION, path + ".@type", excerpt(type));
      }
      String id = identifier(o, path);
      return new Choice(id, new LocalizedText(text(o, "Selection", path, true)));
    }

    /** An InternationalizedText in exactly the election's languages (once they are known). */
    private SortedMap<String, String> text(
        JsonObject parent, String key, String path, boolean required) {
      String p = path + "." + key;
      if (!parent.containsKey(key) && !required) {
        return null;
      }
      if (!parent.containsKey(key)) {
        throw refuse(NistImportError.NIST_MISSING_FIELD, p, "absent");
      }
      JsonObject t = object(parent.getValue(key), p);
      checkType(t, "BallotDefinition.InternationalizedText", p);
      JsonArray strings = array(t, "Text", p);
      if (strings.isEmpty()) {
        throw refuse(NistImportError.NIST_EMPTY_TEXT, p + ".Text", "no language");
      }
      SortedMap<String, String> labels = new TreeMap<>();
      for (int i = 0; i < strings.size(); i++) {
        String sp = p + ".Text[" + i + "]";
        JsonObject s = object(strings.getValue(i), sp);
        checkType(s, "BallotDefinition.LanguageString", sp);
        String lang = string(s, "Language", sp, true);
        if (!LANGUAGE.matcher(lang).matches()) {
          throw refuse(NistImportError.NIST_BAD_LANGUAGE, sp + ".Language", excerpt(lang));
        }
        String content = label(string(s, "Content", sp, true), sp + ".Content");
        if (labels.put(lang, content) != null) {
          throw refuse(NistImportError.NIST_DUPLICATE_LANGUAGE, sp + ".Language", lang);
        }
      }
      if (languages != null) {
        checkLanguages(labels, p);
      }
      return labels;
    }

    /** A language-less NIST string (a contest's Name) used as the label in every language. */
    private SortedMap<String, String> everyLanguage(String value, String path) {
      String content = label(value, path);
      SortedMap<String, String> labels = new TreeMap<>();
      languages.forEach(l -> labels.put(l, content));
      return labels;
    }

    private void checkLanguages(SortedMap<String, String> labels, String path) {
      if (!labels.keySet().equals(languages)) {
        throw refuse(
            NistImportError.NIST_LANGUAGES_DIFFER,
            path,
            "has " + labels.keySet() + ", the election's name has " + languages);
      }
    }

    private static String label(String content, String path) {
      String c = content.strip();
      if (c.isEmpty()) {
        throw refuse(NistImportError.NIST_EMPTY_TEXT, path, "blank");
      }
      if (c.length() > MAX_LABEL_CHARS) {
        throw refuse(
            NistImportError.NIST_TEXT_TOO_LONG,
            path,
            c.length() + " characters, at most " + MAX_LABEL_CHARS);
      }
      return c;
    }

    private static String identifier(JsonObject o, String path) {
      String id = string(o, "@id", path, true);
      if (!Identifiers.isValid(id)) {
        throw refuse(NistImportError.NIST_BAD_IDENTIFIER, path + ".@id", excerpt(id));
      }
      return id;
    }

    private static LocalDate date(JsonObject o, String key, String path) {
      String v = string(o, key, path, true);
      try {
        return LocalDate.parse(v);
      } catch (DateTimeParseException e) {
        throw refuse(NistImportError.NIST_BAD_DATE, path + "." + key, excerpt(v));
      }
    }
  }

  /** An array element with its path and its place on the ballot. */
  private record Element(JsonObject object, String path, long order) {}

  /**
   * The elements of {@code items} (each an object) sorted by {@code SequenceOrder}, the order NIST
   * gives for the ballot; elements without one come after, and ties keep the file's order.
   */
  private static List<Element> inBallotOrder(JsonArray items, String path) {
    List<Element> elements = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String p = path + "[" + i + "]";
      JsonObject o = object(items.getValue(i), p);
      Long seq = integer(o, "SequenceOrder", p);
      elements.add(new Element(o, p, seq == null ? Long.MAX_VALUE : seq));
    }
    // List.sort is stable, so ties keep the file's order.
    elements.sort(Comparator.comparingLong(Element::order));
    return elements;
  }

  private static void checkType(JsonObject o, String expected, String path) {
    Object t = o.getValue("@type");
    if (t != null && !expected.equals(t)) {
      throw refuse(
          NistImportError.NIST_WRONG_TYPE,
          path + ".@type",
          (t instanceof String s ? excerpt(s) : "not a string") + ", " + expected + " expected");
    }
  }

  private static JsonObject object(Object v, String path) {
    if (!(v instanceof JsonObject o)) {
      throw refuse(NistImportError.NIST_WRONG_TYPE, path, "an object expected");
    }
    return o;
  }

  /** A required array. */
  private static JsonArray array(JsonObject o, String key, String path) {
    if (!o.containsKey(key)) {
      throw refuse(NistImportError.NIST_MISSING_FIELD, path + "." + key, "absent");
    }
    return optionalArray(o, key, path);
  }

  /** An array, empty when absent. */
  private static JsonArray optionalArray(JsonObject o, String key, String path) {
    Object v = o.getValue(key);
    if (v == null) {
      return new JsonArray();
    }
    if (!(v instanceof JsonArray a)) {
      throw refuse(NistImportError.NIST_WRONG_TYPE, path + "." + key, "an array expected");
    }
    return a;
  }

  private static String string(JsonObject o, String key, String path, boolean required) {
    Object v = o.getValue(key);
    if (v == null) {
      if (required) {
        throw refuse(NistImportError.NIST_MISSING_FIELD, path + "." + key, "absent");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw refuse(NistImportError.NIST_WRONG_TYPE, path + "." + key, "a string expected");
    }
    return s;
  }

  /** A whole number, or null when absent; fractions and huge numbers are the wrong type. */
  private static Long integer(JsonObject o, String key, String path) {
    Object v = o.getValue(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger b && b.bitLength() < 63) {
      return b.longValue();
    }
    throw refuse(NistImportError.NIST_WRONG_TYPE, path + "." + key, "a whole number expected");
  }

  private static String utf8(byte[] file) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(file))
          .toString();
    } catch (CharacterCodingException e) {
      throw refuse(NistImportError.NIST_MALFORMED_JSON, "$", "not UTF-8 text");
    }
  }

  /**
   * Refuses nesting deeper than {@link #MAX_DEPTH} by scanning the text before any parser sees it,
   * so a file of a million brackets costs one pass and no recursion.
   */
  private static void checkDepth(String text) {
    int depth = 0;
    boolean inString = false;
    boolean escaped = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (ch == '\\') {
          escaped = true;
        } else if (ch == '"') {
          inString = false;
        }
      } else if (ch == '"') {
        inString = true;
      } else if (ch == '{' || ch == '[') {
        if (++depth > MAX_DEPTH) {
          throw refuse(
              NistImportError.NIST_TOO_DEEP,
              "$",
              "nested deeper than " + MAX_DEPTH + " at character " + i);
        }
      } else if (ch == '}' || ch == ']') {
        depth--;
      }
    }
  }

  /** At most 40 characters of a value from the file, for a refusal's detail. */
  private static String excerpt(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
