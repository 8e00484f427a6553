package io.votechain.web.voter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.ballot.BallotStyle;
import io.votechain.ballot.BallotVerification;
import io.votechain.ballot.BallotVerifier;
import io.votechain.ballot.ContestDescription;
import io.votechain.ballot.EncryptedBallot;
import io.votechain.ballot.EncryptionContext;
import io.votechain.ballot.SpoiledBallotCheck;
import io.votechain.consensus.block.BlockHeader;
import io.votechain.consensus.block.CommitCertificate;
import io.votechain.consensus.message.SignedVote;
import io.votechain.consensus.message.Vote;
import io.votechain.consensus.message.VoteType;
import io.votechain.crypto.elgamal.ElectionKey;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.merkle.InclusionProof;
import io.votechain.crypto.merkle.MerkleTree;
import io.votechain.crypto.proof.RangeProofResult;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.tx.CastBallot;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.SpoilBallot;
import io.votechain.web.browser.BrowserSession;
import io.votechain.web.browser.StaticSite;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The browser's ballot cryptography ({@code src/main/js/lib}) run in headless Chromium and checked
 * against the Java implementation: the known-answer vectors of docs/crypto.md §6.8 byte for byte,
 * ballots encrypted in the browser with the browser's own randomness verified by {@link
 * BallotVerifier}, ballots tampered in the browser refused, transactions signed in the browser
 * accepted by {@link SignedTransaction}, and the check page's inclusion verification against
 * evidence made by the node's classes.
 */
class BrowserCryptoTest {
  @RegisterExtension static final BrowserSession browser = new BrowserSession();

  private static StaticSite site;
  private static final HexFormat HEX = HexFormat.of();

  /** Imports the bundle, then runs {@code body} with {@code vc} bound to it. */
  private static final String WITH_MODULE =
      "import('/static/js/crypto.entry.js').then(vc => { try { %s } catch (e) {"
          + " done('ERROR ' + e + ' ' + e.stack); } }, e => done('ERROR import ' + e));";

  /** JS: the ballot of arguments[0] (JSON), encrypted; answers the encoding, hash and code. */
  private static final String ENCRYPT =
      "const c = JSON.parse(arguments[0]); const h = vc.encoding.fromHex;"
          + " const ctx = {extendedBaseHash: h(c.he), electionKey: vc.group.decodePoint(h(c.key))};"
          + " const nonce = c.nonce ? h(c.nonce) : crypto.getRandomValues(new Uint8Array(32));"
          + " const plain = {ballotId: c.ballotId, styleId: c.style.styleId, marks: c.marks};"
          + " const b = vc.ballot.encryptBallot(ctx, c.style, plain, nonce);"
          + " %s"
          + " const enc = vc.ballot.encodeBallot(b);"
          + " const hash = vc.ballot.ballotHash(ctx.extendedBaseHash, enc);"
          + " done({encoding: vc.encoding.toHex(enc), hash: vc.encoding.toHex(hash),"
          + " code: vc.codes.trackingCode(hash), nonce: vc.encoding.toHex(nonce)});";

  @BeforeAll
  static void startSite() throws Exception {
    site = new StaticSite();
  }

  @AfterAll
  static void stopSite() throws Exception {
    if (site != null) {
      site.close();
    }
  }

  @BeforeEach
  void blankPage() {
    browser.open(site.origin() + "/blank");
  }

