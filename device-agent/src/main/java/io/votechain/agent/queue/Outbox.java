package io.votechain.agent.queue;

import io.votechain.agent.Durable;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The device's store-and-forward queue: a write-ahead log of checksummed records
 * (docs/device-agent.md §4), fsynced before every method that changes it returns. It survives kill
 * -9 and power loss: recovery replays the records in order and ignores a torn last record (short,
 * or failing its CRC-32C), truncating the file there so later appends follow the last whole record.
 *
 * <p>An entry goes through three states, each one record: ENQUEUED (the transaction body the agent
 * must deliver, in order), SIGNED (the exact signed transaction bytes, written before they are
 * published, so a re-send after a crash repeats the same bytes and gets the same receipt) and
 * SETTLED (a committed receipt, or a definitive refusal). Nothing leaves the queue before it is
 * settled. When settled records dominate, the log is compacted into a fresh file (written, fsynced,
 * renamed atomically) holding only the unsettled entries and the counters.
 *
 * <p>Thread safe: every method is synchronized.
 */
public final class Outbox implements AutoCloseable {
  static final int ENQUEUED = 1;
  static final int SIGNED = 2;
  static final int SETTLED = 3;
  static final int STATE = 4;
  static final int RELEASED = 5;

  /** Largest record: a transaction (256 KiB) with room for the record's own fields. */
  static final int MAX_RECORD = 256 * 1024 + 1024;

  private static final int HEADER = 8;
  private static final int COMPACT_AFTER = 512;

  private final Path file;
  private FileChannel channel;
  private final TreeMap<Long, OutboxEntry> live = new TreeMap<>();
  private long nextSeq;
  private long nextNonce;
  private Optional<Settlement> lastSettlement = Optional.empty();
  private int settledSinceCompaction;
  private long recoveredTornBytes;

  private Outbox(Path file) {
    this.file = file;
  }

  /** Opens the queue at {@code file}, creating it if absent, and recovers its entries. */
  public static Outbox open(Path file) throws IOException {
    Outbox outbox = new Outbox(file);
    outbox.recover();
    return outbox;
  }

  /** Appends a transaction body to deliver after the ones already queued; returns its sequence. */
  public synchronized long enqueue(byte[] body) throws IOException {
    long seq = nextSeq++;
    append(new CanonicalWriter().u8(ENQUEUED).varint(seq).bytes(body).toByteArray());
    live.put(seq, new OutboxEntry(seq, body, Optional.empty()));
    return seq;
  }

  /**
   * Records the signed transaction of entry {@code seq}, durably, before the caller publishes it.
   * The signer's next nonce becomes {@code nonce + 1}.
   */
  public synchronized void signed(long seq, long nonce, byte[] transaction) throws IOException {
    OutboxEntry entry = live.get(seq);
    if (entry == null) {
      throw new IllegalArgumentException("no unsettled entry " + seq);
    }
    append(
        new CanonicalWriter()
            .u8(SIGNED)
            .varint(seq)
            .varint(nonce)
            .bytes(transaction)
            .toByteArray());
    live.put(seq, entry.withSigned(transaction, nonce));
    nextNonce = nonce + 1;
  }

  /**
   * Settles entry {@code seq}: a committed receipt ({@code height > 0}) or a definitive refusal
   * ({@code height == 0}). A refusal before commit did not consume the nonce, so the next nonce
   * goes back to the refused transaction's.
   */
  public synchronized void settle(long seq, Settlement settlement) throws IOException {
    OutboxEntry entry = live.get(seq);
    if (entry == null) {
      return;
    }
    long next = nextNonce;
    if (entry.nonce().isPresent() && settlement.height() == 0) {
      next = entry.nonce().get();
    }
    append(settledRecord(seq, settlement, next));
    live.remove(seq);
    nextNonce = next;
    lastSettlement = Optional.of(settlement);
    if (++settledSinceCompaction >= COMPACT_AFTER) {
      compact();
    }
  }

  /**
   * Drops the signed form of entry {@code seq}, which a node refused before commit for a reason
   * that will pass (the device's attestation lapsed): its nonce was not consumed and is handed out
   * again, and the entry is signed afresh when its turn comes.
   */
  public synchronized void release(long seq) throws IOException {
    OutboxEntry entry = live.get(seq);
    if (entry == null || entry.nonce().isEmpty()) {
      return;
    }
    release(seq, entry.nonce().get());
  }

  /**
   * Drops the signed form of entry {@code seq} and makes {@code next} the nonce handed out next:
   * the ledger's next nonce, when the device's own fell out of step with it (its data folder was
   * restored from an old backup). The entry is signed afresh with it when its turn comes; its body
   * (a ballot's id included) is unchanged. Same record as {@link #release(long)}: RELEASED carries
   * the nonce to hand out next.
   */
  public synchronized void release(long seq, long next) throws IOException {
    OutboxEntry entry = live.get(seq);
    if (entry == null || entry.nonce().isEmpty()) {
      return;
    }
    if (next < 0) {
      throw new IllegalArgumentException("negative nonce");
    }
    append(new CanonicalWriter().u8(RELEASED).varint(seq).varint(next).toByteArray());
    live.put(seq, new OutboxEntry(seq, entry.body(), Optional.empty()));
    nextNonce = next;
  }

  /** The unsettled entries in delivery order. */
  public synchronized List<OutboxEntry> pending() {
    return new ArrayList<>(live.values());
  }

  /** The first unsettled entry, if any. */
  public synchronized Optional<OutboxEntry> head() {
    return live.isEmpty() ? Optional.empty() : Optional.of(live.firstEntry().getValue());
  }

