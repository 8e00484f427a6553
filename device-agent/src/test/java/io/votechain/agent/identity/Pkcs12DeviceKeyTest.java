package io.votechain.agent.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pkcs12DeviceKeyTest {
  @TempDir Path dir;

  private static SecureRandom seeded() throws Exception {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(42);
    return random;
  }

  @Test
  void aReopenedStoreSignsWithTheSameKey() throws Exception {
    Path file = dir.resolve("device.p12");
    char[] passphrase = "correct horse".toCharArray();
    Pkcs12DeviceKey created = Pkcs12DeviceKey.create(file, passphrase, "kiosk-1", seeded());
    Pkcs12DeviceKey opened = Pkcs12DeviceKey.open(file, passphrase);
    assertEquals(created.publicKey(), opened.publicKey());
    byte[] message = "ballot".getBytes(StandardCharsets.UTF_8);
    assertTrue(created.publicKey().verify(message, opened.sign(message)));
    assertFalse(
        created.publicKey().verify("other".getBytes(StandardCharsets.UTF_8), opened.sign(message)));
  }

  @Test
  void aWrongPassphraseIsRefused() throws Exception {
    Path file = dir.resolve("device.p12");
    Pkcs12DeviceKey.create(file, "right".toCharArray(), "kiosk-1", seeded());
    assertThrows(IOException.class, () -> Pkcs12DeviceKey.open(file, "wrong".toCharArray()));
  }

  @Test
  void anExistingStoreIsNeverReplaced() throws Exception {
    Path file = dir.resolve("device.p12");
    Pkcs12DeviceKey.create(file, "p".toCharArray(), "kiosk-1", seeded());
    byte[] before = Files.readAllBytes(file);
    assertThrows(
        IOException.class,
        () -> Pkcs12DeviceKey.create(file, "p".toCharArray(), "kiosk-1", seeded()));
    assertEquals(
        java.util.Arrays.toString(before), java.util.Arrays.toString(Files.readAllBytes(file)));
  }

  @Test
  void theStoreIsReadableByItsOwnerOnlyAndToStringHidesTheKey() throws Exception {
    Path file = dir.resolve("device.p12");
    Pkcs12DeviceKey key = Pkcs12DeviceKey.create(file, "p".toCharArray(), "kiosk-1", seeded());
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertTrue(key.toString().startsWith("Pkcs12DeviceKey["));
  }
}
