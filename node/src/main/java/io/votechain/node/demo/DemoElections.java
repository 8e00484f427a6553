package io.votechain.node.demo;

import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import io.votechain.tx.election.RevotePolicy;
import java.util.List;

/** The manifests the dev network's demo runs, in English and Chinese. */
public final class DemoElections {
  public static final String MUNICIPAL = "riverton-2027";

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

  private static Choice choice(String id, String en, String zh) {
    return new Choice(id, LocalizedText.of("en", en, "zh", zh));
  }
}
