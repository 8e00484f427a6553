package io.votechain.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.contract.DeviceRecord;
import io.votechain.contract.DeviceStatus;
import io.votechain.contract.ElectionStatus;
import io.votechain.contract.TestChain;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.EcdsaP256Signer;
import io.votechain.encoding.EncodingException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BodiesTest {
  private EcdsaP256Signer device;

  @BeforeEach
  void key() throws Exception {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(3);
    device = EcdsaP256Signer.generate(random);
  }

  @Nested
  class ChallengeBody {
    @Test
    void roundTrips() {
      Challenge c = new Challenge(12, Sha256.hash(new byte[] {1}), 600);
      assertEquals(c, Challenge.decode(c.encode()));
      assertEquals(1 + 32 + 2, c.encode().length);
    }

    @Test
    void heightZeroIsRefused() {
      byte[] bytes = new Challenge(1, Hash32.ZERO, 1).encode();
      bytes[0] = 0;
      EncodingException e = assertThrows(EncodingException.class, () -> Challenge.decode(bytes));
      assertEquals(EncodingException.Reason.INVALID_VALUE, e.reason());
    }
  }

  @Nested
  class DeviceConfigBody {
    private DeviceConfig config() {
      return new DeviceConfig(
          "kiosk-1",
          device.publicKey(),
          "model X",
          Sha256.hash(new byte[] {4}),
          "station-9",
          DeviceStatus.ACTIVE,
          3,
          Optional.of(new DeviceRecord.Attestation(Sha256.hash(new byte[] {4}), 17)),
          List.of("e1", "e2"));
    }

    @Test
    void roundTrips() {
      DeviceConfig c = config();
      assertEquals(c, DeviceConfig.decode(c.encode()));
    }

    @Test
    void unsortedElectionsAreRefused() {
      byte[] bytes = config().encode();
      // the last two entries are "e1" and "e2": swap their last characters
      bytes[bytes.length - 1] = '1';
      bytes[bytes.length - 4] = '2';
      EncodingException e = assertThrows(EncodingException.class, () -> DeviceConfig.decode(bytes));
      assertEquals(EncodingException.Reason.INVALID_VALUE, e.reason());
    }

    @Test
    void unknownStatusIsRefused() {
      DeviceConfig c = config();
      byte[] bytes = c.encode();
      // text "kiosk-1" (8) + key (34) + text model (8) + reference (32) + text station (10)
      int statusAt = 8 + 34 + 8 + 32 + 10;
      assertEquals(0, bytes[statusAt]);
      bytes[statusAt] = 7;
      EncodingException e = assertThrows(EncodingException.class, () -> DeviceConfig.decode(bytes));
      assertEquals(EncodingException.Reason.UNKNOWN_TAG, e.reason());
    }
  }

  @Nested
  class ElectionConfigBody {
    @Test
    void roundTripsWithAndWithoutKey() {
      ElectionConfig draft =
          new ElectionConfig(
              ElectionStatus.DRAFT, TestChain.manifest("e1"), Optional.empty(), Optional.empty());
      ElectionConfig open =
          new ElectionConfig(
              ElectionStatus.OPEN,
              TestChain.manifest("e1"),
              Optional.of(GroupElement.of(P256.G.ecPoint().multiply(java.math.BigInteger.TEN))),
              Optional.of(Sha256.hash(new byte[] {2})));
      assertArrayEquals(draft.encode(), ElectionConfig.decode(draft.encode()).encode());
      assertArrayEquals(open.encode(), ElectionConfig.decode(open.encode()).encode());
      assertEquals("e1", ElectionConfig.decode(open.encode()).electionId());
    }

    @Test
    void keyWithoutBaseHashCannotBeBuilt() {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              new ElectionConfig(
                  ElectionStatus.OPEN,
                  TestChain.manifest("e1"),
                  Optional.of(P256.G),
                  Optional.empty()));
    }
  }

  @Nested
  class Heartbeat {
    @Test
    void signedHeartbeatVerifiesAndRoundTrips() {
      DeviceHeartbeat h =
          DeviceHeartbeat.sign(device, "chain-a", "kiosk-1", true, 2, 40, "agent/1.0", 39);
      assertTrue(h.verify(device.publicKey(), "chain-a"));
      DeviceHeartbeat back = DeviceHeartbeat.decode(h.encode());
      assertEquals(h, back);
      assertTrue(back.verify(device.publicKey(), "chain-a"));
    }

    @Test
    void changedFieldOrChainFails() {
      DeviceHeartbeat h =
          DeviceHeartbeat.sign(device, "chain-a", "kiosk-1", true, 2, 40, "agent/1.0", 39);
      DeviceHeartbeat offline =
          new DeviceHeartbeat("kiosk-1", false, 2, 40, "agent/1.0", 39, h.signature());
      assertFalse(offline.verify(device.publicKey(), "chain-a"));
      assertFalse(h.verify(device.publicKey(), "chain-b"));
    }
  }
}
