package io.votechain.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FolderPageTest {
  private static StateEntry entry(String key) {
    return new StateEntry(key.getBytes(StandardCharsets.US_ASCII), new byte[] {1});
  }

  private final List<StateEntry> three =
      List.of(entry("device/id/a"), entry("device/id/b"), entry("device/id/c"));

  @Test
  void theExtraEntryReadMeansAnotherPageFollowsAfterTheLastOneShown() {
    FolderPage page = FolderPage.cut(three, 2);
    assertEquals(three.subList(0, 2), page.entries());
    assertEquals(Optional.of("device/id/b"), page.nextAfter());
    assertEquals(Optional.of("b"), page.nextId());
  }

  @Test
  void noExtraEntryMeansTheLastPage() {
    assertEquals(new FolderPage(three, Optional.empty()), FolderPage.cut(three, 3));
    assertEquals(new FolderPage(three, Optional.empty()), FolderPage.cut(three, 10));
    assertEquals(Optional.empty(), FolderPage.cut(List.of(), 1).nextId());
  }
}
