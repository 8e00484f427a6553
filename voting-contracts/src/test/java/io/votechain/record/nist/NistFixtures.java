package io.votechain.record.nist;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Example results used by the NIST export tests: a municipal election and a company AGM. */
final class NistFixtures {
  static final Instant GENERATED = Instant.parse("2026-11-04T21:30:00Z");

  private NistFixtures() {}

  static LocalizedText enZh(String en, String zh) {
    return LocalizedText.of("en", en, "zh-Hans", zh);
  }

  static ChoiceResult choice(String id, String en, String zh, long total) {
    return new ChoiceResult(id, enZh(en, zh), total);
  }

  static ContestResult mayor() {
    return ContestResult.oneOfN(
        "mayor",
        enZh("Mayor", "市长"),
        List.of(
            choice("alice-chen", "Alice Chen", "陈爱丽", 4_812),
            choice("bob-okafor", "Bob Okafor", "鲍勃·奥卡福", 3_977),
            choice("carla-diaz", "Carla Díaz", "卡拉·迪亚斯", 1_021)));
  }

  static ContestResult council() {
    return ContestResult.kOfN(
        "council",
        enZh("City Council (vote for 2)", "市议会（选两名）"),
        2,
        2,
        List.of(
            choice("dan-ito", "Dan Ito", "伊藤丹", 5_120),
            choice("eve-novak", "Eve Novak", "伊芙·诺瓦克", 4_433),
            choice("fay-singh", "Fay Singh", "费伊·辛格", 3_901),
            choice("gus-moreau", "Gus Moreau", "古斯·莫罗", 2_876),
            choice("hana-kim", "Hana Kim", "金哈娜", 2_310)));
  }

  static ContestResult libraryBond() {
    return ContestResult.yesNo(
        "measure-a",
        enZh("Measure A: Library Bond", "A号提案：图书馆债券"),
        List.of(choice("yes", "Yes", "赞成", 6_204), choice("no", "No", "反对", 3_388)));
  }

  static ElectionResult municipal(ResultStatus status) {
    return new ElectionResult(
        "springfield-2026",
        enZh("Springfield Municipal Election 2026", "斯普林菲尔德2026年市政选举"),
        ElectionKind.GENERAL,
        LocalDate.of(2026, 10, 20),
        LocalDate.of(2026, 11, 3),
        new Authority("Springfield City Clerk", "SPFLD-CLERK"),
        new Jurisdiction(
            "springfield", enZh("City of Springfield", "斯普林菲尔德市"), JurisdictionType.CITY),
        "en",
        List.of(mayor(), council(), libraryBond()),
        9_900,
        214,
        status);
  }

  static ElectionResult municipal() {
    return municipal(ResultStatus.UNOFFICIAL);
  }

  static ContestResult resolution(
      String id, String title, long forShares, long against, long abstain) {
    return ContestResult.resolution(
        id,
        LocalizedText.of("en", title),
        List.of(
            new ChoiceResult("for", LocalizedText.of("en", "For"), forShares),
            new ChoiceResult("against", LocalizedText.of("en", "Against"), against),
            new ChoiceResult("abstain", LocalizedText.of("en", "Abstain"), abstain)));
  }

  static ElectionResult agm() {
    return new ElectionResult(
        "acme-agm-2026",
        LocalizedText.of("en", "ACME Corp. Annual General Meeting 2026"),
        ElectionKind.SHAREHOLDER_MEETING,
        LocalDate.of(2026, 6, 12),
        LocalDate.of(2026, 6, 12),
        new Authority("ACME Corp. Company Secretary", "ACME"),
        new Jurisdiction(
            "acme-corp", LocalizedText.of("en", "ACME Corp."), JurisdictionType.ORGANIZATION),
        "en",
        List.of(
            resolution(
                "r1-accounts",
                "Resolution 1: Approve the annual accounts",
                812_345_678_901L,
                187_654_321_099L,
                1_000_000_000_000L),
            resolution(
                "r2-dividend", "Resolution 2: Declare a final dividend", 999_999_999_999L, 1L, 0L),
            resolution(
                "r3-auditor",
                "Resolution 3: Re-appoint the auditor",
                433_000_000_000L,
                566_999_999_000L,
                1_000L)),
        1_234,
        0,
        ResultStatus.CERTIFIED);
  }
}
