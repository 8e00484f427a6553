package io.votechain.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.sig.EcdsaP256Signer;
import io.votechain.encoding.EncodingException;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectPasswordTest {
  private EcdsaP256Signer device;
  private EcdsaP256Signer other;

  @BeforeEach
  void keys() throws Exception {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(11);
    device = EcdsaP256Signer.generate(random);
    other = EcdsaP256Signer.generate(random);
  }

  @Test
  void passwordForARecentHeightVerifies() {
    ConnectPassword p = ConnectPassword.sign(device, "chain-a", "kiosk-1", 95);
    assertTrue(p.verify(device.publicKey(), "chain-a", "kiosk-1", 100, 10));
    assertTrue(
        ConnectPassword.decode(p.encode()).verify(device.publicKey(), "chain-a", "kiosk-1", 95, 1));
  }

  @Test
  void passwordFailsOutsideTheWindowOrAheadOfTheChain() {
    ConnectPassword p = ConnectPassword.sign(device, "chain-a", "kiosk-1", 90);
    assertFalse(p.verify(device.publicKey(), "chain-a", "kiosk-1", 100, 10));
    assertFalse(p.verify(device.publicKey(), "chain-a", "kiosk-1", 89, 10));
  }

  @Test
  void passwordFailsForAnotherKeyDeviceOrChain() {
    ConnectPassword p = ConnectPassword.sign(device, "chain-a", "kiosk-1", 95);
    assertFalse(p.verify(other.publicKey(), "chain-a", "kiosk-1", 100, 10));
    assertFalse(p.verify(device.publicKey(), "chain-a", "kiosk-2", 100, 10));
    assertFalse(p.verify(device.publicKey(), "chain-b", "kiosk-1", 100, 10));
  }

  @Test
  void passwordWithAnotherHeightFails() {
    ConnectPassword p = ConnectPassword.sign(device, "chain-a", "kiosk-1", 95);
    ConnectPassword moved = new ConnectPassword(96, p.signature());
    assertFalse(moved.verify(device.publicKey(), "chain-a", "kiosk-1", 100, 10));
  }

  @Test
  void garbagePasswordIsAnEncodingError() {
    EncodingException e =
        assertThrows(EncodingException.class, () -> ConnectPassword.decode(new byte[] {5, 1, 2}));
    assertEquals(EncodingException.Reason.TRUNCATED, e.reason());
  }
}
