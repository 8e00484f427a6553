package io.votechain.node.demo;

import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import io.votechain.tx.election.RevotePolicy;
import io.votechain.tx.meeting.MeetingManifest;
import io.votechain.tx.meeting.PassThreshold;
import io.votechain.tx.meeting.Quorum;
import java.util.List;

/** The manifests the dev network's demo runs, in English and Chinese. */
public final class DemoElections {
  public static final String MUNICIPAL = "riverton-2027";
  public static final String AGM = "riverton-water-agm-2027";

  private DemoElections() {}

  /** A municipal election: mayor (1 of 3), council (2 of 4), a yes/no measure. */
  public static ElectionManifest municipal(long votingStart, long votingEnd) {
    return new ElectionManifest(
        MUNICIPAL,
        LocalizedText.of("en", "Riverton municipal election 2027", "zh", "里弗顿 2027 年市政选举"),
        List.of(
            new Contest(
                "mayor",
                ContestKind.ONE_OF_N,
                1,
                LocalizedText.of("en", "Mayor", "zh", "市长"),
                List.of(
                    choice("alvarez", "Maria Alvarez", "玛丽亚·阿尔瓦雷斯"),
                    choice("chen", "Wei Chen", "陈伟"),
                    choice("okafor", "Ngozi Okafor", "恩戈齐·奥卡福"))),
            new Contest(
                "council",
                ContestKind.K_OF_N,
                2,
                LocalizedText.of("en", "City council (choose up to 2)", "zh", "市议会（最多选 2 位）"),
                List.of(
                    choice("dubois", "Camille Dubois", "卡米耶·杜布瓦"),
                    choice("haddad", "Omar Haddad", "奥马尔·哈达德"),
                    choice("kowalski", "Anna Kowalski", "安娜·科瓦尔斯基"),
                    choice("tanaka", "Yuki Tanaka", "田中由纪"))),
            new Contest(
                "library-bond",
                ContestKind.YES_NO,
                1,
                LocalizedText.of(
                    "en", "Measure A: issue a bond to expand the public library?",
                    "zh", "A 号提案：发行债券扩建公共图书馆？"),
                List.of(choice("yes", "Yes", "是"), choice("no", "No", "否")))),
        votingStart,
        votingEnd,
        RevotePolicy.LAST_VOTE_COUNTS);
  }

  /**
   * The annual general meeting of a company: 3 resolutions (accounts and auditor ordinary, a change
   * of the articles special, 75 %), quorum one third of the issued shares.
   */
  public static MeetingManifest agm(long recordDate, long votingStart, long votingEnd) {
    List<Contest> resolutions =
        List.of(
            resolution("r1-accounts", "Approve the 2026 annual accounts", "批准 2026 年度财务报告"),
            resolution("r2-auditor", "Re-appoint the auditor", "续聘审计师"),
            resolution("r3-articles", "Amend the articles of association", "修订公司章程"));
    ElectionManifest election =
        new ElectionManifest(
            AGM,
            LocalizedText.of(
                "en", "Riverton Water plc — annual general meeting 2027",
                "zh", "里弗顿水务公司 2027 年股东周年大会"),
            resolutions,
            votingStart,
            votingEnd,
            RevotePolicy.LAST_VOTE_COUNTS);
    return new MeetingManifest(
        election,
        recordDate,
        new Quorum(1, 3),
        List.of(PassThreshold.ORDINARY, PassThreshold.ORDINARY, PassThreshold.SPECIAL));
  }

  private static Contest resolution(String id, String en, String zh) {
    return new Contest(
        id,
        ContestKind.ONE_OF_N,
        1,
        LocalizedText.of("en", en, "zh", zh),
        List.of(
            choice("for", "For", "赞成"),
            choice("against", "Against", "反对"),
            choice("abstain", "Abstain", "弃权")));
  }

  private static Choice choice(String id, String en, String zh) {
    return new Choice(id, LocalizedText.of("en", en, "zh", zh));
  }
}
