package io.votechain.contract;

import static io.votechain.tx.ErrorCode.DUPLICATE_DECRYPTION;
import static io.votechain.tx.ErrorCode.INVALID_ARGUMENT;
import static io.votechain.tx.ErrorCode.INVALID_DECRYPTION;
import static io.votechain.tx.ErrorCode.NOT_A_TRUSTEE;
import static io.votechain.tx.ErrorCode.UNKNOWN_ELECTION;
import static io.votechain.tx.ErrorCode.WRONG_ELECTION_STATUS;

import io.votechain.crypto.dlog.DiscreteLog;
import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.proof.ChaumPedersenProof;
import io.votechain.crypto.threshold.JointElectionKey;
import io.votechain.crypto.threshold.PartialDecryption;
import io.votechain.crypto.threshold.ThresholdDecryption;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.state.StateEntry;
import io.votechain.state.StateView;
import io.votechain.tx.PublishDecryption;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.Validation;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.meeting.MeetingManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Implements the tally (docs/contracts.md §4.7): once the election is CLOSED, each trustee
 * publishes a partial decryption of every selection's aggregate with its Chaum–Pedersen proof,
 * checked against the trustee's verification key; when the threshold {@code k} is reached, the
 * first {@code k} trustees by index are combined ({@link ThresholdDecryption#decrypt}), the counts
 * stored, and the election moves to TALLIED. Every observer can repeat the combination from the
 * ledger.
 */
final class TallyContract implements Contract {

  @Override
  public Validation validate(SignedTransaction tx, StateView state) {
    PublishDecryption p = (PublishDecryption) tx.body();
    String id = p.electionId();
    Optional<ElectionStatus> status = ElectionContract.status(state, id);
    if (status.isEmpty()) {
      return Validation.reject(UNKNOWN_ELECTION, "no election " + id);
    }
    if (status.get() != ElectionStatus.CLOSED) {
      return Validation.reject(WRONG_ELECTION_STATUS, "the election is " + status.get());
    }
    Trustees trustees = Trustees.read(state, id).orElseThrow();
    int index = trustees.indexOf(tx.signer());
    if (index == 0) {
      return Validation.reject(NOT_A_TRUSTEE, "signer is not a trustee");
    }
    if (state.get(StateKeys.decryption(id, index)).isPresent()) {
      return Validation.reject(DUPLICATE_DECRYPTION, "trustee " + index + " has published");
    }
    ElectionManifest manifest = ElectionContract.manifest(state, id).orElseThrow();
    int selections = ElectionCrypto.selectionCount(manifest);
    if (p.partials().size() != selections) {
      return Validation.reject(INVALID_ARGUMENT, "expected " + selections + " partial decryptions");
    }
    List<Ciphertext> aggregate = ElectionCrypto.aggregate(state, id, selections);
    JointElectionKey joint = ElectionCrypto.jointKey(state, id);
    for (int i = 0; i < selections; i++) {
      PartialDecryption partial = p.partials().get(i);
      if (partial.trustee() != index) {
        return Validation.reject(
            INVALID_ARGUMENT, "partial decryption " + i + " names trustee " + partial.trustee());
      }
      ChaumPedersenProof.Verification v = partial.verify(joint, aggregate.get(i));
      if (!v.isValid()) {
        return Validation.reject(INVALID_DECRYPTION, "selection " + i + ": " + v);
      }
    }
    return Validation.ok();
  }

  @Override
  public List<Event> apply(SignedTransaction tx, StateView state, BlockContext block) {
    PublishDecryption p = (PublishDecryption) tx.body();
    String id = p.electionId();
    int index = p.partials().get(0).trustee();
    state.put(
        StateKeys.decryption(id, index),
        new CanonicalWriter().list(p.partials(), (w, d) -> d.writeTo(w)).toByteArray());
    List<Event> events = new ArrayList<>();
    events.add(new Event.DecryptionPublished(id, index));
    Trustees trustees = Trustees.read(state, id).orElseThrow();
    List<StateEntry> published = state.scan(StateKeys.decryptionPrefix(id));
    if (published.size() == trustees.threshold()) {
      List<Long> counts = combine(state, id, published);
      CanonicalWriter w = new CanonicalWriter().list(counts, CanonicalWriter::varint);
      state.put(StateKeys.result(id), w.toByteArray());
      events.add(new Event.ElectionTallied(id, counts));
      Optional<MeetingManifest> meeting = Meetings.manifest(state, id);
      if (meeting.isPresent()) {
        MeetingResult decided =
            MeetingTally.decide(
                meeting.get(),
                counts,
                Meetings.representedShares(state, id),
                Meetings.issuedShares(state, id));
        state.put(StateKeys.meetingResult(id), decided.encode());
        events.add(new Event.MeetingTallied(id, decided));
      }
      events.add(
          ElectionContract.transition(state, id, ElectionStatus.CLOSED, ElectionStatus.TALLIED));
    }
    return events;
  }

  /**
   * Combines the first {@code k} published partial decryptions per selection. Every proof was
   * checked on publication and every count is at most the number of counted ballots, so a refusal
   * here would be a bug, not bad input: it throws, identically on every validator.
   */
  private static List<Long> combine(StateView state, String id, List<StateEntry> published) {
    ElectionManifest manifest = ElectionContract.manifest(state, id).orElseThrow();
    int selections = ElectionCrypto.selectionCount(manifest);
    List<List<PartialDecryption>> byTrustee = new ArrayList<>();
    for (StateEntry e : published) {
      CanonicalReader r = new CanonicalReader(e.value());
      byTrustee.add(r.list(PublishDecryption.MAX_PARTIALS, PartialDecryption::readFrom));
      r.finish();
    }
    List<Ciphertext> aggregate = ElectionCrypto.aggregate(state, id, selections);
    JointElectionKey joint = ElectionCrypto.jointKey(state, id);
    // A meeting's totals are shares, at most the shares represented (docs/contracts.md §8.5).
    long bound =
        Meetings.isMeeting(state, id)
            ? Meetings.representedShares(state, id)
            : ElectionCrypto.counted(state, id);
    DiscreteLog dlog = DiscreteLog.forBound(Math.max(1, bound));
    List<Long> counts = new ArrayList<>(selections);
    for (int i = 0; i < selections; i++) {
      List<PartialDecryption> partials = new ArrayList<>(byTrustee.size());
      for (List<PartialDecryption> trustee : byTrustee) {
        partials.add(trustee.get(i));
      }
      ThresholdDecryption.Decryption d =
          ThresholdDecryption.decrypt(joint, aggregate.get(i), partials, dlog);
      if (d instanceof ThresholdDecryption.Decrypted decrypted) {
        counts.add(decrypted.value());
      } else {
        throw new IllegalStateException("selection " + i + " did not decrypt: " + d);
      }
    }
    return counts;
  }
}
