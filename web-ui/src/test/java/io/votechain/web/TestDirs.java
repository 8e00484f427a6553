package io.votechain.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the web tests put their validator's files: in memory ({@code /dev/shm}) when the machine
 * has it. These tests check pages, not durability, and on a shared, busy disk one fsync of the
 * consensus safety state was seen to take 100 s, which stalls the chain past any voting window.
 */
final class TestDirs {
  private TestDirs() {}

  static Path create(String prefix) throws IOException {
    Path shm = Path.of("/dev/shm");
    return Files.isDirectory(shm) && Files.isWritable(shm)
        ? Files.createTempDirectory(shm, prefix)
        : Files.createTempDirectory(prefix);
  }

  static void delete(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
