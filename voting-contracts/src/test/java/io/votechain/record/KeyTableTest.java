package io.votechain.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.hash.Sha256;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyTableTest {
  private static byte[] key(int i) {
    return Sha256.hash(new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16)}).bytes();
  }

  @Test
  void holdsWhatAHashMapHoldsAcrossGrowth() {
    KeyTable table = new KeyTable();
    Map<String, Long> reference = new HashMap<>();
    for (int i = 0; i < 5_000; i++) {
      assertTrue(table.put(key(i), i * 3L));
      reference.put(java.util.HexFormat.of().formatHex(key(i)), i * 3L);
    }
    assertFalse(table.put(key(17), 1L));
    reference.put(java.util.HexFormat.of().formatHex(key(17)), 1L);

    assertEquals(5_000, table.size());
    assertEquals(1L, table.get(key(17), -1));
    assertEquals(-1, table.get(key(5_000), -1));
    assertFalse(table.contains(key(5_001)));
    table.forEach((k, v) -> assertEquals(reference.get(java.util.HexFormat.of().formatHex(k)), v));
    int[] visited = {0};
    table.forEach((k, v) -> visited[0]++);
    assertEquals(5_000, visited[0]);
  }

  @Test
  void keysKeepAllTheirBytes() {
    KeyTable table = new KeyTable();
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    b[31] = 1; // differs only in the last byte
    table.put(a, 1);
    table.put(b, 2);
    assertEquals(1, table.get(a, 0));
    assertEquals(2, table.get(b, 0));
    byte[][] seen = new byte[2][];
    table.forEach((k, v) -> seen[(int) (v - 1)] = k);
    assertArrayEquals(a, seen[0]);
    assertArrayEquals(b, seen[1]);
  }

  @Test
  void onlyThirtyTwoByteKeys() {
    assertThrows(IllegalArgumentException.class, () -> new KeyTable().put(new byte[31], 1));
  }
}
