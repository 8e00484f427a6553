package io.votechain.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.merkle.MerkleTree;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import io.votechain.tx.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReceiptTest {
  private static final Hash32 TX = Sha256.hash("tx".getBytes(StandardCharsets.US_ASCII));
  private static final List<byte[]> BLOCK_TXS =
      List.of(new byte[] {1}, new byte[] {2, 2}, new byte[] {3, 3, 3});

  /** A header shaped like docs/consensus.md §3 with the Merkle root of {@link #BLOCK_TXS}. */
  private static byte[] header(long height, Hash32 root) {
    return new CanonicalWriter()
        .fixed(new byte[32])
        .varint(height)
        .varint(0)
        .i64(1_000)
        .fixed(new byte[32])
        .fixed(root.bytes())
        .varint(BLOCK_TXS.size())
        .fixed(new byte[32])
        .fixed(new byte[32])
        .varint(0)
        .toByteArray();
  }

  private static Receipt ballotReceipt() {
    MerkleTree tree = MerkleTree.ofLeaves(BLOCK_TXS);
    byte[] header = header(5, tree.root());
    BallotInclusion inclusion =
        new BallotInclusion(Sha256.hash(new byte[] {9}), header, tree.prove(1));
    return Receipt.committed(
        TX,
        ErrorCode.OK,
        "",
        5,
        Sha256.tagged(BallotInclusion.HEADER_HASH_TAG, header),
        Optional.of(inclusion));
  }

  @Nested
  class Inclusion {
    @Test
    void proofOfTheSentTransactionVerifies() {
      Receipt r = ballotReceipt();
      assertEquals(
          BallotInclusion.Check.VALID,
          r.inclusion().orElseThrow().verify(BLOCK_TXS.get(1), r.height(), r.blockHash()));
    }

    @Test
    void proofFailsForAnotherTransaction() {
      Receipt r = ballotReceipt();
      assertEquals(
          BallotInclusion.Check.PROOF_FAILS,
          r.inclusion().orElseThrow().verify(BLOCK_TXS.get(2), r.height(), r.blockHash()));
    }

    @Test
    void proofFailsForAnotherBlockHash() {
      Receipt r = ballotReceipt();
      assertEquals(
          BallotInclusion.Check.HEADER_MISMATCH,
          r.inclusion().orElseThrow().verify(BLOCK_TXS.get(1), r.height(), TX));
    }

    @Test
    void proofFailsForAnotherHeight() {
      Receipt r = ballotReceipt();
      assertEquals(
          BallotInclusion.Check.WRONG_HEIGHT,
          r.inclusion().orElseThrow().verify(BLOCK_TXS.get(1), 6, r.blockHash()));
    }
  }

  @Nested
  class Encoding {
    @Test
    void committedBallotReceiptRoundTrips() {
      Receipt r = ballotReceipt();
      Receipt back = Receipt.decode(r.encode());
      assertEquals(r, back);
      assertEquals("OK", back.codeName());
    }

    @Test
    void gatewayRefusalRoundTripsWithItsCode() {
      Receipt r = Receipt.refused(TX, GatewayError.RATE_LIMITED, "slow down");
      byte[] bytes = r.encode();
      // fixed(32) txId, varint 203 (two bytes), text "slow down", varint 0, fixed(32) zero, bool
      assertEquals(32 + 2 + 1 + 9 + 1 + 32 + 1, bytes.length);
      Receipt back = Receipt.decode(bytes);
      assertEquals(Optional.of(GatewayError.RATE_LIMITED), back.gatewayError());
      assertEquals(0, back.height());
      assertEquals("RATE_LIMITED", back.codeName());
    }

    @Test
    void unknownCodeIsRefused() {
      byte[] bytes = Receipt.refused(TX, ErrorCode.BAD_SIGNATURE, "x").encode();
      bytes[32] = 99; // not a contracts code, not a gateway code
      EncodingException e = assertThrows(EncodingException.class, () -> Receipt.decode(bytes));
      assertEquals(EncodingException.Reason.INVALID_VALUE, e.reason());
    }

    @Test
    void refusalWithABlockHashIsRefused() {
      byte[] bytes = Receipt.refused(TX, ErrorCode.BAD_SIGNATURE, "").encode();
      bytes[bytes.length - 2] = 1; // last byte of the (zero) block hash
      EncodingException e = assertThrows(EncodingException.class, () -> Receipt.decode(bytes));
      assertEquals(EncodingException.Reason.INVALID_VALUE, e.reason());
    }
  }

  @Test
  void okBeforeCommitCannotBeBuilt() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Receipt(TX, 0, "", 0, Hash32.ZERO, Optional.empty()));
  }

  @Test
  void longReasonIsCutWithoutSplittingACharacter() {
    String reason = "界".repeat(400); // 3 bytes each
    Receipt r = Receipt.refused(TX, ErrorCode.BALLOT_INVALID, reason);
    assertEquals(170, r.reason().length());
  }
}
