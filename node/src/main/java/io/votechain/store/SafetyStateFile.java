package io.votechain.store;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
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
 * <p>Format: 8-byte magic (by default "VCSAFE01"), 4-byte length, payload, 32-byte SHA-256 of
 * magic, length and payload. A torn or corrupted file is refused (the validator must not start on a
 * guess).
 *
 * <p>Not thread safe: the consensus core has one writer.
 */
public final class SafetyStateFile {
  /** The magic of a file written by {@link #SafetyStateFile(Path)}. */
  public static final String DEFAULT_MAGIC = "VCSAFE01";

  /** Room for one block of the largest size with its certificate, or a state. */
  public static final int MAX_PAYLOAD = 32 * 1024 * 1024;

  private final Path file;
  private final Path temp;
  private final byte[] magic;

  public SafetyStateFile(Path file) {
    this(file, DEFAULT_MAGIC);
  }

  /**
   * A file whose first 8 bytes are {@code magic} (8 ASCII characters): a file of another kind or
   * format version is refused as corrupt instead of being misread.
   */
  public SafetyStateFile(Path file, String magic) {
    this.file = file;
    this.temp = file.resolveSibling(file.getFileName() + ".tmp");
    this.magic = magic.getBytes(StandardCharsets.US_ASCII);
    if (this.magic.length != 8 || !StandardCharsets.US_ASCII.newEncoder().canEncode(magic)) {
      throw new IllegalArgumentException("magic must be 8 ASCII characters");
    }
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
    if (raw.length < magic.length + 4 + Hash32.LENGTH
        || !Arrays.equals(Arrays.copyOf(raw, magic.length), magic)) {
      throw new StoreException(StoreException.Reason.CORRUPT, "not a safety state file: " + file);
    }
    int length = ByteBuffer.wrap(raw, magic.length, 4).getInt();
    if (length < 0 || length > MAX_PAYLOAD || raw.length != magic.length + 4 + length + 32) {
      throw new StoreException(StoreException.Reason.CORRUPT, "bad length in " + file);
    }
    int bodyLength = magic.length + 4 + length;
    Hash32 expected = Hash32.of(Arrays.copyOfRange(raw, bodyLength, raw.length));
    if (!Sha256.hash(Arrays.copyOf(raw, bodyLength)).equals(expected)) {
      throw new StoreException(StoreException.Reason.CORRUPT, "checksum mismatch in " + file);
    }
    return Optional.of(Arrays.copyOfRange(raw, magic.length + 4, bodyLength));
  }

  /** Replaces the state; durable when this returns. */
  public void write(byte[] payload) {
    if (payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException("safety state over " + MAX_PAYLOAD + " bytes");
    }
    ByteBuffer body = ByteBuffer.allocate(magic.length + 4 + payload.length);
    body.put(magic).putInt(payload.length).put(payload);
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
