package io.votechain.crypto.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import java.math.BigInteger;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ElectionHashTest {
  private static final Hash32 KEY = Sha256.hash(new byte[] {1, 2, 3});

  @Test
  void theMessageIsTheDomainByteThenFixedWidthParts() {
    byte[] m = ElectionHash.message(0x21, 7, 9L, new byte[] {(byte) 0xAB}, "é", P256.G, Scalar.ONE);
    String hex = HexFormat.of().formatHex(m);
    assertEquals(
        "21"
            + "00000007"
            + "0000000000000009"
            + "00000001ab"
            + "00000002c3a9"
            + HexFormat.of().formatHex(P256.G.encode())
            + "00".repeat(31)
            + "01",
        hex);
  }

  @Test
  void hashIsHmacSha256KeyedWithTheFirstArgument() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY.bytes(), "HmacSHA256"));
    byte[] expected = mac.doFinal(new byte[] {0x01, 0, 0, 0, 5});
    assertArrayEquals(expected, ElectionHash.hash(KEY, 0x01, 5).bytes());
  }

  @Test
  void domainSeparationChangesTheHash() {
    assertNotEquals(ElectionHash.hash(KEY, 0x01, 5), ElectionHash.hash(KEY, 0x02, 5));
    assertNotEquals(ElectionHash.hash(KEY, 0x01, 5), ElectionHash.hash(Hash32.ZERO, 0x01, 5));
  }

  @Test
  void challengeScalarsAre512BitsReducedModuloTheOrder() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY.bytes(), "HmacSHA256"));
    byte[] hi = mac.doFinal(new byte[] {0x30, 0, 0, 0, 5, 0x01});
    byte[] lo = mac.doFinal(new byte[] {0x30, 0, 0, 0, 5, 0x02});
    byte[] wide = new byte[64];
    System.arraycopy(hi, 0, wide, 0, 32);
    System.arraycopy(lo, 0, wide, 32, 32);
    assertEquals(
        Scalar.of(new BigInteger(1, wide).mod(P256.ORDER)), ElectionHash.toScalar(KEY, 0x30, 5));
  }

  @Test
  void unsupportedPartsAndDomainsAreProgrammerErrors() {
    assertThrows(IllegalArgumentException.class, () -> ElectionHash.hash(KEY, 0x100));
    assertThrows(IllegalArgumentException.class, () -> ElectionHash.hash(KEY, 1, new Object()));
  }
}
