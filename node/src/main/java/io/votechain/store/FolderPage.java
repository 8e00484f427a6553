package io.votechain.store;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A page of a folder as its readers show it: its entries, and the key to ask the following page
 * after when there is one. Readers ask the store for one entry more than they show ({@link #cut}),
 * so that the last page says it is the last.
 */
public record FolderPage(List<StateEntry> entries, Optional<String> nextAfter) {
  public FolderPage {
    entries = List.copyOf(entries);
  }

  /**
   * The page of {@code limit} entries out of {@code readOneMore}, the answer to {@link
   * LedgerStore#stateFolderPage} asked for {@code limit + 1}.
   */
  public static FolderPage cut(List<StateEntry> readOneMore, int limit) {
    if (readOneMore.size() <= limit) {
      return new FolderPage(readOneMore, Optional.empty());
    }
    List<StateEntry> shown = readOneMore.subList(0, limit);
    return new FolderPage(
        shown, Optional.of(new String(shown.get(limit - 1).key(), StandardCharsets.US_ASCII)));
  }

  /** {@link #nextAfter} without the folder: the id of the last entry shown. */
  public Optional<String> nextId() {
    return nextAfter.map(k -> k.substring(k.lastIndexOf('/') + 1));
  }
}
