package io.votechain.contract;

import static io.votechain.tx.ErrorCode.ALREADY_VOTED;
import static io.votechain.tx.ErrorCode.BALLOT_INVALID;
import static io.votechain.tx.ErrorCode.DUPLICATE_BALLOT;
import static io.votechain.tx.ErrorCode.ELECTION_NOT_OPEN;
import static io.votechain.tx.ErrorCode.HOLDER_HAS_VOTED;
import static io.votechain.tx.ErrorCode.INVALID_PROXY;
import static io.votechain.tx.ErrorCode.NOT_A_PROXY;
import static io.votechain.tx.ErrorCode.OUTSIDE_VOTING_WINDOW;
import static io.votechain.tx.ErrorCode.PROXY_NOT_APPOINTED;
import static io.votechain.tx.ErrorCode.UNKNOWN_HOLDER;
import static io.votechain.tx.ErrorCode.UNKNOWN_MEETING;
import static io.votechain.tx.ErrorCode.WRONG_ELECTION_STATUS;

import io.votechain.ballot.BallotVerification;
import io.votechain.ballot.EncryptedBallot;
import io.votechain.ballot.EncryptedContest;
import io.votechain.ballot.EncryptedSelection;
import io.votechain.ballot.EncryptionContext;
import io.votechain.ballot.MeetingBallotVerifier;
import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.sig.PublicKey;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.state.StateView;
import io.votechain.tx.AppointProxy;
import io.votechain.tx.CastMeetingVote;
import io.votechain.tx.RevokeProxy;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.Transaction;
import io.votechain.tx.Validation;
import io.votechain.tx.election.RevotePolicy;
import io.votechain.tx.meeting.MeetingManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Implements the meeting ballot box (docs/contracts.md §8.3–8.4): weighted encrypted votes by
 * holders and their proxies, proxy appointment and revocation, and the running aggregate.
 *
 * <p>For each holder at most one ballot counts, and the rule that picks it is "the holder's own
 * ballot if there is one, else the ballot of its current proxy". The aggregate is kept equal to the
 * sum of exactly the counted ballots at every height: a holder's ballot replaces (homomorphically
 * subtracts) a proxy ballot cast earlier, a proxy ballot arriving after the holder's is refused,
 * and revoking or replacing a proxy withdraws its ballot. So the holder's vote overrides the
 * proxy's in either order, the encrypted tally exists the moment the meeting closes (as for an
 * election), and which ballot counts is in state for the holder to confirm.
 */
final class MeetingBallotBox implements Contract {
  @Override
  public Validation validate(SignedTransaction tx, StateView state) {
    Transaction body = tx.body();
    String id = meetingId(body);
    Optional<MeetingManifest> meeting = Meetings.manifest(state, id);
    if (meeting.isEmpty()) {
      return Validation.reject(UNKNOWN_MEETING, "no meeting " + id);
    }
    ElectionStatus status = ElectionContract.status(state, id).orElseThrow();
    if (body instanceof CastMeetingVote cast) {
      return validateCast(tx, cast, meeting.get(), status, state);
    }
    if (status.compareTo(ElectionStatus.OPEN) > 0) {
      return Validation.reject(WRONG_ELECTION_STATUS, "proxies are fixed once the meeting closes");
    }
    if (Meetings.shares(state, id, tx.signer()).isEmpty()) {
      return Validation.reject(UNKNOWN_HOLDER, "signer is not on the share register");
    }
    Optional<Ed25519PublicKey> current = Meetings.proxy(state, id, tx.signer());
    if (body instanceof AppointProxy appoint) {
      if (appoint.proxy().equals(tx.signer())) {
        return Validation.reject(INVALID_PROXY, "a holder cannot be its own proxy");
      }
      if (current.isPresent() && current.get().equals(appoint.proxy())) {
        return Validation.reject(INVALID_PROXY, "this proxy is already appointed");
      }
      return Validation.ok();
    }
    return current.isPresent()
        ? Validation.ok()
        : Validation.reject(PROXY_NOT_APPOINTED, "the holder has no proxy");
  }

