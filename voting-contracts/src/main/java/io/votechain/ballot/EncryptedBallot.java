package io.votechain.ballot;

import io.votechain.crypto.hash.ElectionHash;
import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.List;

/**
 * An encrypted ballot: its id, its style and one encrypted contest per contest of the style, in
 * order (docs/crypto.md §6.3). Its canonical encoding (§6.4) is what is hashed into the tracking
 * code (§6.5) and what the ledger stores. Immutable.
 */
public record EncryptedBallot(String ballotId, String styleId, List<EncryptedContest> contests) {
  /** Domain byte of the ballot hash. */
  public static final int DOMAIN_BALLOT_HASH = 0x29;

  public EncryptedBallot {
    BallotStyle.checkId(ballotId, "ballot id");
    BallotStyle.checkId(styleId, "style id");
    contests = List.copyOf(contests);
    if (contests.isEmpty() || contests.size() > BallotStyle.MAX_CONTESTS) {
      throw new IllegalArgumentException("1 to " + BallotStyle.MAX_CONTESTS + " contests");
    }
  }

  /** The canonical encoding (docs/crypto.md §6.4). */
  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    w.text(ballotId).text(styleId);
    w.list(contests, (out, c) -> c.writeTo(out));
    return w.toByteArray();
  }

  /**
   * Decodes a canonical encoding, refusing truncation, trailing bytes, counts above the bounds,
   * points off the curve or at infinity and non-canonical scalars; only {@link EncodingException}
   * is thrown for bad input.
   */
  public static EncryptedBallot decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    try {
      String ballotId = r.text(ContestDescription.MAX_ID_BYTES);
      String styleId = r.text(ContestDescription.MAX_ID_BYTES);
      List<EncryptedContest> contests =
          r.list(BallotStyle.MAX_CONTESTS, EncryptedContest::readFrom);
      r.finish();
      return new EncryptedBallot(ballotId, styleId, contests);
    } catch (IllegalArgumentException e) {
      // A well-formed encoding of a value the records refuse (an empty id, an empty list).
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, e.getMessage());
    }
  }

  /**
   * The ballot hash {@code H(H_E; 0x29, bytes(encoding))} (docs/crypto.md §6.5), from which the
   * voter's tracking code is made.
   */
  public Hash32 hash(Hash32 extendedBaseHash) {
    return ElectionHash.hash(extendedBaseHash, DOMAIN_BALLOT_HASH, (Object) encode());
  }
}
