package io.votechain.node;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.core.SafetyState;
import io.votechain.consensus.core.SafetyStore;
import io.votechain.consensus.validation.BlockValidator;
import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import io.votechain.store.SafetyStateFile;
import io.votechain.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The consensus core's safety state in the validator's fsynced local files (docs/storage.md §4,
 * docs/consensus.md §6): the state itself, a few hundred bytes rewritten before every vote, in
 * {@code <path>}; each large block body it names (validValue, its own proposal, a proposal in its
 * round-entry proof) once, in {@code <path>.blocks/<block hash in hex>}, written before the first
 * state that names it and deleted after the state that dropped it is durable. A body of at most
 * {@link #INLINE_MAX_BYTES} rides inside the state file instead: rewriting a few KiB costs less
 * than the two extra fsyncs of a file of its own. Every file is written through {@link
 * SafetyStateFile} (checksummed, fsynced, renamed atomically).
 *
 * <p>State file payload: {@code list(inline block encodings) ‖ bytes(SafetyState encoding)}.
 *
 * <p>Not thread safe: the consensus core has one writer.
 */
public final class FileSafetyStore implements SafetyStore {
  /**
   * Bodies up to this size are kept inside the state file. Measured on this project's machines
   * (SafetyStoreCostMeasurement): a file of its own costs two more fsyncs, which for a 10 KiB block
   * took longer than rewriting it with each of the ~2 states per height that name it.
   */
  public static final int INLINE_MAX_BYTES = 256 * 1024;

  private static final String STATE_MAGIC = "VCSAFE02";
  private static final int MAX_INLINE_BODIES = 2 + SafetyState.MAX_OWN_MESSAGES + 1;
  private static final String BLOCK_MAGIC = "VCBLOCK1";
  private static final HexFormat HEX = HexFormat.of();

  private final SafetyStateFile state;
  private final Path blockDir;
  // The bodies in files of their own; insertion order makes the pruning order deterministic.
  private Set<Hash32> held;
  // The small bodies the last state written or read carries inline, by hash (looked up only).
  private Map<Hash32, byte[]> inline = new HashMap<>();

  public FileSafetyStore(Path path) {
    this.state = new SafetyStateFile(path, STATE_MAGIC);
    this.blockDir = path.resolveSibling(path.getFileName() + ".blocks");
  }

  @Override
  public Optional<SafetyState> load() {
    Optional<byte[]> bytes = state.read();
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      CanonicalReader r = new CanonicalReader(bytes.get());
      List<byte[]> bodies = r.list(MAX_INLINE_BODIES, x -> x.bytes(INLINE_MAX_BYTES));
      SafetyState s = SafetyState.decode(r.bytes(SafetyStateFile.MAX_PAYLOAD));
      r.finish();
      Map<Hash32, byte[]> found = new HashMap<>();
      for (byte[] body : bodies) {
        found.put(Block.decode(body).hash(), body);
      }
      inline = found;
      return Optional.of(s);
    } catch (EncodingException | IllegalArgumentException e) {
      throw new StoreException(StoreException.Reason.CORRUPT, "safety state does not decode", e);
    }
  }

  @Override
  public Optional<Block> loadBlock(Hash32 hash) {
    byte[] bytes = inline.get(hash);
    String where = "the state file";
    if (bytes == null) {
      Path file = blockFile(hash);
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      bytes = new SafetyStateFile(file, BLOCK_MAGIC).read().orElseThrow();
      where = file.toString();
    }
    Block block;
    try {
      block = Block.decode(bytes);
    } catch (EncodingException | IllegalArgumentException e) {
      throw new StoreException(StoreException.Reason.CORRUPT, "block does not decode: " + where, e);
    }
    if (!block.hash().equals(hash) || !BlockValidator.checkBody(block).accepted()) {
      throw new StoreException(StoreException.Reason.CORRUPT, "not block " + hash + ": " + where);
    }
    return Optional.of(block);
  }

  @Override
  public void save(SafetyState s, List<Block> blocks) {
    List<Hash32> named = s.blockHashes();
    if (blocks.size() != named.size()) {
      throw new IllegalArgumentException("the bodies must be those the state names");
    }
    Set<Hash32> onDisk = held();
    Map<Hash32, byte[]> nextInline = new HashMap<>();
    List<byte[]> inlineBodies = new ArrayList<>();
    for (int i = 0; i < named.size(); i++) {
      Block b = blocks.get(i);
      if (!b.hash().equals(named.get(i))) {
        throw new IllegalArgumentException("the bodies must be those the state names");
      }
      if (onDisk.contains(b.hash())) {
        continue;
      }
      byte[] body = inline.get(b.hash());
      if (body == null) {
        byte[] encoded = b.encode();
        if (encoded.length > INLINE_MAX_BYTES) {
          // Durable before the state that names it: a restart never finds a dangling hash.
          new SafetyStateFile(blockFile(b.hash()), BLOCK_MAGIC).write(encoded);
          onDisk.add(b.hash());
          continue;
        }
        body = encoded;
      }
      nextInline.put(b.hash(), body);
      inlineBodies.add(body);
    }
    CanonicalWriter w = new CanonicalWriter();
    w.list(inlineBodies, CanonicalWriter::bytes);
    w.bytes(s.encode());
    state.write(w.toByteArray());
    inline = nextInline;
    Set<Hash32> keep = Set.copyOf(named);
    for (Hash32 h : List.copyOf(onDisk)) {
      if (!keep.contains(h)) {
        // No fsync needed: a body that comes back after a crash is only unused, and is deleted
        // at the next save.
        try {
          Files.deleteIfExists(blockFile(h));
        } catch (IOException e) {
          throw new StoreException(StoreException.Reason.UNAVAILABLE, "cannot delete " + h, e);
        }
        onDisk.remove(h);
      }
    }
  }

  private Path blockFile(Hash32 hash) {
    return blockDir.resolve(HEX.formatHex(hash.bytes()));
  }

  /**
   * The bodies on disk, listed once (bodies left by an earlier run are pruned at the next save).
   */
  private Set<Hash32> held() {
    if (held == null) {
      held = new LinkedHashSet<>();
      if (Files.isDirectory(blockDir)) {
        try (Stream<Path> files = Files.list(blockDir)) {
          for (Path f : files.sorted().toList()) {
            String name = f.getFileName().toString();
            if (name.length() == 2 * Hash32.LENGTH) {
              try {
                held.add(Hash32.of(HEX.parseHex(name)));
              } catch (IllegalArgumentException e) {
                // not one of ours: leave it alone
              }
            }
          }
        } catch (IOException e) {
          throw new StoreException(StoreException.Reason.UNAVAILABLE, "cannot list " + blockDir, e);
        }
      }
    }
    return held;
  }
}
