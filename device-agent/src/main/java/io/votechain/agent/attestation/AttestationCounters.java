package io.votechain.agent.attestation;

import io.votechain.agent.Durable;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32C;

/**
 * The device's monotonic attestation counter and its boot (restart) count, kept in one small file
 * (docs/device-agent.md §2.2). Every change is written to a temporary file, fsynced and renamed
 * over the old one, so after a crash the file holds either the old or the new values, never a
 * mixture, and a value handed out is on disk before anyone sees it: the counter never goes back,
 * even across power loss.
 *
 * <p>The evidence counter is {@code bootCount · 2^32 + n}, {@code n} counting attestations since
 * that boot: strictly increasing, and the ledger can read the restart count from it (the role of
 * EAT's boot count claim, RFC 9711). Not thread safe; the agent serialises its use.
 */
public final class AttestationCounters {
  private static final byte[] MAGIC = "VCAC".getBytes(StandardCharsets.US_ASCII);

  /** Leaves 2^32 counters of room above any ledger counter the agent accepts as a floor. */
  private static final long MAX_FLOOR = Long.MAX_VALUE - (1L << 32);

  private final Path file;
  private long bootCount;
  private long lastCounter;

  private AttestationCounters(Path file, long bootCount, long lastCounter) {
    this.file = file;
    this.bootCount = bootCount;
    this.lastCounter = lastCounter;
  }

  /** Opens (or creates) the counters at {@code file}; does not count a boot. */
  public static AttestationCounters open(Path file) throws IOException {
    if (!Files.exists(file)) {
      AttestationCounters fresh = new AttestationCounters(file, 0, -1);
      fresh.persist();
      return fresh;
    }
    byte[] bytes = Files.readAllBytes(file);
    try {
      CanonicalReader r = new CanonicalReader(bytes);
      byte[] magic = r.fixed(MAGIC.length);
      long boot = r.varint(Long.MAX_VALUE);
      long last = r.i64();
      long crc = r.u32();
      r.finish();
      if (!java.util.Arrays.equals(magic, MAGIC) || crc != crc(boot, last)) {
        throw new IOException("attestation counters " + file + " are damaged");
      }
      return new AttestationCounters(file, boot, last);
    } catch (EncodingException e) {
      throw new IOException("attestation counters " + file + " are damaged", e);
    }
  }

  /** Counts a start of the agent (persisted before it returns) and returns the new boot count. */
  public long boot() throws IOException {
    bootCount++;
    persist();
    return bootCount;
  }

  /** The next evidence counter, persisted before it is returned. */
  public long next() throws IOException {
    return nextAbove(-1);
  }

  /**
   * The next evidence counter, also above {@code ledgerCounter} (the last counter the ledger
   * accepted from this device, -1 for none): after the device's files were restored from an old
   * backup, its own counter is behind the ledger's and evidence would be refused with
   * COUNTER_NOT_INCREASING for ever. A floor so high that the counter could not grow past it is
   * ignored (it can only come from a faulty validator).
   */
  public long nextAbove(long ledgerCounter) throws IOException {
    long floor = ledgerCounter < MAX_FLOOR ? ledgerCounter + 1 : 0;
    long candidate = Math.max(Math.max(lastCounter + 1, bootCount << 32), floor);
    lastCounter = candidate;
    persist();
    return candidate;
  }

  public long bootCount() {
    return bootCount;
  }

  public long lastCounter() {
    return lastCounter;
  }

  private void persist() throws IOException {
    byte[] bytes =
        new CanonicalWriter()
            .fixed(MAGIC)
            .varint(bootCount)
            .i64(lastCounter)
            .u32(crc(bootCount, lastCounter))
            .toByteArray();
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Durable.fsync(tmp);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Durable.fsyncDirectory(file.toAbsolutePath().getParent());
  }

  private static long crc(long boot, long last) {
    CRC32C crc = new CRC32C();
    crc.update(new CanonicalWriter().varint(boot).i64(last).toByteArray());
    return crc.getValue();
  }
}
