package io.votechain.ballot;

import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.proof.RangeProof;
import io.votechain.crypto.proof.RangeProofStatement;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Implements EncryptBallot (docs/crypto.md §6.2): each mark {@code x in {0,1}} of contest {@code
 * i}, selection {@code j} becomes {@code Enc(x·w; xi_{i,j})} with a proof that it encrypts 0 or
 * {@code w}; each contest gets a proof that the sum of its selections encrypts {@code 0..L·w}.
 * Everything is a deterministic function of the primary nonce, so a disclosed {@link BallotNonces}
 * lets anyone redo the encryption.
 *
 * <p>Thread safe (stateless apart from the immutable context).
 */
public final class BallotEncryptor {
  private final EncryptionContext context;

  public BallotEncryptor(EncryptionContext context) {
    if (context == null) {
      throw new IllegalArgumentException("context must be present");
    }
    this.context = context;
  }

  /** An encrypted ballot and the nonces the device keeps for a possible challenge. */
  public record Encrypted(EncryptedBallot ballot, BallotNonces nonces) {}

  /** Encrypts with a fresh primary nonce drawn from {@code random}. */
  public Encrypted encrypt(BallotStyle style, PlaintextBallot plaintext, SecureRandom random) {
    BallotNonces nonces = BallotNonces.random(plaintext.ballotId(), random);
    return new Encrypted(encrypt(style, plaintext, nonces), nonces);
  }

  /**
   * Encrypts with the given primary nonce, which must be fresh: two ballots under one primary nonce
   * share their encryption nonces and proof randomness, which reveals their marks.
   *
   * @throws IllegalArgumentException if the plaintext does not fit the style (a mark other than 0
   *     or 1, more marks than the limit, wrong counts or ids)
   */
  public EncryptedBallot encrypt(
      BallotStyle style, PlaintextBallot plaintext, BallotNonces nonces) {
    checkPlaintext(style, plaintext);
    return encryptUnchecked(style, plaintext, nonces);
  }

  /**
   * The encryption without the plaintext checks. Marks outside {0, 1} or a sum over the limit give
   * a ballot whose proofs fail (the prover claims the nearest allowed branch); tests use it to make
   * such ballots.
   */
  EncryptedBallot encryptUnchecked(
      BallotStyle style, PlaintextBallot plaintext, BallotNonces nonces) {
    return encryptUnchecked(style, plaintext, nonces, false);
  }

  /**
   * The encryption with the contest sums proved either within {@code 0..L·w} ({@code exactSums}
   * false, docs/crypto.md §6.2) or equal to {@code w} (true: the meeting ballot of §11, where each
   * resolution carries exactly one mark).
   */
  EncryptedBallot encryptUnchecked(
      BallotStyle style, PlaintextBallot plaintext, BallotNonces nonces, boolean exactSums) {
    if (!nonces.ballotId().equals(plaintext.ballotId())) {
      throw new IllegalArgumentException("nonces belong to another ballot");
    }
    Hash32 binding = context.ballotBinding(plaintext.ballotId());
    List<EncryptedContest> contests = new ArrayList<>(style.contests().size());
    for (int i = 0; i < style.contests().size(); i++) {
      ContestDescription description = style.contests().get(i);
      List<Integer> marks = plaintext.marks().get(i);
      List<Long> selectionValues = description.selectionValues();
      List<EncryptedSelection> selections = new ArrayList<>(marks.size());
      Scalar nonceSum = Scalar.ZERO;
      long markSum = 0;
      Ciphertext sum = null;
      for (int j = 0; j < marks.size(); j++) {
        int mark = marks.get(j);
        Scalar nonce = nonces.selectionNonce(binding, i, j);
        Ciphertext ciphertext = context.electionKey().encrypt(mark * description.weight(), nonce);
        RangeProofStatement statement =
            new RangeProofStatement(
                context.extendedBaseHash(),
                EncryptionContext.proofContext(binding, i, j),
                context.electionKey(),
                ciphertext,
                selectionValues);
        RangeProof proof =
            RangeProof.prove(statement, Math.min(mark, 1), nonce, nonces.proofSeed(binding, i, j));
        selections.add(new EncryptedSelection(ciphertext, proof));
        nonceSum = nonceSum.add(nonce);
        markSum += mark;
        sum = sum == null ? ciphertext : sum.add(ciphertext);
      }
      int s = EncryptionContext.CONTEST_SUM_INDEX;
      RangeProofStatement sumStatement =
          new RangeProofStatement(
              context.extendedBaseHash(),
              EncryptionContext.proofContext(binding, i, s),
              context.electionKey(),
              sum,
              exactSums ? List.of(description.weight()) : description.sumValues());
      int trueIndex = exactSums ? 0 : (int) Math.min(markSum, description.selectionLimit());
      RangeProof sumProof =
          RangeProof.prove(sumStatement, trueIndex, nonceSum, nonces.proofSeed(binding, i, s));
      contests.add(new EncryptedContest(description.contestId(), selections, sumProof));
    }
    return new EncryptedBallot(plaintext.ballotId(), style.styleId(), contests);
  }

  static void checkPlaintext(BallotStyle style, PlaintextBallot plaintext) {
    if (!style.styleId().equals(plaintext.styleId())) {
      throw new IllegalArgumentException("plaintext is for another style");
    }
    if (plaintext.marks().size() != style.contests().size()) {
      throw new IllegalArgumentException("one list of marks per contest");
    }
    for (int i = 0; i < style.contests().size(); i++) {
      ContestDescription description = style.contests().get(i);
      List<Integer> marks = plaintext.marks().get(i);
      if (marks.size() != description.selectionCount()) {
        throw new IllegalArgumentException("contest " + i + ": one mark per selection");
      }
      int count = 0;
      for (int mark : marks) {
        if (mark != 0 && mark != 1) {
          throw new IllegalArgumentException("contest " + i + ": a mark is 0 or 1");
        }
        count += mark;
      }
      if (count > description.selectionLimit()) {
        throw new IllegalArgumentException("contest " + i + ": more marks than the limit");
      }
    }
  }
}
