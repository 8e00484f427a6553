package io.votechain.tx;

import io.votechain.ballot.BallotNonces;
import io.votechain.ballot.EncryptedBallot;
import io.votechain.ballot.PlaintextBallot;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.List;
import java.util.Objects;

/**
 * A kiosk publishes a ballot the voter challenged (Benaloh, docs/crypto.md §6.7): the encrypted
 * ballot, its disclosed nonces and the plaintext the screen showed, so that anyone can check the
 * device encrypted what it displayed. Signed by the kiosk. The ballot id is burnt: a challenged
 * ballot can never be cast.
 */
public record SpoilBallot(
    String electionId, EncryptedBallot ballot, BallotNonces nonces, PlaintextBallot plaintext)
    implements Transaction {
  private static final int MAX_CONTESTS = 64;
  private static final int MAX_SELECTIONS = 64;

  public SpoilBallot {
    Identifiers.require(electionId, "election id");
    Objects.requireNonNull(ballot, "ballot");
    Objects.requireNonNull(nonces, "nonces");
    Objects.requireNonNull(plaintext, "plaintext");
    if (plaintext.marks().size() > MAX_CONTESTS
        || plaintext.marks().stream().anyMatch(c -> c.size() > MAX_SELECTIONS)) {
      throw new IllegalArgumentException("plaintext larger than any ballot style");
    }
  }

  @Override
  public TxKind kind() {
    return TxKind.SPOIL_BALLOT;
  }

  /**
   * {@code text electionId, bytes ballot, bytes nonces, text plaintext.ballotId, text
   * plaintext.styleId, list<list<u8>> marks}.
   */
  @Override
  public void writeFields(CanonicalWriter w) {
    w.text(electionId).bytes(ballot.encode()).bytes(nonces.encode());
    w.text(plaintext.ballotId()).text(plaintext.styleId());
    w.list(plaintext.marks(), (cw, contest) -> cw.list(contest, (sw, mark) -> sw.u8(mark)));
  }

  static SpoilBallot readFields(CanonicalReader r) {
    String election = r.text(Identifiers.MAX_LENGTH);
    EncryptedBallot ballot = EncryptedBallot.decode(r.bytes(TxKind.SPOIL_BALLOT.maxSize()));
    BallotNonces nonces = BallotNonces.decode(r.bytes(256));
    String ballotId = r.text(256);
    String styleId = r.text(256);
    List<List<Integer>> marks =
        r.list(MAX_CONTESTS, in -> in.list(MAX_SELECTIONS, CanonicalReader::u8));
    for (List<Integer> contest : marks) {
      for (int mark : contest) {
        if (mark > 1) {
          throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "mark " + mark);
        }
      }
    }
    return new SpoilBallot(election, ballot, nonces, new PlaintextBallot(ballotId, styleId, marks));
  }
}
