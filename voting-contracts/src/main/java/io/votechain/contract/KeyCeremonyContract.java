package io.votechain.contract;

import static io.votechain.tx.ErrorCode.CEREMONY_ROUND_NOT_READY;
import static io.votechain.tx.ErrorCode.DUPLICATE_ANNOUNCEMENT;
import static io.votechain.tx.ErrorCode.DUPLICATE_COMPLAINT;
import static io.votechain.tx.ErrorCode.DUPLICATE_SHARES;
import static io.votechain.tx.ErrorCode.INVALID_ANNOUNCEMENT;
import static io.votechain.tx.ErrorCode.INVALID_ARGUMENT;
import static io.votechain.tx.ErrorCode.INVALID_DISCLOSURE;
import static io.votechain.tx.ErrorCode.NOT_A_TRUSTEE;
import static io.votechain.tx.ErrorCode.UNKNOWN_COMPLAINT;
import static io.votechain.tx.ErrorCode.UNKNOWN_ELECTION;
import static io.votechain.tx.ErrorCode.WRONG_ELECTION_STATUS;

import io.votechain.crypto.threshold.CeremonyParameters;
import io.votechain.crypto.threshold.Complaint;
import io.votechain.crypto.threshold.EncryptedShare;
import io.votechain.crypto.threshold.JointElectionKey;
import io.votechain.crypto.threshold.KeyCeremony;
import io.votechain.crypto.threshold.KeyCeremonyAnnouncement;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.state.StateView;
import io.votechain.tx.AnnounceKey;
import io.votechain.tx.Complain;
import io.votechain.tx.DiscloseShare;
import io.votechain.tx.PublishShares;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.Transaction;
import io.votechain.tx.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Implements the ledger side of the key ceremony (docs/contracts.md §4.5): each registered trustee
 * publishes its announcement, checked with {@link KeyCeremony#verifyAnnouncement} against {@code
 * H_B}; when the last of the {@code n} arrives, the joint key {@code K} and {@code H_E} are
 * computed from all of them ({@link KeyCeremony#jointKey}) and stored, which lets the officials
 * open the election.
 */
final class KeyCeremonyContract implements Contract {

  @Override
  public Validation validate(SignedTransaction tx, StateView state) {
    String id = electionId(tx.body());
    Optional<ElectionStatus> status = ElectionContract.status(state, id);
    if (status.isEmpty()) {
      return Validation.reject(UNKNOWN_ELECTION, "no election " + id);
    }
    if (status.get() != ElectionStatus.KEY_CEREMONY) {
      return Validation.reject(WRONG_ELECTION_STATUS, "the election is " + status.get());
    }
    Trustees trustees = Trustees.read(state, id).orElseThrow();
    if (tx.body() instanceof PublishShares p) {
      return validateShares(tx, p, trustees, state);
    }
    if (tx.body() instanceof Complain c) {
      return validateComplaint(tx, c.complaint(), id, trustees, state);
    }
    if (tx.body() instanceof DiscloseShare d) {
      return validateDisclosure(tx, d, trustees, state);
    }
    AnnounceKey a = (AnnounceKey) tx.body();
    int dealer = a.announcement().dealer();
    if (trustees.indexOf(tx.signer()) != dealer) {
      return Validation.reject(NOT_A_TRUSTEE, "signer is not trustee " + dealer);
    }
    if (state.get(StateKeys.announcement(id, dealer)).isPresent()) {
      return Validation.reject(DUPLICATE_ANNOUNCEMENT, "trustee " + dealer + " has announced");
    }
    CeremonyParameters parameters = ElectionCrypto.parameters(state, id);
    KeyCeremony.AnnouncementVerification v =
        KeyCeremony.verifyAnnouncement(parameters, a.announcement());
    return v.isValid()
        ? Validation.ok()
        : Validation.reject(INVALID_ANNOUNCEMENT, "announcement refused: " + v);
  }

  /**
   * Shares: all announcements are in ({@code CEREMONY_ROUND_NOT_READY}), the signer is a trustee
   * that has not published yet, and there is exactly one share from it to every other trustee.
   */
  private static Validation validateShares(
      SignedTransaction tx, PublishShares p, Trustees trustees, StateView state) {
    String id = p.electionId();
    int dealer = trustees.indexOf(tx.signer());
    if (dealer == 0) {
      return Validation.reject(NOT_A_TRUSTEE, "signer is not a trustee");
    }
    int n = trustees.keys().size();
    if (ElectionCrypto.announcements(state, id).size() < n) {
      return Validation.reject(CEREMONY_ROUND_NOT_READY, "not every trustee has announced");
    }
    if (state.get(StateKeys.shares(id, dealer)).isPresent()) {
      return Validation.reject(DUPLICATE_SHARES, "trustee " + dealer + " has published shares");
    }
    boolean[] seen = new boolean[n + 1];
    for (EncryptedShare share : p.shares()) {
      int to = share.recipient();
      if (share.dealer() != dealer || to < 1 || to > n || to == dealer || seen[to]) {
        return Validation.reject(
            INVALID_ARGUMENT, "share " + share.dealer() + " -> " + to + " is misaddressed");
      }
      seen[to] = true;
    }
    if (p.shares().size() != n - 1) {
      return Validation.reject(INVALID_ARGUMENT, "one share for each of the other trustees");
    }
    return Validation.ok();
  }

  /** Complaint: by its recipient, against a trustee whose shares are on the ledger, once. */
  private static Validation validateComplaint(
      SignedTransaction tx, Complaint c, String id, Trustees trustees, StateView state) {
    if (trustees.indexOf(tx.signer()) != c.recipient()) {
      return Validation.reject(NOT_A_TRUSTEE, "signer is not trustee " + c.recipient());
    }
    if (c.dealer() > trustees.keys().size()) {
      return Validation.reject(INVALID_ARGUMENT, "no trustee " + c.dealer());
    }
    if (state.get(StateKeys.shares(id, c.dealer())).isEmpty()) {
      return Validation.reject(
          CEREMONY_ROUND_NOT_READY, "trustee " + c.dealer() + " has published no shares");
    }
    if (state.get(StateKeys.complaint(id, c.dealer(), c.recipient())).isPresent()) {
      return Validation.reject(DUPLICATE_COMPLAINT, "complaint already made");
    }
    return Validation.ok();
  }

  /**
   * Disclosure: by the accused dealer, for an unanswered complaint, and the share must pass
   * Feldman's check against the dealer's commitments ({@link KeyCeremony#verifyShare}).
   */
  private static Validation validateDisclosure(
      SignedTransaction tx, DiscloseShare d, Trustees trustees, StateView state) {
    String id = d.electionId();
    int dealer = trustees.indexOf(tx.signer());
    if (dealer == 0) {
      return Validation.reject(NOT_A_TRUSTEE, "signer is not a trustee");
    }
    if (state.get(StateKeys.complaint(id, dealer, d.recipient())).isEmpty()
        || state.get(StateKeys.disclosure(id, dealer, d.recipient())).isPresent()) {
      return Validation.reject(
          UNKNOWN_COMPLAINT, "no open complaint of " + d.recipient() + " against " + dealer);
    }
    KeyCeremonyAnnouncement announcement =
        KeyCeremonyAnnouncement.decode(state.get(StateKeys.announcement(id, dealer)).orElseThrow());
    if (!KeyCeremony.verifyShare(announcement, d.recipient(), d.share())) {
      return Validation.reject(INVALID_DISCLOSURE, "the share fails Feldman's check");
    }
    return Validation.ok();
  }

  private static String electionId(Transaction body) {
    if (body instanceof PublishShares p) {
      return p.electionId();
    }
    if (body instanceof Complain c) {
      return c.electionId();
    }
    if (body instanceof DiscloseShare d) {
      return d.electionId();
    }
    return ((AnnounceKey) body).electionId();
  }

  @Override
  public List<Event> apply(SignedTransaction tx, StateView state, BlockContext block) {
    if (tx.body() instanceof PublishShares p) {
      int dealer = p.shares().get(0).dealer();
      state.put(
          StateKeys.shares(p.electionId(), dealer),
          new CanonicalWriter().list(p.shares(), (w, sh) -> sh.writeTo(w)).toByteArray());
      return List.of(new Event.SharesPublished(p.electionId(), dealer));
    }
    if (tx.body() instanceof Complain c) {
      Complaint complaint = c.complaint();
      state.put(
          StateKeys.complaint(c.electionId(), complaint.dealer(), complaint.recipient()),
          complaint.encode());
      return List.of(
          new Event.ComplaintFiled(c.electionId(), complaint.dealer(), complaint.recipient()));
    }
    if (tx.body() instanceof DiscloseShare d) {
      Trustees trustees = Trustees.read(state, d.electionId()).orElseThrow();
      int dealer = trustees.indexOf(tx.signer());
      state.put(StateKeys.disclosure(d.electionId(), dealer, d.recipient()), d.share().encode());
      return List.of(new Event.ShareDisclosed(d.electionId(), dealer, d.recipient()));
    }
    AnnounceKey a = (AnnounceKey) tx.body();
    String id = a.electionId();
    KeyCeremonyAnnouncement announcement = a.announcement();
    state.put(StateKeys.announcement(id, announcement.dealer()), announcement.encode());
    List<Event> events = new ArrayList<>();
    events.add(new Event.KeyAnnounced(id, announcement.dealer()));
    Trustees trustees = Trustees.read(state, id).orElseThrow();
    if (ElectionCrypto.announcements(state, id).size() == trustees.keys().size()) {
      JointElectionKey joint = ElectionCrypto.jointKey(state, id);
      state.put(StateKeys.electionJointKey(id), joint.publicKey().encode());
      state.put(StateKeys.extendedBaseHash(id), joint.extendedBaseHash().bytes());
      events.add(new Event.KeyCeremonyCompleted(id, joint.extendedBaseHash()));
    }
    return events;
  }
}