  /**
   * Rules in order: OPEN ({@code ELECTION_NOT_OPEN}), block time in the window ({@code
   * OUTSIDE_VOTING_WINDOW}), holder on the register ({@code UNKNOWN_HOLDER}), signer the holder or
   * its current proxy ({@code NOT_A_PROXY}), a proxy ballot only while the holder has not voted
   * itself ({@code HOLDER_HAS_VOTED}), a second ballot from the same source only under
   * LAST_VOTE_COUNTS ({@code ALREADY_VOTED}), ballot id and hash unused ({@code DUPLICATE_BALLOT}),
   * proofs valid for the holder's weight ({@code BALLOT_INVALID}).
   */
  private Validation validateCast(
      SignedTransaction tx,
      CastMeetingVote cast,
      MeetingManifest meeting,
      ElectionStatus status,
      StateView state) {
    String id = cast.meetingId();
    if (status != ElectionStatus.OPEN) {
      return Validation.reject(ELECTION_NOT_OPEN, "the meeting is " + status);
    }
    BlockContext head = Chain.head(state);
    if (head.timestamp() < meeting.election().votingStart()
        || head.timestamp() >= meeting.election().votingEnd()) {
      return Validation.reject(OUTSIDE_VOTING_WINDOW, "block time outside the voting window");
    }
    Optional<Long> shares = Meetings.shares(state, id, cast.holder());
    if (shares.isEmpty()) {
      return Validation.reject(UNKNOWN_HOLDER, "holder not on the share register");
    }
    Optional<VoteSource> source = source(state, id, cast.holder(), tx.signer());
    if (source.isEmpty()) {
      return Validation.reject(NOT_A_PROXY, "signed by neither the holder nor its proxy");
    }
    Optional<MeetingVote> counted = Meetings.countedVote(state, id, cast.holder());
    if (counted.isPresent()) {
      VoteSource previous = counted.get().source();
      if (source.get() == VoteSource.PROXY && previous == VoteSource.HOLDER) {
        return Validation.reject(HOLDER_HAS_VOTED, "the holder's own vote counts");
      }
      if (previous == source.get()
          && meeting.election().revotePolicy() == RevotePolicy.SINGLE_VOTE) {
        return Validation.reject(ALREADY_VOTED, "a " + previous + " ballot was already cast");
      }
    }
    EncryptionContext context = context(state, id);
    EncryptedBallot ballot = cast.ballot();
    if (state.get(StateKeys.ballotId(id, ballot.ballotId())).isPresent()
        || state.get(StateKeys.ballot(id, ballot.hash(context.extendedBaseHash()))).isPresent()) {
      return Validation.reject(DUPLICATE_BALLOT, "ballot " + ballot.ballotId() + " is recorded");
    }
    BallotVerification verdict =
        MeetingBallotVerifier.verify(context, Meetings.holderStyle(meeting, shares.get()), ballot);
    if (!verdict.isValid()) {
      return Validation.reject(
          BALLOT_INVALID,
          verdict.reason()
              + " at resolution "
              + verdict.contest()
              + ", selection "
              + verdict.selection());
    }
    return Validation.ok();
  }

  private static Optional<VoteSource> source(
      StateView state, String id, Ed25519PublicKey holder, PublicKey signer) {
    if (signer.equals(holder)) {
      return Optional.of(VoteSource.HOLDER);
    }
    Optional<Ed25519PublicKey> proxy = Meetings.proxy(state, id, holder);
    return proxy.isPresent() && proxy.get().equals(signer)
        ? Optional.of(VoteSource.PROXY)
        : Optional.empty();
  }

  @Override
  public List<Event> apply(SignedTransaction tx, StateView state, BlockContext block) {
    Transaction body = tx.body();
    if (body instanceof CastMeetingVote cast) {
      return applyCast(tx, cast, state, block);
    }
    String id = meetingId(body);
    Ed25519PublicKey holder = (Ed25519PublicKey) tx.signer();
    boolean withdrawn = withdrawProxyVote(state, id, holder);
    if (body instanceof AppointProxy appoint) {
      CanonicalWriter w = new CanonicalWriter();
      appoint.proxy().writeTo(w);
      state.put(StateKeys.proxy(id, holder), w.toByteArray());
      return List.of(new Event.ProxyAppointed(id, holder, appoint.proxy(), withdrawn));
    }
    state.delete(StateKeys.proxy(id, holder));
    return List.of(new Event.ProxyRevoked(id, holder, withdrawn));
  }

