package io.votechain.ballot;

import java.security.SecureRandom;
import java.util.List;

/**
 * Implements EncryptMeetingBallot (docs/crypto.md §11.1): a shareholder's weighted ballot. Each
 * resolution is a contest of three selections (for, against, abstain) of which exactly one is
 * marked; every selection encrypts 0 or the holder's weight {@code w} with a proof of {0, w}, and
 * every resolution's sum is proved to encrypt exactly {@code w}. The encoding, nonces and proof
 * contexts are those of an election ballot (§6), so a {@link BallotNonces} disclosure is checked
 * the same way.
 *
 * <p>Thread safe (stateless apart from the immutable context).
 */
public final class MeetingBallotEncryptor {
  private final BallotEncryptor encryptor;

  public MeetingBallotEncryptor(EncryptionContext context) {
    this.encryptor = new BallotEncryptor(context);
  }

  /** Encrypts with a fresh primary nonce drawn from {@code random}. */
  public BallotEncryptor.Encrypted encrypt(
      BallotStyle holderStyle, PlaintextBallot plaintext, SecureRandom random) {
    BallotNonces nonces = BallotNonces.random(plaintext.ballotId(), random);
    return new BallotEncryptor.Encrypted(encrypt(holderStyle, plaintext, nonces), nonces);
  }

  /**
   * Encrypts with the given (fresh) primary nonce.
   *
   * @param holderStyle the meeting's style with the holder's weight ({@link
   *     BallotStyle#withWeight}); the verifier takes the weight from the share register, so a
   *     ballot made with another weight is refused
   * @throws IllegalArgumentException if the plaintext does not fit the style or a resolution does
   *     not carry exactly one mark
   */
  public EncryptedBallot encrypt(
      BallotStyle holderStyle, PlaintextBallot plaintext, BallotNonces nonces) {
    checkPlaintext(holderStyle, plaintext);
    return encryptor.encryptUnchecked(holderStyle, plaintext, nonces, true);
  }

  /** Without the checks: marks that break the rules give a ballot whose proofs fail (tests). */
  EncryptedBallot encryptUnchecked(
      BallotStyle holderStyle, PlaintextBallot plaintext, BallotNonces nonces) {
    return encryptor.encryptUnchecked(holderStyle, plaintext, nonces, true);
  }

  static void checkPlaintext(BallotStyle style, PlaintextBallot plaintext) {
    BallotEncryptor.checkPlaintext(style, plaintext);
    for (int i = 0; i < style.contests().size(); i++) {
      List<Integer> marks = plaintext.marks().get(i);
      if (marks.stream().mapToInt(Integer::intValue).sum() != 1) {
        throw new IllegalArgumentException("resolution " + i + ": exactly one mark");
      }
    }
  }
}
