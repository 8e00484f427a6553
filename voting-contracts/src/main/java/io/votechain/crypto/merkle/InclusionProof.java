package io.votechain.crypto.merkle;

import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.List;

/**
 * Proof that a leaf sits at {@code index} in a tree of {@code treeSize} leaves: the sibling hashes
 * from the bottom up (RFC 6962 audit path). Verification recomputes the root; it needs nothing but
 * the leaf, the proof and the root a quorum certificate vouches for.
 */
public record InclusionProof(long index, long treeSize, List<Hash32> path) {
  /** 2^63 leaves need at most 63 siblings. */
  public static final int MAX_PATH = 63;

  public InclusionProof {
    if (treeSize < 1 || index < 0 || index >= treeSize) {
      throw new IllegalArgumentException("index " + index + " not in tree of " + treeSize);
    }
    path = List.copyOf(path);
    if (path.size() > MAX_PATH) {
      throw new IllegalArgumentException("path too long");
    }
  }

  /** True when {@code leaf} at {@link #index} gives {@code root}; false for any other input. */
  public boolean verify(byte[] leaf, Hash32 root) {
    return root.equals(rootFor(MerkleTree.leafHash(leaf)));
  }

  /** The root this proof yields for a leaf hash, or null when the path has the wrong length. */
  Hash32 rootFor(Hash32 leafHash) {
    // RFC 9162 section 2.1.3.2: walk up, the bits of index and last index tell left from right.
    long fn = index;
    long sn = treeSize - 1;
    Hash32 r = leafHash;
    for (Hash32 p : path) {
      if (sn == 0) {
        return null;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleTree.nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = MerkleTree.nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 ? r : null;
  }

  public byte[] encode() {
    return new CanonicalWriter()
        .varint(index)
        .varint(treeSize)
        .list(path, (w, h) -> w.fixed(h.bytes()))
        .toByteArray();
  }

  public static InclusionProof decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    long index = r.varint(Long.MAX_VALUE);
    long size = r.varint(Long.MAX_VALUE);
    List<Hash32> path = r.list(MAX_PATH, x -> Hash32.of(x.fixed(Hash32.LENGTH)));
    r.finish();
    if (size < 1 || index >= size) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "index outside tree");
    }
    return new InclusionProof(index, size, path);
  }
}