  private List<Event> applyCast(
      SignedTransaction tx, CastMeetingVote cast, StateView state, BlockContext block) {
    String id = cast.meetingId();
    MeetingManifest meeting = Meetings.manifest(state, id).orElseThrow();
    Hash32 he = Hash32.of(state.get(StateKeys.extendedBaseHash(id)).orElseThrow());
    EncryptedBallot ballot = cast.ballot();
    Hash32 hash = ballot.hash(he);
    VoteSource source = source(state, id, cast.holder(), tx.signer()).orElseThrow();
    List<Ciphertext> aggregate = aggregate(state, meeting);
    add(aggregate, ballot, false);
    Optional<MeetingVote> previous = Meetings.countedVote(state, id, cast.holder());
    if (previous.isPresent()) {
      add(aggregate, storedBallot(state, id, previous.get().ballotHash()), true);
    } else {
      long shares = Meetings.shares(state, id, cast.holder()).orElseThrow();
      changeRepresentation(state, id, shares, +1);
    }
    state.put(StateKeys.aggregate(id), ElectionCrypto.encodeAggregate(aggregate));
    state.put(StateKeys.ballot(id, hash), ballot.encode());
    state.put(StateKeys.ballotId(id, ballot.ballotId()), hash.bytes());
    state.put(StateKeys.ballotTx(id, hash), tx.id().bytes());
    state.put(
        StateKeys.meetingBallot(id, hash),
        new MeetingBallotRecord(cast.holder(), source, block.height()).encode());
    state.put(StateKeys.meetingVote(id, cast.holder()), new MeetingVote(source, hash).encode());
    return List.of(new Event.MeetingVoteCast(id, hash, source, previous.isPresent()));
  }

  /**
   * If the ballot counting for {@code holder} is its proxy's, takes it out of the aggregate and the
   * representation; returns whether it did.
   */
  private static boolean withdrawProxyVote(StateView state, String id, Ed25519PublicKey holder) {
    Optional<MeetingVote> counted = Meetings.countedVote(state, id, holder);
    if (counted.isEmpty() || counted.get().source() != VoteSource.PROXY) {
      return false;
    }
    MeetingManifest meeting = Meetings.manifest(state, id).orElseThrow();
    List<Ciphertext> aggregate = aggregate(state, meeting);
    add(aggregate, storedBallot(state, id, counted.get().ballotHash()), true);
    state.put(StateKeys.aggregate(id), ElectionCrypto.encodeAggregate(aggregate));
    state.delete(StateKeys.meetingVote(id, holder));
    changeRepresentation(state, id, Meetings.shares(state, id, holder).orElseThrow(), -1);
    return true;
  }

  /** Adds {@code sign}·(1 holder, {@code shares} shares) to {@code counted} and represented. */
  private static void changeRepresentation(StateView state, String id, long shares, int sign) {
    long counted = ElectionCrypto.counted(state, id) + sign;
    long represented = Meetings.representedShares(state, id) + sign * shares;
    state.put(StateKeys.counted(id), Meetings.encodeCount(counted));
    state.put(StateKeys.representedShares(id), Meetings.encodeCount(represented));
  }

  private static List<Ciphertext> aggregate(StateView state, MeetingManifest meeting) {
    return new ArrayList<>(
        ElectionCrypto.aggregate(
            state, meeting.meetingId(), ElectionCrypto.selectionCount(meeting.election())));
  }

  private static EncryptedBallot storedBallot(StateView state, String id, Hash32 hash) {
    return EncryptedBallot.decode(state.get(StateKeys.ballot(id, hash)).orElseThrow());
  }

  /** Adds (or subtracts) every selection ciphertext of {@code ballot}, in manifest order. */
  private static void add(List<Ciphertext> aggregate, EncryptedBallot ballot, boolean subtract) {
    int i = 0;
    for (EncryptedContest contest : ballot.contests()) {
      for (EncryptedSelection selection : contest.selections()) {
        Ciphertext c = selection.ciphertext();
        aggregate.set(i, subtract ? aggregate.get(i).subtract(c) : aggregate.get(i).add(c));
        i++;
      }
    }
  }

  private static EncryptionContext context(StateView state, String id) {
    return ElectionCrypto.sharedContext(state, id);
  }

  private static String meetingId(Transaction body) {
    if (body instanceof CastMeetingVote c) {
      return c.meetingId();
    }
    if (body instanceof AppointProxy a) {
      return a.meetingId();
    }
    return ((RevokeProxy) body).meetingId();
  }
}
