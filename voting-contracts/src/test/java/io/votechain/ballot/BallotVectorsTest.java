package io.votechain.ballot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.elgamal.ElGamalSecretKey;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Known-answer vectors (src/test/resources/vectors/ballot-encryption.json): from explicit inputs
 * (secret key, H_E, style, ballot id, marks, primary nonce) the encryption is fully determined
 * (docs/crypto.md §6.2), so a second implementation can check every byte against these.
 */
class BallotVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> vectors() throws IOException {
    try (InputStream in =
        BallotVectorsTest.class.getResourceAsStream("/vectors/ballot-encryption.json")) {
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Map<String, Object> root = (Map<String, Object>) MiniJson.parse(json);
      return (List<Map<String, Object>>) root.get("vectors");
    }
  }

  @SuppressWarnings("unchecked")
  static BallotStyle style(Map<String, Object> v) {
    Map<String, Object> s = (Map<String, Object>) v.get("style");
    List<ContestDescription> contests = new ArrayList<>();
    for (Object o : (List<Object>) s.get("contests")) {
      Map<String, Object> c = (Map<String, Object>) o;
      contests.add(
          new ContestDescription(
              (String) c.get("contest_id"),
              ((Long) c.get("selection_count")).intValue(),
              ((Long) c.get("selection_limit")).intValue(),
              (Long) c.get("weight")));
    }
    return new BallotStyle((String) s.get("style_id"), contests);
  }

  @SuppressWarnings("unchecked")
  static List<List<Integer>> marks(Map<String, Object> v) {
    List<List<Integer>> marks = new ArrayList<>();
    for (Object contest : (List<Object>) v.get("marks")) {
      marks.add(((List<Object>) contest).stream().map(m -> ((Long) m).intValue()).toList());
    }
    return marks;
  }

  @Test
  @DisplayName("every vector's encryption, hashes and proofs are reproduced byte for byte")
  @SuppressWarnings("unchecked")
  void vectorsAreReproduced() throws IOException {
    List<Map<String, Object>> vectors = vectors();
    assertFalse(vectors.isEmpty());
    for (Map<String, Object> v : vectors) {
      String name = (String) v.get("description");
      Map<String, Object> expected = (Map<String, Object>) v.get("expected");
      ElGamalSecretKey sk =
          new ElGamalSecretKey(Scalar.decode(HEX.parseHex((String) v.get("secret_key"))));
      assertEquals(
          expected.get("election_key"), HEX.formatHex(sk.publicKey().point().encode()), name);
      EncryptionContext context =
          new EncryptionContext(
              Hash32.fromHex((String) v.get("extended_base_hash")), sk.publicKey());
      BallotStyle style = style(v);
      String ballotId = (String) v.get("ballot_id");
      BallotNonces nonces =
          new BallotNonces(ballotId, Hash32.fromHex((String) v.get("primary_nonce")));
      EncryptedBallot ballot =
          new BallotEncryptor(context)
              .encrypt(style, new PlaintextBallot(ballotId, style.styleId(), marks(v)), nonces);

      Hash32 binding = context.ballotBinding(ballotId);
      assertEquals(expected.get("ballot_binding"), binding.hex(), name);
      assertEquals(
          expected.get("selection_nonce_0_0"),
          nonces.selectionNonce(binding, 0, 0).toString(),
          name);
      CanonicalWriter proof = new CanonicalWriter();
      ballot.contests().get(0).selections().get(0).proof().writeTo(proof);
      assertEquals(expected.get("selection_proof_0_0"), HEX.formatHex(proof.toByteArray()), name);
      assertEquals(expected.get("ballot_encoding"), HEX.formatHex(ballot.encode()), name);
      assertEquals(
          expected.get("ballot_hash"), ballot.hash(context.extendedBaseHash()).hex(), name);
      assertTrue(BallotVerifier.verify(context, style, ballot).isValid(), name);
    }
  }
}