  private static Object run(String body, Object... args) {
    Object result = browser.asyncScript(String.format(WITH_MODULE, body), args);
    if (result instanceof String s && s.startsWith("ERROR")) {
      throw new AssertionError("browser: " + s);
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private static java.util.Map<String, Object> encrypt(JsonObject request, String tamper) {
    return (java.util.Map<String, Object>) run(String.format(ENCRYPT, tamper), request.encode());
  }

  private static JsonObject styleJson(BallotStyle style) {
    JsonArray contests = new JsonArray();
    for (ContestDescription c : style.contests()) {
      contests.add(
          new JsonObject()
              .put("contestId", c.contestId())
              .put("selectionCount", c.selectionCount())
              .put("selectionLimit", c.selectionLimit())
              .put("weight", c.weight()));
    }
    return new JsonObject().put("styleId", style.styleId()).put("contests", contests);
  }

  /** An election of the tests: key from a seeded generator, two contests. */
  private static final class Election {
    final SecureRandom random = seeded(7);
    final ElectionKey key = new ElectionKey(P256.G.multiplyFixed(Scalar.randomNonZero(random)));
    final Hash32 extendedBaseHash = Hash32.of(bytes(random, 32));
    final EncryptionContext context = new EncryptionContext(extendedBaseHash, key);
    final BallotStyle style =
        new BallotStyle(
            "city-2026",
            List.of(ContestDescription.of("mayor", 3, 1), ContestDescription.of("council", 4, 2)));

    JsonObject request(String ballotId, List<List<Integer>> marks) {
      return new JsonObject()
          .put("he", extendedBaseHash.hex())
          .put("key", HEX.formatHex(key.point().encode()))
          .put("style", styleJson(style))
          .put("ballotId", ballotId)
          .put("marks", new JsonArray(new ArrayList<>(marks)));
    }
  }

  @Nested
  class KnownAnswers {
    @Test
    void browserReproducesEveryBallotVectorByteForByte() throws Exception {
      JsonObject file;
      try (InputStream in =
          getClass().getClassLoader().getResourceAsStream("vectors/ballot-encryption.json")) {
        file = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      JsonArray vectors = file.getJsonArray("vectors");
      assertEquals(3, vectors.size());
      for (int v = 0; v < vectors.size(); v++) {
        JsonObject vector = vectors.getJsonObject(v);
        JsonObject expected = vector.getJsonObject("expected");
        JsonObject style = vector.getJsonObject("style");
        JsonArray contests = new JsonArray();
        for (Object o : style.getJsonArray("contests")) {
          JsonObject c = (JsonObject) o;
          contests.add(
              new JsonObject()
                  .put("contestId", c.getString("contest_id"))
                  .put("selectionCount", c.getInteger("selection_count"))
                  .put("selectionLimit", c.getInteger("selection_limit"))
                  .put("weight", c.getLong("weight")));
        }
        JsonObject request =
            new JsonObject()
                .put("sk", vector.getString("secret_key"))
                .put("he", vector.getString("extended_base_hash"))
                .put(
                    "style",
                    new JsonObject()
                        .put("styleId", style.getString("style_id"))
                        .put("contests", contests))
                .put("ballotId", vector.getString("ballot_id"))
                .put("marks", vector.getJsonArray("marks"))
                .put("nonce", vector.getString("primary_nonce"));
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> got =
            (java.util.Map<String, Object>)
                run(
                    "const c = JSON.parse(arguments[0]); const h = vc.encoding.fromHex;"
                        + " const x = vc.encoding.toHex;"
                        + " const K = vc.group.mul(vc.group.G, BigInt('0x' + c.sk));"
                        + " const he = h(c.he); const hi = vc.ballot.ballotBinding(he, c.ballotId);"
                        + " const b = vc.ballot.encryptBallot({extendedBaseHash: he, electionKey: K},"
                        + " c.style, {ballotId: c.ballotId, styleId: c.style.styleId, marks: c.marks},"
                        + " h(c.nonce));"
                        + " const w = new vc.encoding.CanonicalWriter();"
                        + " vc.ballot.writeRangeProof(w, b.contests[0].selections[0].proof);"
                        + " const enc = vc.ballot.encodeBallot(b);"
                        + " done({key: x(vc.group.pointBytes(K)), binding: x(hi),"
                        + " nonce00: x(vc.group.scalarBytes(vc.ballot.selectionNonce(hi, 0, 0, h(c.nonce)))),"
                        + " proof00: x(w.toBytes()), encoding: x(enc),"
                        + " hash: x(vc.ballot.ballotHash(he, enc))});",
                    request.encode());
        String what = vector.getString("description");
        assertEquals(expected.getString("election_key"), got.get("key"), what);
        assertEquals(expected.getString("ballot_binding"), got.get("binding"), what);
        assertEquals(expected.getString("selection_nonce_0_0"), got.get("nonce00"), what);
        assertEquals(expected.getString("selection_proof_0_0"), got.get("proof00"), what);
        assertEquals(expected.getString("ballot_encoding"), got.get("encoding"), what);
        assertEquals(expected.getString("ballot_hash"), got.get("hash"), what);
      }
    }

    @Test
    void trackingCodeInBrowserEqualsTheJavaOne() {
      Hash32 hash = Hash32.of(bytes(seeded(3), 32));
      Object code =
          run("done(vc.codes.trackingCode(vc.encoding.fromHex(arguments[0])));", hash.hex());
      assertEquals(TrackingCode.of(hash), code);
      assertEquals(Optional.of(hash), TrackingCode.parse(((String) code).toLowerCase()));
    }
  }

  @Nested
  class Encryption {
    private final Election election = new Election();

    @Test
    void ballotEncryptedInBrowserVerifiesWithTheJavaVerifier() {
      var got =
          encrypt(
              election.request("web-ballot-1", List.of(List.of(0, 1, 0), List.of(1, 0, 0, 1))), "");
      EncryptedBallot ballot = EncryptedBallot.decode(HEX.parseHex((String) got.get("encoding")));
      assertEquals(
          BallotVerification.VALID,
          BallotVerifier.verify(election.context, election.style, ballot));
      Hash32 hash = ballot.hash(election.extendedBaseHash);
      assertEquals(hash.hex(), got.get("hash"));
      assertEquals(TrackingCode.of(hash), got.get("code"));
    }

    @Test
    void twoEncryptionsOfOneChoiceUseFreshBrowserRandomness() {
      JsonObject request =
          election.request("web-ballot-2", List.of(List.of(1, 0, 0), List.of(0, 0, 0, 0)));
      var first = encrypt(request, "");
      var second = encrypt(request, "");
      assertNotEquals(first.get("nonce"), second.get("nonce"));
      assertNotEquals(first.get("encoding"), second.get("encoding"));
    }

    @Test
    void ciphertextsSwappedInBrowserFailJavaVerification() {
      var got =
          encrypt(
              election.request("web-ballot-3", List.of(List.of(1, 0, 0), List.of(0, 0, 0, 0))),
              "const s = b.contests[0].selections; const t = s[0].alpha; s[0].alpha = s[1].alpha;"
                  + " s[1].alpha = t; const u = s[0].beta; s[0].beta = s[1].beta; s[1].beta = u;");
      EncryptedBallot ballot = EncryptedBallot.decode(HEX.parseHex((String) got.get("encoding")));
      BallotVerification verdict = BallotVerifier.verify(election.context, election.style, ballot);
      assertEquals(BallotVerification.Reason.SELECTION_PROOF_INVALID, verdict.reason());
      assertEquals(0, verdict.contest());
      assertEquals(0, verdict.selection());
      assertEquals(RangeProofResult.Reason.CHALLENGE_MISMATCH, verdict.proof().reason());
    }

    @Test
    void markChangedAfterProvingFailsJavaVerification() {
      // Re-encrypt selection 0 as a 1 while keeping the proof made for the 0.
      var got =
          encrypt(
              election.request("web-ballot-4", List.of(List.of(0, 0, 1), List.of(0, 0, 0, 0))),
              "const ct = vc.ballot.encrypt(ctx.electionKey, 1n, 12345n);"
                  + " b.contests[0].selections[0].alpha = ct.alpha;"
                  + " b.contests[0].selections[0].beta = ct.beta;");
      EncryptedBallot ballot = EncryptedBallot.decode(HEX.parseHex((String) got.get("encoding")));
      BallotVerification verdict = BallotVerifier.verify(election.context, election.style, ballot);
      assertEquals(BallotVerification.Reason.SELECTION_PROOF_INVALID, verdict.reason());
      assertEquals(0, verdict.selection());
    }

    @Test
    void proofsMovedToAnotherBallotIdFailJavaVerification() {
      var got =
          encrypt(
              election.request("web-ballot-5", List.of(List.of(0, 1, 0), List.of(0, 0, 0, 0))),
              "b.ballotId = 'web-ballot-6';");
      EncryptedBallot ballot = EncryptedBallot.decode(HEX.parseHex((String) got.get("encoding")));
      assertEquals(
          BallotVerification.Reason.SELECTION_PROOF_INVALID,
          BallotVerifier.verify(election.context, election.style, ballot).reason());
    }

    @Test
    void browserRefusesAnOvervoteBeforeEncrypting() {
      Object got =
          browser.asyncScript(
              String.format(WITH_MODULE, String.format(ENCRYPT, "")),
              election
                  .request("web-ballot-7", List.of(List.of(1, 1, 0), List.of(0, 0, 0, 0)))
                  .encode());
      assertTrue(String.valueOf(got).contains("more marks than the limit"), String.valueOf(got));
    }
  }

  @Nested
  class Transactions {
    private final Election election = new Election();
    private final Ed25519Signer credential = Ed25519Signer.generate(seeded(11));
    private final String code = CredentialCode.of(credential);

    @Test
    void castBallotSignedInBrowserIsAcceptedByJava() {
      var got =
          encrypt(
              election.request("web-cast-1", List.of(List.of(0, 0, 1), List.of(0, 1, 1, 0))), "");
      Object result =
          run(
              "const seed = vc.codes.parseCredentialCode(arguments[0]);"
                  + " const pk = vc.transactions.credentialPublicKey(seed);"
                  + " const body = vc.transactions.castBallotBody('city-2026', pk,"
                  + " vc.encoding.fromHex(arguments[1]));"
                  + " const tx = vc.transactions.signTransaction(seed, 3, body, arguments[2]);"
                  + " done({bytes: vc.encoding.toHex(tx.bytes), id: tx.id});",
              code,
              got.get("encoding"),
              "votechain-test");
      @SuppressWarnings("unchecked")
      var tx = (java.util.Map<String, Object>) result;
      SignedTransaction decoded = SignedTransaction.decode(HEX.parseHex((String) tx.get("bytes")));
      assertTrue(decoded.verifySignature("votechain-test"));
      assertFalse(decoded.verifySignature("votechain-other"));
      assertEquals(decoded.id().hex(), tx.get("id"));
      assertEquals(3, decoded.nonce());
      assertEquals(credential.publicKey(), decoded.signer());
      CastBallot cast = (CastBallot) decoded.body();
      assertEquals("city-2026", cast.electionId());
      assertEquals(credential.publicKey(), cast.credential());
      assertEquals(
          BallotVerification.VALID,
          BallotVerifier.verify(election.context, election.style, cast.ballot()));
    }

    @Test
    void spoiledBallotFromBrowserMatchesTheChoicesItDiscloses() {
      SpoilBallot spoil = spoil(List.of(List.of(0, 1, 0), List.of(1, 0, 0, 0)), "");
      assertTrue(
          SpoiledBallotCheck.check(
                  election.context,
                  election.style,
                  spoil.ballot(),
                  spoil.nonces(),
                  spoil.plaintext())
              .matches());
    }

    @Test
    void spoiledBallotClaimingOtherChoicesIsCaught() {
      SpoilBallot spoil =
          spoil(
              List.of(List.of(0, 1, 0), List.of(1, 0, 0, 0)),
              "plain.marks = [[1, 0, 0], [1, 0, 0, 0]];");
      SpoiledBallotCheck.Result result =
          SpoiledBallotCheck.check(
              election.context, election.style, spoil.ballot(), spoil.nonces(), spoil.plaintext());
      assertEquals(SpoiledBallotCheck.Reason.SELECTION_MISMATCH, result.reason());
      assertEquals(0, result.contest());
      assertEquals(0, result.selection());
    }

    private SpoilBallot spoil(List<List<Integer>> marks, String tamperClaim) {
      Object result =
          run(
              "const c = JSON.parse(arguments[0]); const h = vc.encoding.fromHex;"
                  + " const ctx = {extendedBaseHash: h(c.he), electionKey: vc.group.decodePoint(h(c.key))};"
                  + " const nonce = crypto.getRandomValues(new Uint8Array(32));"
                  + " const plain = {ballotId: c.ballotId, styleId: c.style.styleId, marks: c.marks};"
                  + " const b = vc.ballot.encryptBallot(ctx, c.style, plain, nonce);"
                  + tamperClaim
                  + " const seed = vc.codes.parseCredentialCode(arguments[1]);"
                  + " const body = vc.transactions.spoilBallotBody('city-2026',"
                  + " vc.ballot.encodeBallot(b), vc.ballot.encodeNonces(c.ballotId, nonce), plain);"
                  + " done(vc.encoding.toHex(vc.transactions.signTransaction(seed, 0, body,"
                  + " 'votechain-test').bytes));",
              election.request("web-spoil-1", marks).encode(),
              code);
      SignedTransaction decoded = SignedTransaction.decode(HEX.parseHex((String) result));
      assertTrue(decoded.verifySignature("votechain-test"));
      return (SpoilBallot) decoded.body();
    }

    @Test
    void credentialCodeFromTheRegistrarGivesTheSameKeyInTheBrowser() {
      Object pk =
          run(
              "done(vc.encoding.toHex(vc.transactions.credentialPublicKey("
                  + "vc.codes.parseCredentialCode(arguments[0]))));",
              code.toLowerCase());
      assertEquals(HEX.formatHex(credential.publicKey().encoded()), pk);
      assertEquals(credential.publicKey(), CredentialCode.parse(code).orElseThrow().publicKey());
    }

    @Test
    void mistypedCredentialCodeIsRefusedInTheBrowser() {
      char[] chars = code.toCharArray();
      int at = chars.length - 3;
      chars[at] = chars[at] == 'A' ? 'B' : 'A';
      String mistyped = new String(chars);
      Object parsed = run("done(vc.codes.parseCredentialCode(arguments[0]) === null);", mistyped);
      assertEquals(Boolean.TRUE, parsed);
      assertTrue(CredentialCode.parse(mistyped).isEmpty());
    }
  }

  @Nested
  class Inclusion {
    private final SecureRandom random = seeded(5);
    private final List<Ed25519Signer> validators =
        List.of(
            Ed25519Signer.generate(random),
            Ed25519Signer.generate(random),
            Ed25519Signer.generate(random),
            Ed25519Signer.generate(random));
    private final Hash32 chainId = Hash32.of(bytes(random, 32));

    /** Evidence for leaf 5 of 7 in a block at height 9, signed by {@code signers}. */
    private JsonObject evidence(List<Integer> signers, boolean breakPath) {
      List<byte[]> txs = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        txs.add(bytes(random, 40 + i));
      }
      MerkleTree tree = MerkleTree.ofLeaves(txs);
      InclusionProof proof = tree.prove(5);
      BlockHeader header =
          new BlockHeader(
              chainId,
              9,
              1,
              1_700_000_000_000L,
              Hash32.of(bytes(random, 32)),
              tree.root(),
              7,
              Hash32.of(bytes(random, 32)),
              Hash32.of(bytes(random, 32)),
              2);
      List<SignedVote> votes = new ArrayList<>();
      for (int v : signers) {
        Vote vote = new Vote(VoteType.PRECOMMIT, 9, 1, Optional.of(header.hash()), v);
        votes.add(new SignedVote(vote, validators.get(v).sign(vote.signBytes(chainId))));
      }
      CommitCertificate cert = CommitCertificate.of(votes);
      JsonArray path = new JsonArray();
      for (Hash32 h : proof.path()) {
        path.add(h.hex());
      }
      if (breakPath) {
        path.set(0, Hash32.of(bytes(random, 32)).hex());
      }
      CanonicalWriter hw = new CanonicalWriter();
      header.writeTo(hw);
      JsonArray keys = new JsonArray();
      validators.forEach(s -> keys.add(HEX.formatHex(s.publicKey().encoded())));
      return new JsonObject()
          .put("transaction", HEX.formatHex(txs.get(5)))
          .put("index", proof.index())
          .put("treeSize", proof.treeSize())
          .put("path", path)
          .put("header", HEX.formatHex(hw.toByteArray()))
          .put("certificate", HEX.formatHex(cert.encode()))
          .put("validators", keys)
          .put("quorum", 3)
          .put("chainId", chainId.hex());
    }

    @SuppressWarnings("unchecked")
    private java.util.Map<String, Object> check(JsonObject evidence) {
      return (java.util.Map<String, Object>)
          run(
              "const e = JSON.parse(arguments[0]); const h = vc.encoding.fromHex;"
                  + " const r = vc.ledger.verifyInclusion({transaction: h(e.transaction),"
                  + " index: e.index, treeSize: e.treeSize, path: e.path.map(h), header: h(e.header),"
                  + " certificate: h(e.certificate)}, e.validators.map(h), e.quorum, h(e.chainId));"
                  + " done({ok: r.ok, failed: r.steps.filter(s => !s.ok).map(s => s.name)});",
              evidence.encode());
    }

    @Test
    void evidenceWithAQuorumOfSignaturesVerifies() {
      var result = check(evidence(List.of(0, 1, 3), false));
      assertEquals(Boolean.TRUE, result.get("ok"));
      assertEquals(List.of(), result.get("failed"));
    }

    @Test
    void evidenceOneSignatureShortOfAQuorumFails() {
      var result = check(evidence(List.of(0, 3), false));
      assertEquals(Boolean.FALSE, result.get("ok"));
      assertEquals(List.of("quorum"), result.get("failed"));
    }

    @Test
    void evidenceWithAChangedMerklePathFails() {
      var result = check(evidence(List.of(0, 1, 2), true));
      assertEquals(List.of("merkle"), result.get("failed"));
    }

    @Test
    void evidenceSignedForAnotherChainFails() {
      JsonObject e = evidence(List.of(0, 1, 2), false);
      e.put("chainId", Hash32.of(bytes(random, 32)).hex());
      var result = check(e);
      assertEquals(List.of("chain", "quorum"), result.get("failed"));
    }
  }

  /**
   * The check page's whole computation ({@code lib/check.js}) on an answer shaped like the public
   * API's {@code /api/v1/elections/{id}/ballots/{code}} (docs/api.md §2.2), built by the node's own
   * classes around a real signed CastBallot.
   */
  @Nested
  class CheckPage {
    private final Election election = new Election();
    private final SecureRandom random = seeded(13);
    private final List<Ed25519Signer> validators =
        List.of(
            Ed25519Signer.generate(random),
            Ed25519Signer.generate(random),
            Ed25519Signer.generate(random),
            Ed25519Signer.generate(random));
    private final Hash32 chainId = Hash32.of(bytes(random, 32));
    private final EncryptedBallot ballot =
        new io.votechain.ballot.BallotEncryptor(election.context)
            .encrypt(
                election.style,
                new io.votechain.ballot.PlaintextBallot(
                    "check-1", "city-2026", List.of(List.of(1, 0, 0), List.of(0, 1, 1, 0))),
                random)
            .ballot();

    /** The answer for the CastBallot at index 2 of 3 in block 7, signed by validators 0, 1, 2. */
    private JsonObject answer() {
      Ed25519Signer voter = Ed25519Signer.generate(random);
      byte[] cast =
          SignedTransaction.sign(
                  voter, 0, new CastBallot("city-2026", voter.publicKey(), ballot), "test")
              .encode();
      List<byte[]> txs = List.of(bytes(random, 50), bytes(random, 60), cast);
      MerkleTree tree = MerkleTree.ofLeaves(txs);
      InclusionProof proof = tree.prove(2);
      BlockHeader header =
          new BlockHeader(
              chainId,
              7,
              0,
              1_700_000_000_000L,
              Hash32.ZERO,
              tree.root(),
              3,
              Hash32.ZERO,
              Hash32.ZERO,
              1);
      List<SignedVote> votes = new ArrayList<>();
      for (int v = 0; v < 3; v++) {
        Vote vote = new Vote(VoteType.PRECOMMIT, 7, 0, Optional.of(header.hash()), v);
        votes.add(new SignedVote(vote, validators.get(v).sign(vote.signBytes(chainId))));
      }
      JsonArray path = new JsonArray();
      proof.path().forEach(h -> path.add(h.hex()));
      CanonicalWriter hw = new CanonicalWriter();
      header.writeTo(hw);
      return new JsonObject()
          .put("state", "COUNTED")
          .put(
              "transaction",
              new JsonObject()
                  .put("height", 7)
                  .put("index", 2)
                  .put("encoding", HEX.formatHex(cast)))
          .put(
              "inclusionProof",
              new JsonObject()
                  .put("leafIndex", proof.index())
                  .put("treeSize", proof.treeSize())
                  .put("path", path))
          .put(
              "block",
              new JsonObject()
                  .put("header", new JsonObject().put("encoding", HEX.formatHex(hw.toByteArray()))))
          .put(
              "certificate",
              new JsonObject()
                  .put("encoding", HEX.formatHex(CommitCertificate.of(votes).encode())));
    }

    @SuppressWarnings("unchecked")
    private java.util.Map<String, Object> check(JsonObject answer, String electionId, Hash32 code) {
      JsonArray keys = new JsonArray();
      validators.forEach(s -> keys.add(HEX.formatHex(s.publicKey().encoded())));
      return (java.util.Map<String, Object>)
          run(
              "const r = vc.check.checkBallot(JSON.parse(arguments[0]), arguments[1], arguments[2],"
                  + " arguments[3], JSON.parse(arguments[4]), arguments[5]);"
                  + " done({ok: r.ok, failed: r.steps.filter(s => !s.ok).map(s => s.name),"
                  + " signatures: r.signatures, quorum: r.quorum});",
              answer.encode(),
              electionId,
              code.hex(),
              election.extendedBaseHash.hex(),
              keys.encode(),
              chainId.hex());
    }

    @Test
    void aCastBallotInACertifiedBlockIsVerifiedFromTheApiAnswerAlone() {
      var result = check(answer(), "city-2026", ballot.hash(election.extendedBaseHash));
      assertEquals(List.of(), result.get("failed"));
      assertEquals(Boolean.TRUE, result.get("ok"));
      assertEquals(3L, ((Number) result.get("signatures")).longValue());
      assertEquals(3L, ((Number) result.get("quorum")).longValue(), "n − f for n = 4");
    }

    @Test
    void anotherTrackingCodeOrElectionFailsTheBallotStepOnly() {
      JsonObject answer = answer();
      var otherCode = check(answer, "city-2026", Hash32.of(bytes(random, 32)));
      assertEquals(List.of("ballot"), otherCode.get("failed"));
      var otherElection = check(answer, "city-2027", ballot.hash(election.extendedBaseHash));
      assertEquals(List.of("ballot"), otherElection.get("failed"));
    }

    @Test
    void anAnswerPlacingTheTransactionInAnotherBlockFails() {
      JsonObject answer = answer();
      answer.getJsonObject("transaction").put("height", 8);
      var result = check(answer, "city-2026", ballot.hash(election.extendedBaseHash));
      assertEquals(List.of("height"), result.get("failed"));
      assertEquals(Boolean.FALSE, result.get("ok"));
    }

    @Test
    void anUnreadableCertificateFailsWithoutThrowing() {
      JsonObject answer = answer();
      answer.getJsonObject("certificate").put("encoding", "00");
      var result = check(answer, "city-2026", ballot.hash(election.extendedBaseHash));
      assertEquals(List.of("decode"), result.get("failed"));
    }
  }

  static SecureRandom seeded(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] bytes(SecureRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