  public synchronized int size() {
    return live.size();
  }

  /** The nonce the device's next signed transaction must carry. */
  public synchronized long nextNonce() {
    return nextNonce;
  }

  public synchronized Optional<Settlement> lastSettlement() {
    return lastSettlement;
  }

  /** How many bytes of a torn tail the last recovery dropped (0 after a clean shutdown). */
  public synchronized long recoveredTornBytes() {
    return recoveredTornBytes;
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  private void recover() throws IOException {
    if (!Files.exists(file)) {
      Files.createFile(file);
      Durable.fsyncDirectory(file.toAbsolutePath().getParent());
    }
    channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    long size = channel.size();
    long position = 0;
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    while (position + HEADER <= size) {
      header.clear();
      channel.read(header, position);
      header.flip();
      int length = header.getInt();
      long crc = header.getInt() & 0xFFFFFFFFL;
      if (length <= 0 || length > MAX_RECORD || position + HEADER + length > size) {
        break;
      }
      ByteBuffer payload = ByteBuffer.allocate(length);
      channel.read(payload, position + HEADER);
      byte[] bytes = payload.array();
      if (crc(bytes) != crc || !replay(bytes)) {
        break;
      }
      position += HEADER + length;
    }
    recoveredTornBytes = size - position;
    if (position < size) {
      channel.truncate(position);
      channel.force(true);
    }
    channel.position(position);
  }

  /** Applies one record to the in-memory view; false for a record that does not parse. */
  private boolean replay(byte[] record) {
    try {
      CanonicalReader r = new CanonicalReader(record);
      int type = r.u8();
      if (type == ENQUEUED) {
        long seq = r.varint(Long.MAX_VALUE);
        byte[] body = r.bytes(MAX_RECORD);
        r.finish();
        live.put(seq, new OutboxEntry(seq, body, Optional.empty()));
        nextSeq = Math.max(nextSeq, seq + 1);
      } else if (type == SIGNED) {
        long seq = r.varint(Long.MAX_VALUE);
        long nonce = r.varint(Long.MAX_VALUE);
        byte[] tx = r.bytes(MAX_RECORD);
        r.finish();
        OutboxEntry entry = live.get(seq);
        if (entry != null) {
          live.put(seq, entry.withSigned(tx, nonce));
        }
        nextNonce = nonce + 1;
      } else if (type == SETTLED) {
        long seq = r.varint(Long.MAX_VALUE);
        Settlement s = Settlement.readFrom(r);
        long next = r.varint(Long.MAX_VALUE);
        r.finish();
        live.remove(seq);
        nextNonce = next;
        lastSettlement = Optional.of(s);
        settledSinceCompaction++;
      } else if (type == RELEASED) {
        long seq = r.varint(Long.MAX_VALUE);
        long nonce = r.varint(Long.MAX_VALUE);
        r.finish();
        OutboxEntry entry = live.get(seq);
        if (entry != null) {
          live.put(seq, new OutboxEntry(seq, entry.body(), Optional.empty()));
        }
        nextNonce = nonce;
      } else if (type == STATE) {
        nextSeq = Math.max(nextSeq, r.varint(Long.MAX_VALUE));
        nextNonce = r.varint(Long.MAX_VALUE);
        lastSettlement = r.bool() ? Optional.of(Settlement.readFrom(r)) : Optional.empty();
        r.finish();
      } else {
        return false;
      }
      return true;
    } catch (EncodingException | IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] settledRecord(long seq, Settlement s, long nextNonce) {
    CanonicalWriter w = new CanonicalWriter().u8(SETTLED).varint(seq);
    s.writeTo(w);
    return w.varint(nextNonce).toByteArray();
  }

  private void append(byte[] payload) throws IOException {
    if (channel == null) {
      throw new IOException("outbox is closed");
    }
    channel.write(frame(payload));
    channel.force(false);
  }

  static ByteBuffer frame(byte[] payload) {
    if (payload.length > MAX_RECORD) {
      throw new IllegalArgumentException("record above " + MAX_RECORD + " bytes");
    }
    ByteBuffer buffer = ByteBuffer.allocate(HEADER + payload.length);
    buffer.putInt(payload.length).putInt((int) crc(payload)).put(payload).flip();
    return buffer;
  }

  private static long crc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return crc.getValue();
  }

  /**
   * Rewrites the log as the state record and the unsettled entries: written to a temporary file,
   * fsynced, then renamed over the log, so a crash leaves either the old or the new log whole.
   */
  private void compact() throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".compact");
    try (FileChannel out =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      CanonicalWriter state = new CanonicalWriter().u8(STATE).varint(nextSeq).varint(nextNonce);
      state.bool(lastSettlement.isPresent());
      lastSettlement.ifPresent(s -> s.writeTo(state));
      out.write(frame(state.toByteArray()));
      for (OutboxEntry e : live.values()) {
        out.write(
            frame(
                new CanonicalWriter().u8(ENQUEUED).varint(e.seq()).bytes(e.body()).toByteArray()));
        if (e.signedTransaction().isPresent()) {
          out.write(
              frame(
                  new CanonicalWriter()
                      .u8(SIGNED)
                      .varint(e.seq())
                      .varint(e.nonce().orElseThrow())
                      .bytes(e.signedTransaction().get())
                      .toByteArray()));
        }
      }
      out.force(true);
    }
    channel.close();
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Durable.fsyncDirectory(file.toAbsolutePath().getParent());
    channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    channel.position(channel.size());
    settledSinceCompaction = 0;
  }
}
