package io.votechain.web.observer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.consensus.message.EquivocationEvidence;
import io.votechain.consensus.message.Proposal;
import io.votechain.consensus.message.SignedProposal;
import io.votechain.consensus.message.SignedVote;
import io.votechain.consensus.message.Vote;
import io.votechain.consensus.message.VoteType;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.store.StoredEvidence;
import io.votechain.web.Messages;
import io.votechain.web.Templates;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The evidence page rendered from stored evidence, without a network, in English and Chinese. */
class EvidencePagesTest {
  private static final Hash32 CHAIN = Sha256.hash("chain".getBytes(StandardCharsets.UTF_8));
  private static final Ed25519Signer KEY =
      Ed25519Signer.fromSeed(Sha256.hash("validator-2".getBytes(StandardCharsets.UTF_8)).bytes());

  private static Hash32 value(String s) {
    return Sha256.hash(s.getBytes(StandardCharsets.UTF_8));
  }

  private static SignedVote precommit(String block) {
    Vote v = new Vote(VoteType.PRECOMMIT, 12, 1, Optional.of(value(block)), 2);
    return new SignedVote(v, KEY.sign(v.signBytes(CHAIN)));
  }

  private static SignedProposal proposal(String block) {
    Proposal p = new Proposal(30, 0, -1, value(block), 2);
    return new SignedProposal(p, KEY.sign(p.signBytes(CHAIN)));
  }

  private static StoredEvidence stored(EquivocationEvidence e) {
    return new StoredEvidence(e.hash(), e.encode());
  }

  private static final EquivocationEvidence VOTES =
      new EquivocationEvidence.DuplicateVote(precommit("a"), precommit("b"));
  private static final EquivocationEvidence PROPOSALS =
      new EquivocationEvidence.DuplicateProposal(proposal("a"), proposal("b"));

  private static String render(Locale locale, List<StoredEvidence> held) {
    ClassLoader loader = EvidencePagesTest.class.getClassLoader();
    Messages messages = Messages.load(loader);
    Templates templates = new Templates(messages, loader);
    Map<String, Object> m = new HashMap<>();
    m.put("evidence", EvidencePages.rows(held));
    m.put("lang", locale.getLanguage());
    m.put("otherLangs", List.of());
    m.put("largeText", false);
    m.put("path", EvidencePages.PATH);
    m.put("nav", List.of());
    m.put("notices", List.of());
    m.put("user", null);
    return templates.render("observer/evidence", locale, m);
  }

  @Test
  void eachPieceSaysInPlainWordsWhoSignedWhatAndLinksToTheSignedMessages() {
    String html = render(Locale.ENGLISH, List.of(stored(VOTES), stored(PROPOSALS)));
    assertTrue(html.contains("Two different precommits at height 12, round 1"), html);
    assertTrue(html.contains("Two different proposals at height 30, round 0"), html);
    assertTrue(html.contains("Validator 2"), html);
    assertTrue(html.contains("href=\"/api/v1/evidence/" + VOTES.hash().hex() + "\""), html);
    assertTrue(html.contains("Evidence held by this validator (2)"), html);
    // One apostrophe (escaped as HTML), not the doubled one of the MessageFormat pattern.
    assertTrue(html.contains("validator&#39;s key"), html);
    assertFalse(html.contains("??"), "no missing message");
  }

  @Test
  void theSamePageInChinese() {
    String html = render(Locale.CHINESE, List.of(stored(VOTES)));
    assertTrue(html.contains("在高度 12、轮次 1 的两个不同的预提交"), html);
    assertTrue(html.contains("双重签名证据"), html);
    assertFalse(html.contains("??"), "no missing message");
  }

  @Test
  void withoutEvidenceThePageSaysNoValidatorWasCaught() {
    String html = render(Locale.ENGLISH, List.of());
    assertTrue(html.contains("no validator has been caught"), html);
    assertFalse(html.contains("<table"), html);
  }

  @Test
  void aRowCarriesTheDecodedSlot() {
    EvidencePages.EvidenceRow row = EvidencePages.rows(List.of(stored(VOTES))).get(0);
    assertEquals(
        new EvidencePages.EvidenceRow(VOTES.hash().hex(), "DUPLICATE_VOTE", 2, 12, 1, "PRECOMMIT"),
        row);
  }
}
