package io.votechain.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StateViewTest {
  private static final byte[] V1 = {1};
  private static final byte[] V2 = {2};

  @Nested
  class Keys {
    @Test
    void keysOutsidePrintableAsciiAreRefused() {
      assertThrows(IllegalArgumentException.class, () -> new StateKey("a b"));
      assertThrows(IllegalArgumentException.class, () -> new StateKey("é"));
      assertThrows(IllegalArgumentException.class, () -> new StateKey(""));
      assertThrows(IllegalArgumentException.class, () -> StateKey.of("a", "b/c"));
    }

    @Test
    void keyOrderIsUnsignedByteOrder() {
      StateKey a = StateKey.of("a", "Z");
      StateKey b = StateKey.of("a", "a");
      assertTrue(a.compareTo(b) < 0);
      assertTrue(java.util.Arrays.compareUnsigned(a.bytes(), b.bytes()) < 0);
    }
  }

  @Nested
  class InMemory {
    @Test
    void scanReturnsOnlyThePrefixInAscendingOrder() {
      InMemoryState s = new InMemoryState();
      s.put(new StateKey("b/2"), V2);
      s.put(new StateKey("a/9"), V1);
      s.put(new StateKey("b/1"), V1);
      s.put(new StateKey("c"), V1);
      assertEquals(
          List.of(new StateEntry(new StateKey("b/1"), V1), new StateEntry(new StateKey("b/2"), V2)),
          s.scan("b/"));
      assertEquals(4, s.scan("").size());
    }

    @Test
    void storedValuesCannotBeMutatedFromOutside() {
      InMemoryState s = new InMemoryState();
      byte[] value = {7};
      s.put(new StateKey("k"), value);
      value[0] = 8;
      s.get(new StateKey("k")).orElseThrow()[0] = 9;
      assertArrayEquals(new byte[] {7}, s.get(new StateKey("k")).orElseThrow());
    }
  }

  @Nested
  class Overlay {
    @Test
    void overlayReadsThroughAndHidesDeletionsUntilCommit() {
      InMemoryState base = new InMemoryState();
      base.put(new StateKey("a"), V1);
      base.put(new StateKey("b"), V1);
      OverlayState o = new OverlayState(base);
      o.delete(new StateKey("a"));
      o.put(new StateKey("c"), V2);

      assertTrue(o.get(new StateKey("a")).isEmpty());
      assertArrayEquals(V1, o.get(new StateKey("b")).orElseThrow());
      assertEquals(
          List.of(new StateEntry(new StateKey("b"), V1), new StateEntry(new StateKey("c"), V2)),
          o.scan(""));
      assertTrue(base.get(new StateKey("a")).isPresent(), "base untouched before commit");

      o.commit();
      assertTrue(base.get(new StateKey("a")).isEmpty());
      assertArrayEquals(V2, base.get(new StateKey("c")).orElseThrow());
      assertTrue(o.writes().isEmpty());
    }

    @Test
    void writesAreSortedAndTheLastWriteToAKeyWins() {
      OverlayState o = new OverlayState(new InMemoryState());
      o.put(new StateKey("z"), V1);
      o.put(new StateKey("a"), V1);
      o.put(new StateKey("z"), V2);
      o.put(new StateKey("m"), V1);
      o.delete(new StateKey("m"));
      assertEquals(
          List.of(
              new StateWrite(new StateKey("a"), Optional.of(V1)),
              new StateWrite(new StateKey("m"), Optional.empty()),
              new StateWrite(new StateKey("z"), Optional.of(V2))),
          o.writes());
    }
  }
}
