package io.votechain.web.observer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.consensus.block.BlockHeader;
import io.votechain.consensus.block.CommitCertificate;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.genesis.ValidatorInfo;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.web.Messages;
import io.votechain.web.Templates;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The validators page's data and template, without a network. */
class ValidatorsViewTest {
  private static final Genesis GENESIS = genesis();

  private static Genesis genesis() {
    SecureRandom random = new SecureRandom(new byte[] {7});
    List<ValidatorInfo> validators = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      validators.add(
          new ValidatorInfo(Ed25519Signer.generate(random).publicKey(), "127.0.0.1:" + (7000 + i)));
    }
    return new Genesis("test-chain", 0, Hash32.ZERO, validators);
  }

  private static BlockHeader header(long height, int proposer) {
    return new BlockHeader(
        GENESIS.hash(),
        height,
        0,
        1000 * height,
        Hash32.ZERO,
        Hash32.ZERO,
        0,
        Hash32.ZERO,
        Hash32.ZERO,
        proposer);
  }

  /** Block 12 committed in round 1 by validators 0, 1 and 3; blocks 10..12 proposed by 1, 2, 1. */
  private static ValidatorsView view() {
    CommitCertificate latest =
        new CommitCertificate(
            12,
            1,
            Hash32.ZERO,
            List.of(
                new CommitCertificate.Signature(0, new byte[64]),
                new CommitCertificate.Signature(1, new byte[64]),
                new CommitCertificate.Signature(3, new byte[64])));
    return ValidatorsView.of(
        GENESIS, 12, Optional.of(latest), List.of(header(12, 1), header(11, 2), header(10, 1)));
  }

  @Test
  void eachValidatorShowsItsKeyWhetherItSignedTheLatestBlockAndItsLatestProposal() {
    ValidatorsView v = view();
    assertEquals(GENESIS.hash().hex(), v.chainId());
    assertEquals(3, v.quorum());
    assertEquals(1, v.maxFaulty());
    assertEquals(3, v.signatures());
    assertEquals(1, v.latestRound());
    assertEquals(
        List.of(true, true, false, true),
        v.rows().stream().map(ValidatorsView.Row::signedLatest).toList());
    assertEquals(
        List.of(0L, 12L, 11L, 0L),
        v.rows().stream().map(ValidatorsView.Row::lastProposed).toList());
    assertEquals(
        HexFormat.of().formatHex(GENESIS.validator(2).key().encoded()),
        v.rows().get(2).publicKey());
    assertEquals("127.0.0.1:7002", v.rows().get(2).address());
  }

  @Test
  void beforeTheFirstBlockNobodyHasSignedOrProposed() {
    ValidatorsView v = ValidatorsView.of(GENESIS, 0, Optional.empty(), List.of());
    assertEquals(0, v.signatures());
    assertTrue(v.rows().stream().noneMatch(ValidatorsView.Row::signedLatest));
  }

  private static String render(Locale locale, Map<String, Object> model) {
    Messages messages = Messages.load(ValidatorsViewTest.class.getClassLoader());
    Templates templates = new Templates(messages, ValidatorsViewTest.class.getClassLoader());
    Map<String, Object> m = new HashMap<>(model);
    m.put("lang", locale.getLanguage());
    m.put("otherLangs", List.of());
    m.put("largeText", false);
    m.put("path", "/observer/validators");
    m.put("nav", List.of());
    m.put("notices", List.of());
    m.put("user", null);
    return templates.render("observer/validators", locale, m);
  }

  @Test
  void thePageSaysInWordsWhoSignedAndLinksTheProposedBlocks() {
    String html =
        render(Locale.ENGLISH, Map.of("available", true, "view", view(), "recentBlocks", 20));
    assertTrue(
        html.contains(
            "The latest block, 12, was committed in round 1 with 3 signatures (3 needed)."),
        html);
    assertEquals(3, html.split(">Signed<", -1).length - 1, html);
    assertEquals(1, html.split(">Did not sign<", -1).length - 1, html);
    assertTrue(html.contains("href=\"/observer/blocks/11\""), html);
    assertTrue(html.contains("None of the last 20 blocks"), html);
    assertTrue(html.contains(GENESIS.hash().hex()));
    assertFalse(html.contains("??"), "no missing message");
  }

  @Test
  void thePageInChineseAndWithoutAGenesisSaysSo() {
    String zh =
        render(Locale.CHINESE, Map.of("available", true, "view", view(), "recentBlocks", 20));
    assertTrue(zh.contains("最新区块 12 在第 1 轮提交，有 3 个签名（需要 3 个）。"), zh);
    assertFalse(zh.contains("??"));
    String none = render(Locale.ENGLISH, Map.of("available", false));
    assertTrue(none.contains("cannot list the validators"), none);
  }
}
