package io.votechain.crypto.merkle;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * A binary Merkle tree in the shape of RFC 6962 (Certificate Transparency): leaf hash {@code
 * SHA-256(0x00 || leaf)}, node hash {@code SHA-256(0x01 || left || right)}, the split at the
 * largest power of two below the size, and the empty tree hashed as {@code SHA-256()}. The distinct
 * leaf and node prefixes make a leaf unable to pass as an inner node (second-preimage attack).
 *
 * <p>Instances are immutable.
 */
public final class MerkleTree {
  static final int LEAF_TAG = 0x00;
  static final int NODE_TAG = 0x01;

  private final List<Hash32> leafHashes;
  private final Hash32 root;

  private MerkleTree(List<Hash32> leafHashes) {
    this.leafHashes = leafHashes;
    this.root = subtreeRoot(leafHashes, 0, leafHashes.size());
  }

  public static MerkleTree ofLeaves(List<byte[]> leaves) {
    List<Hash32> hashes = new ArrayList<>(leaves.size());
    for (byte[] leaf : leaves) {
      hashes.add(leafHash(leaf));
    }
    return new MerkleTree(List.copyOf(hashes));
  }

  public static Hash32 leafHash(byte[] leaf) {
    return Sha256.tagged(LEAF_TAG, leaf);
  }

  static Hash32 nodeHash(Hash32 left, Hash32 right) {
    MessageDigest digest = Sha256.newDigest();
    digest.update((byte) NODE_TAG);
    digest.update(left.bytes());
    digest.update(right.bytes());
    return Hash32.of(digest.digest());
  }

  public Hash32 root() {
    return root;
  }

  public int size() {
    return leafHashes.size();
  }

  /** The audit path of leaf {@code index}, from the leaf's sibling up to the root's child. */
  public InclusionProof prove(int index) {
    if (index < 0 || index >= leafHashes.size()) {
      throw new IndexOutOfBoundsException("leaf " + index + " of " + leafHashes.size());
    }
    List<Hash32> path = new ArrayList<>();
    auditPath(index, 0, leafHashes.size(), path);
    return new InclusionProof(index, leafHashes.size(), path);
  }

  private void auditPath(int index, int from, int to, List<Hash32> path) {
    int n = to - from;
    if (n <= 1) {
      return;
    }
    int k = splitPoint(n);
    if (index - from < k) {
      auditPath(index, from, from + k, path);
      path.add(subtreeRoot(leafHashes, from + k, to));
    } else {
      auditPath(index, from + k, to, path);
      path.add(subtreeRoot(leafHashes, from, from + k));
    }
  }

  private static Hash32 subtreeRoot(List<Hash32> hashes, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return Sha256.hash(new byte[0]);
    }
    if (n == 1) {
      return hashes.get(from);
    }
    int k = splitPoint(n);
    return nodeHash(subtreeRoot(hashes, from, from + k), subtreeRoot(hashes, from + k, to));
  }

  /** The largest power of two strictly less than n (n >= 2). */
  static int splitPoint(int n) {
    return Integer.highestOneBit(n - 1);
  }
}
