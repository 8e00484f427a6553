package io.votechain.store;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * The consensus safety state (last vote, lock) in a local file, replaced atomically and fsynced
 * before {@link #write} returns, so that a validator never sends a vote it could forget in a crash
 * and then contradict. Kept out of the ledger store on purpose: Cassandra's commit log may be
 * periodic and its replicas remote, while this must be on the validator's own disk.
 *
 * <p>Format: 8-byte magic "VCSAFE01", 4-byte length, payload, 32-byte SHA-256 of magic, length and
 * payload. A torn or corrupted file is refused (the validator must not start on a guess).
 *
 * <p>Not thread safe: the consensus core has one writer.
 */
public final class SafetyStateFile {
  private static final byte[] MAGIC =
      "VCSAFE01".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** Room for the locked and valid blocks and the validator's own proposal (2 MiB blocks). */
  public static final int MAX_PAYLOAD = 32 * 1024 * 1024;

  private final Path file;
  private final Path temp;

  public SafetyStateFile(Path file) {
    this.file = file;
    this.temp = file.resolveSibling(file.getFileName() + ".tmp");
  }

  /** The last state written, or empty for a validator that never voted. */
  public Optional<byte[]> read() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "cannot read " + file, e);
    }
    if (raw.length < MAGIC.length + 4 + Hash32.LENGTH
        || !Arrays.equals(Arrays.copyOf(raw, MAGIC.length), MAGIC)) {
      throw new StoreException(StoreException.Reason.CORRUPT, "not a safety state file: " + file);
    }
    int length = ByteBuffer.wrap(raw, MAGIC.length, 4).getInt();
    if (length < 0 || length > MAX_PAYLOAD || raw.length != MAGIC.length + 4 + length + 32) {
      throw new StoreException(StoreException.Reason.CORRUPT, "bad length in " + file);
    }
    int bodyLength = MAGIC.length + 4 + length;
    Hash32 expected = Hash32.of(Arrays.copyOfRange(raw, bodyLength, raw.length));
    if (!Sha256.hash(Arrays.copyOf(raw, bodyLength)).equals(expected)) {
      throw new StoreException(StoreException.Reason.CORRUPT, "checksum mismatch in " + file);
    }
    return Optional.of(Arrays.copyOfRange(raw, MAGIC.length + 4, bodyLength));
  }

  /** Replaces the state; durable when this returns. */
  public void write(byte[] payload) {
    if (payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException("safety state over " + MAX_PAYLOAD + " bytes");
    }
    ByteBuffer body = ByteBuffer.allocate(MAGIC.length + 4 + payload.length);
    body.put(MAGIC).putInt(payload.length).put(payload);
    byte[] bodyBytes = body.array();
    byte[] checksum = Sha256.hash(bodyBytes).bytes();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (FileChannel ch =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(bodyBytes));
        ch.write(ByteBuffer.wrap(checksum));
        ch.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new StoreException(
            StoreException.Reason.UNAVAILABLE, "file system cannot rename atomically", e);
      }
      // The rename itself must reach the disk: fsync the directory.
      try (FileChannel dir =
          FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
        dir.force(true);
      }
    } catch (IOException e) {
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "cannot write " + file, e);
    }
  }
}
