package io.votechain.consensus.genesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.encoding.EncodingException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenesisTest {
  private static Genesis genesis(int n) {
    List<ValidatorInfo> vs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] seed = new byte[32];
      seed[0] = (byte) (i + 1);
      vs.add(new ValidatorInfo(Ed25519Signer.fromSeed(seed).publicKey(), "node" + i + ":1"));
    }
    return new Genesis("test", 7, Hash32.ZERO, vs);
  }

  @Test
  void quorumIsTwoFPlusOneForThreeFPlusOneValidators() {
    assertEquals(3, genesis(4).quorum());
    assertEquals(5, genesis(7).quorum());
    assertEquals(7, genesis(10).quorum());
    assertEquals(11, genesis(16).quorum());
    assertEquals(2, genesis(4).skipThreshold());
  }

  @Test
  void encodingRoundTripsAndTheHashCoversEveryField() {
    Genesis g = genesis(4);
    assertEquals(g, Genesis.decode(g.encode()));
    Genesis other = new Genesis("test", 8, Hash32.ZERO, g.validators());
    assertNotEquals(g.hash(), other.hash());
  }

  @Test
  void proposerRotatesThroughEveryValidator() {
    Genesis g = genesis(4);
    assertEquals(
        List.of(1, 2, 3, 0),
        List.of(g.proposer(1, 0), g.proposer(1, 1), g.proposer(1, 2), g.proposer(1, 3)));
    assertEquals(2, g.proposer(2, 0));
  }

  @Test
  void repeatedValidatorKeyIsRejected() {
    Genesis g = genesis(2);
    List<ValidatorInfo> twice = List.of(g.validator(0), g.validator(0));
    assertThrows(IllegalArgumentException.class, () -> new Genesis("t", 0, Hash32.ZERO, twice));
  }

  @Test
  void trailingBytesAreRejected() {
    byte[] bytes = genesis(4).encode();
    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    assertEquals(
        EncodingException.Reason.TRAILING_BYTES,
        assertThrows(EncodingException.class, () -> Genesis.decode(longer)).reason());
  }
}
