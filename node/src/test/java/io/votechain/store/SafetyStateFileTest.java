package io.votechain.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetyStateFileTest {
  @TempDir Path dir;

  @Test
  void aValidatorThatNeverVotedHasNoState() {
    assertEquals(Optional.empty(), new SafetyStateFile(dir.resolve("safety")).read());
  }

  @Test
  void theLastWriteIsWhatANewInstanceReads() {
    SafetyStateFile file = new SafetyStateFile(dir.resolve("safety"));
    file.write(new byte[] {1, 2, 3});
    file.write(new byte[] {4, 5});
    assertArrayEquals(new byte[] {4, 5}, new SafetyStateFile(dir.resolve("safety")).read().get());
    assertFalse(Files.exists(dir.resolve("safety.tmp")), "the temporary file is renamed away");
  }

  @Test
  void aCorruptedFileIsRefusedNotGuessed() throws IOException {
    Path path = dir.resolve("safety");
    new SafetyStateFile(path).write(new byte[] {9, 9, 9, 9});
    byte[] raw = Files.readAllBytes(path);
    raw[13] ^= 1;
    Files.write(path, raw);
    StoreException e = assertThrows(StoreException.class, () -> new SafetyStateFile(path).read());
    assertEquals(StoreException.Reason.CORRUPT, e.reason());
  }

  @Test
  void aFileWithAnotherMagicIsRefused() {
    Path path = dir.resolve("safety");
    new SafetyStateFile(path, "VCOTHER1").write(new byte[] {1});
    StoreException e = assertThrows(StoreException.class, () -> new SafetyStateFile(path).read());
    assertEquals(StoreException.Reason.CORRUPT, e.reason());
    assertArrayEquals(new byte[] {1}, new SafetyStateFile(path, "VCOTHER1").read().orElseThrow());
  }

  @Test
  void aMagicOfAnyOtherLengthIsRejected() {
    assertThrows(
        IllegalArgumentException.class, () -> new SafetyStateFile(dir.resolve("s"), "SHORT"));
  }

  @Test
  void aTruncatedFileIsRefused() throws IOException {
    Path path = dir.resolve("safety");
    new SafetyStateFile(path).write(new byte[] {9, 9, 9, 9});
    byte[] raw = Files.readAllBytes(path);
    Files.write(path, java.util.Arrays.copyOf(raw, raw.length - 1));
    StoreException e = assertThrows(StoreException.class, () -> new SafetyStateFile(path).read());
    assertEquals(StoreException.Reason.CORRUPT, e.reason());
  }
}
