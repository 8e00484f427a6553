package io.votechain.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.encoding.CanonicalWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StateHashTest {
  private static final Hash32 PREVIOUS = Sha256.hash(new byte[] {42});

  private static List<StateWrite> writesInsertedInOrder(List<Integer> order) {
    OverlayState block = new OverlayState(new InMemoryState());
    for (int i : order) {
      block.put(StateKey.of("k", String.format("%03d", i)), new byte[] {(byte) i});
    }
    block.delete(StateKey.of("gone"));
    return block.writes();
  }

  @Test
  void insertionOrderDoesNotChangeTheHash() {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      order.add(i);
    }
    Hash32 ascending = StateHash.next(PREVIOUS, 7, writesInsertedInOrder(order));
    Collections.shuffle(order, new Random(1));
    Hash32 shuffled = StateHash.next(PREVIOUS, 7, writesInsertedInOrder(order));
    Collections.reverse(order);
    Hash32 reversed = StateHash.next(PREVIOUS, 7, writesInsertedInOrder(order));
    assertEquals(ascending, shuffled);
    assertEquals(ascending, reversed);
  }

  @Test
  void hashIsTheDocumentedChainStep() {
    List<StateWrite> writes =
        List.of(
            new StateWrite(new StateKey("a"), Optional.of(new byte[] {1, 2})),
            new StateWrite(new StateKey("b"), Optional.empty()));
    byte[] expected =
        new CanonicalWriter()
            .fixed(PREVIOUS.bytes())
            .i64(3)
            .varint(2)
            .text("a")
            .bool(true)
            .bytes(new byte[] {1, 2})
            .text("b")
            .bool(false)
            .toByteArray();
    assertEquals(Sha256.tagged(0x53, expected), StateHash.next(PREVIOUS, 3, writes));
  }

  @Test
  void everyInputChangesTheHash() {
    List<StateWrite> base = List.of(new StateWrite(new StateKey("a"), Optional.of(new byte[0])));
    Hash32 h = StateHash.next(PREVIOUS, 3, base);
    assertNotEquals(h, StateHash.next(Hash32.ZERO, 3, base));
    assertNotEquals(h, StateHash.next(PREVIOUS, 4, base));
    assertNotEquals(
        h,
        StateHash.next(PREVIOUS, 3, List.of(new StateWrite(new StateKey("a"), Optional.empty()))));
    assertNotEquals(
        h,
        StateHash.next(
            PREVIOUS, 3, List.of(new StateWrite(new StateKey("a"), Optional.of(new byte[] {0})))));
    assertNotEquals(h, StateHash.next(PREVIOUS, 3, List.of()));
  }

  @Test
  void unsortedOrRepeatedKeysAreRefused() {
    StateWrite a = new StateWrite(new StateKey("a"), Optional.empty());
    StateWrite b = new StateWrite(new StateKey("b"), Optional.empty());
    assertThrows(IllegalArgumentException.class, () -> StateHash.next(PREVIOUS, 1, List.of(b, a)));
    assertThrows(IllegalArgumentException.class, () -> StateHash.next(PREVIOUS, 1, List.of(a, a)));
  }
}
