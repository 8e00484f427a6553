package io.votechain.crypto.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.EncodingException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
  /** The leaves and roots of RFC 6962's reference test vectors (certificate-transparency). */
  private static final List<String> LEAVES =
      List.of(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  private static final List<String> ROOTS =
      List.of(
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  private static List<byte[]> leaves(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(HexFormat.of().parseHex(LEAVES.get(i)));
    }
    return out;
  }

  @Test
  void rootsMatchTheRfc6962ReferenceVectors() {
    for (int n = 0; n <= 8; n++) {
      assertEquals(
          Hash32.fromHex(ROOTS.get(n)), MerkleTree.ofLeaves(leaves(n)).root(), "size " + n);
    }
  }

  @Test
  void everyLeafOfEveryTreeSizeProvesItsInclusion() {
    for (int n = 1; n <= 40; n++) {
      List<byte[]> data = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        data.add(new byte[] {(byte) i, (byte) n});
      }
      MerkleTree tree = MerkleTree.ofLeaves(data);
      for (int i = 0; i < n; i++) {
        InclusionProof proof = tree.prove(i);
        assertTrue(proof.verify(data.get(i), tree.root()), n + "/" + i);
        assertTrue(InclusionProof.decode(proof.encode()).verify(data.get(i), tree.root()));
      }
    }
  }

  @Test
  void aProofFailsForAnotherLeafAnotherIndexOrAnotherRoot() {
    List<byte[]> data = leaves(7);
    MerkleTree tree = MerkleTree.ofLeaves(data);
    InclusionProof proof = tree.prove(3);
    assertFalse(proof.verify(data.get(4), tree.root()));
    assertFalse(
        new InclusionProof(4, proof.treeSize(), proof.path()).verify(data.get(3), tree.root()));
    assertFalse(proof.verify(data.get(3), MerkleTree.ofLeaves(leaves(8)).root()));
    InclusionProof last = tree.prove(6);
    assertFalse(
        new InclusionProof(6, 8, last.path()).verify(data.get(6), tree.root()),
        "a path of the wrong length for the claimed tree size");
  }

  @Test
  void aProofWithATamperedSiblingFails() {
    List<byte[]> data = leaves(8);
    MerkleTree tree = MerkleTree.ofLeaves(data);
    InclusionProof proof = tree.prove(5);
    for (int i = 0; i < proof.path().size(); i++) {
      List<Hash32> path = new ArrayList<>(proof.path());
      byte[] sibling = path.get(i).bytes();
      sibling[0] ^= 1;
      path.set(i, Hash32.of(sibling));
      assertFalse(new InclusionProof(5, 8, path).verify(data.get(5), tree.root()));
    }
  }

  @Test
  void anInnerNodeCannotPassAsALeaf() {
    // Second-preimage attempt: present the two children of the root as one 64-byte "leaf".
    List<byte[]> data = leaves(2);
    MerkleTree tree = MerkleTree.ofLeaves(data);
    byte[] concatenated = new byte[64];
    System.arraycopy(MerkleTree.leafHash(data.get(0)).bytes(), 0, concatenated, 0, 32);
    System.arraycopy(MerkleTree.leafHash(data.get(1)).bytes(), 0, concatenated, 32, 32);
    assertFalse(MerkleTree.ofLeaves(List.of(concatenated)).root().equals(tree.root()));
  }

  @Test
  void aPathTooShortOrTooLongFails() {
    List<byte[]> data = leaves(8);
    MerkleTree tree = MerkleTree.ofLeaves(data);
    InclusionProof proof = tree.prove(2);
    List<Hash32> shorter = proof.path().subList(0, 2);
    assertFalse(new InclusionProof(2, 8, shorter).verify(data.get(2), tree.root()));
    List<Hash32> longer = new ArrayList<>(proof.path());
    longer.add(tree.root());
    assertFalse(new InclusionProof(2, 8, longer).verify(data.get(2), tree.root()));
  }

  @Test
  void decodingRejectsAnIndexOutsideTheTree() {
    byte[] encoded = new InclusionProof(0, 1, List.of()).encode();
    encoded[0] = 1; // index 1 in a tree of 1
    assertThrows(EncodingException.class, () -> InclusionProof.decode(encoded));
  }
}
