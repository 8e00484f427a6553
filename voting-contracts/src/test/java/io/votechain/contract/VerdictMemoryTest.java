package io.votechain.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VerdictMemoryTest {
  private static Hash32 key(int i) {
    return Sha256.hash(("k" + i).getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void theLeastRecentlyUsedVerdictGoesFirst() {
    VerdictMemory<Boolean> memory = new VerdictMemory<>(2);
    memory.put(key(1), true);
    memory.put(key(2), false);
    assertEquals(true, memory.get(key(1))); // 1 is now the most recently used
    memory.put(key(3), true);
    assertNull(memory.get(key(2)));
    assertEquals(true, memory.get(key(1)));
    assertEquals(true, memory.get(key(3)));
    assertEquals(2, memory.size());
  }

  @Test
  void capacityMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new VerdictMemory<Boolean>(0));
  }
}
