package io.votechain.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.hash.ElectionHash;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.merkle.MerkleTree;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the Java primitives against {@code vectors/primitives.json}, which {@code primitives.py}
 * computes with Python's standard library alone: two independent implementations of the election
 * hash, the P-256 encodings, the Merkle tree and the varint agree byte for byte.
 */
class PrimitiveVectorsTest {
  private static JsonNode vectors;
  private static final HexFormat HEX = HexFormat.of();

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
        PrimitiveVectorsTest.class.getResourceAsStream("/vectors/primitives.json")) {
      vectors = new ObjectMapper().readTree(in);
    }
  }

  @Test
  void electionHashesAndChallengeScalarsMatch() {
    Hash32 key = Hash32.fromHex(vectors.get("electionHashKey").asText());
    int checked = 0;
    for (JsonNode c : vectors.get("electionHash")) {
      List<Object> parts = new ArrayList<>();
      for (JsonNode p : c.get("parts")) {
        String kind = p.get(0).asText();
        JsonNode v = p.get(1);
        parts.add(
            switch (kind) {
              case "int" -> v.asInt();
              case "long" -> v.asLong();
              case "bytes" -> HEX.parseHex(v.asText());
              case "text" -> v.asText();
              case "scalar" -> Scalar.decode(HEX.parseHex(v.asText()));
              case "point" -> P256.G.multiply(Scalar.of(v.asLong()));
              default -> throw new IllegalArgumentException(kind);
            });
      }
      int domain = c.get("domain").asInt();
      Object[] array = parts.toArray();
      String what = c.get("description").asText();
      assertEquals(c.get("hash").asText(), ElectionHash.hash(key, domain, array).hex(), what);
      assertEquals(
          c.get("scalar").asText(), ElectionHash.toScalar(key, domain, array).toString(), what);
      checked++;
    }
    assertEquals(3, checked);
  }

  @Test
  void pointEncodingsMatch() {
    for (JsonNode p : vectors.get("p256Points")) {
      Scalar k = Scalar.decode(HEX.parseHex(p.get("k").asText()));
      assertEquals(p.get("kG").asText(), HEX.formatHex(P256.G.multiply(k).encode()));
      assertEquals(p.get("kG").asText(), HEX.formatHex(P256.G.multiplyFixed(k).encode()));
    }
  }

  @Test
  void merkleRootsMatch() {
    for (JsonNode m : vectors.get("merkle")) {
      List<byte[]> leaves = new ArrayList<>();
      m.get("leaves").forEach(l -> leaves.add(HEX.parseHex(l.asText())));
      assertEquals(m.get("root").asText(), MerkleTree.ofLeaves(leaves).root().hex());
    }
  }

  @Test
  void varintsMatchAndDecodeBack() {
    for (JsonNode v : vectors.get("varints")) {
      long value = v.get("value").asLong();
      byte[] encoded = new CanonicalWriter().varint(value).toByteArray();
      assertEquals(v.get("encoding").asText(), HEX.formatHex(encoded));
      CanonicalReader r = new CanonicalReader(encoded);
      assertEquals(value, r.varint(Long.MAX_VALUE));
      r.finish();
    }
  }
}
