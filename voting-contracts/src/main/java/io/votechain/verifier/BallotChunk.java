package io.votechain.verifier;

import io.votechain.ballot.BallotBatchVerifier;
import io.votechain.ballot.BallotStyle;
import io.votechain.ballot.BallotVerification;
import io.votechain.ballot.BatchVerification;
import io.votechain.ballot.EncryptedBallot;
import io.votechain.ballot.EncryptedContest;
import io.votechain.ballot.EncryptedSelection;
import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.EncodingException;
import io.votechain.record.TransactionRole;
import io.votechain.tx.CastBallot;
import io.votechain.tx.SignedTransaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The expensive part of checking cast ballots, run on a worker thread for a chunk of consecutive
 * ballots: decoding (point decompression), the transaction signature, and the ballots' proofs with
 * one {@link BallotBatchVerifier} batch; it also sums the counted ballots' ciphertexts. Everything
 * that depends on order (roll, re-vote, uniqueness) is left to the verifier's main thread, which
 * consumes chunks in record order. Immutable input, confined output.
 */
final class BallotChunk {
  /**
   * A cast ballot as found in the record, before any check. When a device signed it, what the
   * device registry said at that point of the record: {@code deviceProblem} why the device could
   * not sign a ballot then (null if it could), {@code deviceStation} its station.
   */
  record Pending(
      long sequence,
      String item,
      long timestamp,
      TransactionRole role,
      boolean electionOpen,
      byte[] transaction,
      String deviceProblem,
      String deviceStation) {}

  /** What the worker found about one ballot. */
  record Outcome(
      Pending pending,
      String problem,
      boolean signatureValid,
      byte[] credential,
      boolean inPerson,
      Hash32 ballotHash,
      Hash32 ballotIdHash,
      BallotVerification verdict) {}

  /** The outcomes in record order and the sum of the counted ballots' selections. */
  record Result(List<Outcome> outcomes, Ciphertext[] countedSum) {}

  private BallotChunk() {}

  /** A chunk whose verification broke down: every ballot in it fails, none is summed. */
  static Result unverifiable(List<Pending> chunk, int selections, RuntimeException e) {
    Ciphertext[] sum = new Ciphertext[selections];
    java.util.Arrays.fill(sum, Ciphertext.ZERO);
    List<Outcome> outcomes = new ArrayList<>(chunk.size());
    for (Pending p : chunk) {
      outcomes.add(
          new Outcome(p, "could not be verified: " + e, false, null, false, null, null, null));
    }
    return new Result(outcomes, sum);
  }

  static Result verify(
      List<Pending> chunk,
      String electionId,
      String chainId,
      Hash32 extendedBaseHash,
      BallotStyle style,
      BallotBatchVerifier batchVerifier,
      int selections) {
    Ciphertext[] sum = new Ciphertext[selections];
    java.util.Arrays.fill(sum, Ciphertext.ZERO);
    List<Outcome> outcomes = new ArrayList<>(chunk.size());
    List<EncryptedBallot> ballots = new ArrayList<>();
    List<Integer> ballotOutcome = new ArrayList<>();
    for (Pending p : chunk) {
      SignedTransaction tx;
      try {
        tx = SignedTransaction.decode(p.transaction());
      } catch (EncodingException e) {
        outcomes.add(
            new Outcome(
                p, "does not decode: " + e.getMessage(), false, null, false, null, null, null));
        continue;
      }
      if (!(tx.body() instanceof CastBallot cast) || !cast.electionId().equals(electionId)) {
        outcomes.add(
            new Outcome(p, "not a ballot of this election", false, null, false, null, null, null));
        continue;
      }
      boolean signed = tx.verifySignature(chainId);
      boolean web = tx.signer().equals(cast.credential());
      String problem = null;
      if (!web && tx.signer() instanceof Ed25519PublicKey) {
        problem = "signed by neither the credential nor a device";
      }
      EncryptedBallot ballot = cast.ballot();
      Hash32 idHash = Sha256.hash(ballot.ballotId().getBytes(StandardCharsets.UTF_8));
      ballotOutcome.add(outcomes.size());
      ballots.add(ballot);
      outcomes.add(
          new Outcome(
              p,
              problem,
              signed,
              cast.credential().encoded(),
              !web,
              ballot.hash(extendedBaseHash),
              idHash,
              BallotVerification.VALID));
      if (p.role() == TransactionRole.COUNTED) {
        int i = 0;
        for (EncryptedContest contest : ballot.contests()) {
          for (EncryptedSelection selection : contest.selections()) {
            if (i < selections) {
              sum[i] = sum[i].add(selection.ciphertext());
            }
            i++;
          }
        }
      }
    }
    if (!ballots.isEmpty()) {
      BatchVerification batch = batchVerifier.verify(Map.of(style.styleId(), style), ballots);
      for (BatchVerification.InvalidBallot invalid : batch.invalid()) {
        int at = ballotOutcome.get(invalid.index());
        Outcome o = outcomes.get(at);
        outcomes.set(
            at,
            new Outcome(
                o.pending(),
                o.problem(),
                o.signatureValid(),
                o.credential(),
                o.inPerson(),
                o.ballotHash(),
                o.ballotIdHash(),
                invalid.reason()));
      }
    }
    return new Result(outcomes, sum);
  }
}
