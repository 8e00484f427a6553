package io.votechain.agent;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** fsync helpers: a file's content, and a folder's entries after a create or rename. */
public final class Durable {
  private Durable() {}

  public static void fsync(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /** Makes a rename or create in {@code dir} survive power loss (Linux: fsync of the folder). */
  public static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open a folder for fsync; the rename is then as durable as
      // that file system makes it, which is all this process can do.
    }
  }
}
