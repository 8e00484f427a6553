package io.votechain.agent.attestation;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.encoding.CanonicalWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Implements the agent's software measurement (docs/device-agent.md §2.1): SHA-256 over the code
 * artefacts on the agent's class path (jars and class folders) and its configuration file.
 *
 * <p>Each artefact is reduced to a digest that depends only on its content, never on where it is
 * installed; the digests are sorted, so the measurement does not depend on the order of the class
 * path either. A changed, added or removed class, jar or configuration byte changes the
 * measurement.
 */
public final class Measurement {
  private static final byte[] DOMAIN =
      "votechain/measurement/v1".getBytes(StandardCharsets.US_ASCII);
  private static final int TAG_JAR = 1;
  private static final int TAG_FOLDER = 2;
  private static final int TAG_CONFIG = 3;

  private Measurement() {}

  /** The measurement of the running JVM's class path and {@code config}. */
  public static Hash32 ofRunningAgent(Path config) throws IOException {
    return of(classPath(System.getProperty("java.class.path", "")), config);
  }

  /** The entries of a class-path string that exist (missing entries contribute no code). */
  public static List<Path> classPath(String classPath) {
    List<Path> out = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.isBlank() && Files.exists(Path.of(entry))) {
        out.add(Path.of(entry));
      }
    }
    return out;
  }

  /**
   * {@code SHA-256(DOMAIN || varint n || n × fixed(32) artefactDigest (sorted ascending) ||
   * fixed(32) SHA-256(0x03 || config bytes))}.
   */
  public static Hash32 of(List<Path> artefacts, Path config) throws IOException {
    List<Hash32> digests = new ArrayList<>();
    for (Path artefact : artefacts) {
      digests.add(artefact(artefact));
    }
    digests.sort(null);
    CanonicalWriter w = new CanonicalWriter().fixed(DOMAIN).varint(digests.size());
    for (Hash32 d : digests) {
      w.fixed(d.bytes());
    }
    w.fixed(digestFile(TAG_CONFIG, config).bytes());
    return Sha256.hash(w.toByteArray());
  }

  /**
   * A jar: {@code SHA-256(0x01 || bytes)}. A folder: {@code SHA-256(0x02 || varint n || n × (text
   * relativePath || fixed(32) SHA-256(file)))} over its regular files sorted by their '/'-separated
   * relative path.
   */
  static Hash32 artefact(Path artefact) throws IOException {
    if (!Files.isDirectory(artefact)) {
      return digestFile(TAG_JAR, artefact);
    }
    List<String> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(artefact)) {
      walk.filter(Files::isRegularFile)
          .forEach(
              p -> files.add(artefact.relativize(p).toString().replace(File.separatorChar, '/')));
    }
    files.sort(null);
    CanonicalWriter w = new CanonicalWriter().u8(TAG_FOLDER).varint(files.size());
    for (String f : files) {
      w.text(f).fixed(Sha256.hash(Files.readAllBytes(artefact.resolve(f))).bytes());
    }
    return Sha256.hash(w.toByteArray());
  }

  private static Hash32 digestFile(int tag, Path file) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    digest.update((byte) tag);
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return Hash32.of(digest.digest());
  }
}
