package io.votechain.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StateEntryTest {
  private static StateEntry entry(String key) {
    return new StateEntry(key.getBytes(StandardCharsets.US_ASCII), new byte[0]);
  }

  @Test
  void theLastSegmentIsTheIdAfterTheLastSlash() {
    assertEquals("k-7", entry("device/id/k-7").lastSegment());
    assertEquals("0003", entry("election/E/turnout/0003").lastSegment());
  }

  @Test
  void aKeyWithoutAFolderIsItsOwnLastSegmentAndAFolderKeyHasAnEmptyOne() {
    assertEquals("chain", entry("chain").lastSegment());
    assertEquals("", entry("device/id/").lastSegment());
  }
}
