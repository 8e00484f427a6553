package io.votechain.device;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.merkle.InclusionProof;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The recorded-as-cast part of an OK CastBallot receipt (docs/mqtt.md §3): the tracking code (the
 * ballot hash), the committed block's header and the transaction's Merkle inclusion proof against
 * the header's transactions root. With it a device checks, with nothing but the receipt, that its
 * exact transaction bytes are in the block whose hash the receipt names. Immutable.
 *
 * <p>Refinement of the agreed protocol: the header bytes travel with the proof, because the proof
 * is against the transactions root, which only the header carries.
 */
public record BallotInclusion(Hash32 trackingCode, byte[] blockHeader, InclusionProof proof) {
  /** Block header tag 'B' (docs/consensus.md §3): block hash = SHA-256(0x42 || header). */
  public static final int HEADER_HASH_TAG = 0x42;

  public static final int MAX_HEADER = 1024;
  private static final int MAX_PROOF = 16 + 1 + InclusionProof.MAX_PATH * Hash32.LENGTH;

  public BallotInclusion {
    Objects.requireNonNull(trackingCode, "trackingCode");
    Objects.requireNonNull(proof, "proof");
    if (blockHeader.length == 0 || blockHeader.length > MAX_HEADER) {
      throw new IllegalArgumentException("block header must be 1.." + MAX_HEADER + " bytes");
    }
    blockHeader = blockHeader.clone();
  }

  @Override
  public byte[] blockHeader() {
    return blockHeader.clone();
  }

  /** The outcome of {@link #verify}. */
  public enum Check {
    VALID,
    /** SHA-256(0x42 || header) is not the receipt's block hash. */
    HEADER_MISMATCH,
    /** The header's height is not the receipt's height, or the header does not parse. */
    WRONG_HEIGHT,
    /** The proof does not lead from the transaction to the header's transactions root. */
    PROOF_FAILS
  }

  /**
   * Checks that {@code transaction} (the exact bytes the device sent) is in the block with hash
   * {@code blockHash} at {@code height}.
   */
  public Check verify(byte[] transaction, long height, Hash32 blockHash) {
    if (!Sha256.tagged(HEADER_HASH_TAG, blockHeader).equals(blockHash)) {
      return Check.HEADER_MISMATCH;
    }
    Hash32 root;
    try {
      // Header layout: fixed(32) chainId, varint height, varint round, i64 timestamp,
      // fixed(32) previousBlockHash, fixed(32) transactionsRoot, ...
      CanonicalReader r = new CanonicalReader(blockHeader);
      r.fixed(32);
      long headerHeight = r.varint(Long.MAX_VALUE);
      r.varint(Integer.MAX_VALUE);
      r.i64();
      r.fixed(32);
      root = Hash32.of(r.fixed(32));
      if (headerHeight != height) {
        return Check.WRONG_HEIGHT;
      }
    } catch (EncodingException e) {
      return Check.WRONG_HEIGHT;
    }
    return proof.verify(transaction, root) ? Check.VALID : Check.PROOF_FAILS;
  }

  void writeTo(CanonicalWriter w) {
    w.fixed(trackingCode.bytes()).bytes(blockHeader).bytes(proof.encode());
  }

  static BallotInclusion readFrom(CanonicalReader r) {
    Hash32 trackingCode = Hash32.of(r.fixed(Hash32.LENGTH));
    byte[] header = r.bytes(MAX_HEADER);
    if (header.length == 0) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "empty block header");
    }
    InclusionProof proof = InclusionProof.decode(r.bytes(MAX_PROOF));
    return new BallotInclusion(trackingCode, header, proof);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BallotInclusion b
        && trackingCode.equals(b.trackingCode)
        && Arrays.equals(blockHeader, b.blockHeader)
        && proof.equals(b.proof);
  }

  @Override
  public int hashCode() {
    return trackingCode.hashCode();
  }
}
