package io.votechain.contract;

import static io.votechain.tx.ErrorCode.BALLOT_INVALID;
import static io.votechain.tx.ErrorCode.DEVICE_NOT_ATTESTED;
import static io.votechain.tx.ErrorCode.DEVICE_REVOKED;
import static io.votechain.tx.ErrorCode.DEVICE_SUSPENDED;
import static io.votechain.tx.ErrorCode.DUPLICATE_BALLOT;
import static io.votechain.tx.ErrorCode.ELECTION_NOT_OPEN;
import static io.votechain.tx.ErrorCode.NOT_CHECKED_IN;
import static io.votechain.tx.ErrorCode.OUTSIDE_VOTING_WINDOW;
import static io.votechain.tx.ErrorCode.SPOILED_BALLOT_MISMATCH;
import static io.votechain.tx.ErrorCode.UNAUTHORIZED;
import static io.votechain.tx.ErrorCode.UNKNOWN_CREDENTIAL;
import static io.votechain.tx.ErrorCode.UNKNOWN_ELECTION;
import static io.votechain.tx.ErrorCode.WRONG_STATION;

import io.votechain.ballot.BallotBatchVerifier;
import io.votechain.ballot.BallotStyle;
import io.votechain.ballot.BallotVerification;
import io.votechain.ballot.BallotVerifier;
import io.votechain.ballot.BatchVerification;
import io.votechain.ballot.EncryptedBallot;
import io.votechain.ballot.EncryptedContest;
import io.votechain.ballot.EncryptedSelection;
import io.votechain.ballot.EncryptionContext;
import io.votechain.ballot.SpoiledBallotCheck;
import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.state.StateView;
import io.votechain.tx.CastBallot;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.SpoilBallot;
import io.votechain.tx.Validation;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.util.BoundedLruCache;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;

/**
 * Implements the ballot box (docs/contracts.md §4.6): casting verifies the encrypted ballot's
 * proofs (ballot/BallotVerifier) against the election's style and key, applies the re-vote policy
 * ({@link RevoteRule}) and keeps a running homomorphic aggregate per selection, so that the
 * encrypted tally exists the moment the vote closes. A superseded ballot is subtracted from the
 * aggregate, which therefore always equals the sum of the ballots that count.
 */
final class BallotBox implements Contract {
  private final ChainParams params;

  /**
   * Verdicts computed by {@link #verifyBallotsOfBlock}, keyed by the ballot object of the block's
   * transaction (identity, so a look-up can never answer for another ballot); only looked up.
   */
  private final IdentityHashMap<EncryptedBallot, BallotVerification> precomputed =
      new IdentityHashMap<>();

  private Executor verification = Runnable::run;
  private int verificationParts = 1;

  /** Set for the duration of {@link #validateDeferringProofs}. */
  private boolean proofsDeferred;

  /**
   * Verdicts of earlier checks (the checking executor's) by ballot hash, or null. The hash commits
   * to the election's {@code H_E} and so to its key and manifest: a verdict found here is the one a
   * fresh check would give, and re-checking a pending ballot after every block costs a look-up, not
   * its proofs. Thread safe, as block execution reads it too ({@link #consult}).
   */
  private final BoundedLruCache<Hash32, BallotVerification> remembered;

  /**
   * In block execution: the checking box's memory, looked up before the block's batch so that a
   * ballot this validator verified when it arrived is not verified again (or null).
   */
  private BoundedLruCache<Hash32, BallotVerification> checked;

  BallotBox(ChainParams params) {
    this(params, 0);
  }

  /**
   * @param rememberedVerdicts how many ballot verdicts to remember across checks (0: none)
   */
  BallotBox(ChainParams params, int rememberedVerdicts) {
    this.params = params;
    this.remembered = rememberedVerdicts > 0 ? new BoundedLruCache<>(rememberedVerdicts) : null;
  }

  /** The ballot that counts for a credential: how it arrived and its hash. */
  record CountedVote(RevoteRule.Channel channel, Hash32 ballotHash) {
    byte[] encode() {
      return new CanonicalWriter().u8(channel.ordinal()).fixed(ballotHash.bytes()).toByteArray();
    }

    static CountedVote decode(byte[] bytes) {
      CanonicalReader r = new CanonicalReader(bytes);
      CountedVote v =
          new CountedVote(RevoteRule.Channel.values()[r.u8()], Hash32.of(r.fixed(Hash32.LENGTH)));
      r.finish();
      return v;
    }
  }

  /**
   * {@link #validate} without a cast ballot's proofs, which block execution verifies in a batch:
   * the check of a transaction relayed by a peer, re-checked after a block or found in a proposal.
   * Everything that depends on the state is still checked.
   */
  Validation validateDeferringProofs(SignedTransaction tx, StateView state) {
    proofsDeferred = true;
    try {
      return validate(tx, state);
    } finally {
      proofsDeferred = false;
    }
  }

  @Override
  public Validation validate(SignedTransaction tx, StateView state) {
    if (tx.body() instanceof SpoilBallot spoil) {
      return validateSpoil(tx, spoil, state);
    }
    CastBallot cast = (CastBallot) tx.body();
    String id = cast.electionId();
    Optional<ElectionStatus> status = ElectionContract.status(state, id);
    if (status.isEmpty()) {
      return Validation.reject(UNKNOWN_ELECTION, "no election " + id);
    }
    if (status.get() != ElectionStatus.OPEN) {
      return Validation.reject(ELECTION_NOT_OPEN, "the election is " + status.get());
    }
    BlockContext head = Chain.head(state);
    ElectionManifest manifest = manifest(state, id);
    if (head.timestamp() < manifest.votingStart() || head.timestamp() >= manifest.votingEnd()) {
      return Validation.reject(OUTSIDE_VOTING_WINDOW, "block time outside the voting window");
    }
    Optional<String> station = VoterRoll.station(state, id, cast.credential());
    if (station.isEmpty()) {
      return Validation.reject(UNKNOWN_CREDENTIAL, "credential not on the roll");
    }
    RevoteRule.Channel channel;
    if (tx.signer().equals(cast.credential())) {
      channel = RevoteRule.Channel.WEB;
    } else {
      Validation device = validateKiosk(tx, cast, station.get(), state, head);
      if (!device.isOk()) {
        return device;
      }
      channel = RevoteRule.Channel.IN_PERSON;
    }
    Optional<RevoteRule.Channel> counted = countedVote(state, id, cast).map(CountedVote::channel);
    RevoteRule.Decision decision = RevoteRule.decide(manifest.revotePolicy(), counted, channel);
    if (decision.outcome() == RevoteRule.Outcome.REJECTED) {
      return Validation.reject(
          decision.code(), "credential has a counted " + counted.get() + " ballot");
    }
    EncryptionContext context = context(state, id);
    EncryptedBallot ballot = cast.ballot();
    Hash32 ballotHash = hashOf(ballot, context.extendedBaseHash());
    if (state.get(StateKeys.ballotId(id, ballot.ballotId())).isPresent()
        || state.get(StateKeys.ballot(id, ballotHash)).isPresent()) {
      return Validation.reject(DUPLICATE_BALLOT, "ballot " + ballot.ballotId() + " is recorded");
    }
    if (proofsDeferred) {
      return Validation.ok();
    }
    BallotVerification verdict = verdict(context, manifest, ballot, ballotHash);
    if (!verdict.isValid()) {
      return Validation.reject(
          BALLOT_INVALID,
          verdict.reason()
              + " at contest "
              + verdict.contest()
              + ", selection "
              + verdict.selection());
    }
    return Validation.ok();
  }

  /**
   * A challenged ballot: election OPEN, signed by an attested kiosk or by a credential on the
   * election's roll (a web voter's challenge), ballot id and hash unused, the ballot's proofs
   * valid, and {@link SpoiledBallotCheck} matching the disclosed plaintext.
   */
  private Validation validateSpoil(SignedTransaction tx, SpoilBallot spoil, StateView state) {
    String id = spoil.electionId();
    Optional<ElectionStatus> status = ElectionContract.status(state, id);
    if (status.isEmpty()) {
      return Validation.reject(UNKNOWN_ELECTION, "no election " + id);
    }
    if (status.get() != ElectionStatus.OPEN) {
      return Validation.reject(ELECTION_NOT_OPEN, "the election is " + status.get());
    }
    // A web voter challenges with their own credential (Benaloh's cast-or-challenge works on the
    // web as at the kiosk); anyone else must be an attested kiosk.
    boolean voterOnRoll = state.get(StateKeys.rollEntry(id, tx.signer())).isPresent();
    if (!voterOnRoll) {
      Validation device = validateDevice(tx, state, Chain.head(state));
      if (!device.isOk()) {
        return device;
      }
    }
    EncryptionContext context = context(state, id);
    EncryptedBallot ballot = spoil.ballot();
    if (state.get(StateKeys.ballotId(id, ballot.ballotId())).isPresent()) {
      return Validation.reject(DUPLICATE_BALLOT, "ballot " + ballot.ballotId() + " is recorded");
    }
    ElectionManifest manifest = manifest(state, id);
    BallotVerification verdict =
        BallotVerifier.verify(context, ElectionCrypto.style(manifest), ballot);
    if (!verdict.isValid()) {
      return Validation.reject(
          BALLOT_INVALID, verdict.reason() + " at contest " + verdict.contest());
    }
    SpoiledBallotCheck.Result check =
        SpoiledBallotCheck.check(
            context, ElectionCrypto.style(manifest), ballot, spoil.nonces(), spoil.plaintext());
    if (!check.matches()) {
      return Validation.reject(
          SPOILED_BALLOT_MISMATCH,
          check.reason() + " at contest " + check.contest() + ", selection " + check.selection());
    }
    return Validation.ok();
  }

  private Validation validateDevice(SignedTransaction tx, StateView state, BlockContext head) {
    Optional<DeviceRecord> device =
        state
            .get(StateKeys.deviceKey(tx.signer()))
            .flatMap(b -> DeviceRegistry.device(state, new String(b, StandardCharsets.US_ASCII)));
    if (device.isEmpty()) {
      return Validation.reject(UNAUTHORIZED, "not signed by a registered device");
    }
    DeviceRecord kiosk = device.get();
    if (kiosk.status() == DeviceStatus.REVOKED) {
      return Validation.reject(DEVICE_REVOKED, "device is revoked");
    }
    if (kiosk.status() == DeviceStatus.SUSPENDED) {
      return Validation.reject(DEVICE_SUSPENDED, "device is suspended");
    }
    if (!DeviceRegistry.isAttestedAt(kiosk, head, params)) {
      return Validation.reject(DEVICE_NOT_ATTESTED, "device has no fresh matching attestation");
    }
    return Validation.ok();
  }

  /**
   * An in-person ballot: the kiosk of the voter's station, in service, attested, after check-in.
   */
  private Validation validateKiosk(
      SignedTransaction tx, CastBallot cast, String station, StateView state, BlockContext head) {
    Validation device = validateDevice(tx, state, head);
    if (!device.isOk()) {
      return device.code() == UNAUTHORIZED
          ? Validation.reject(UNAUTHORIZED, "signed by neither the credential nor a device")
          : device;
    }
    DeviceRecord kiosk =
        state
            .get(StateKeys.deviceKey(tx.signer()))
            .flatMap(b -> DeviceRegistry.device(state, new String(b, StandardCharsets.US_ASCII)))
            .orElseThrow();
    if (!station.equals(kiosk.stationId())) {
      return Validation.reject(WRONG_STATION, "device is not at the voter's station");
    }
    if (state.get(StateKeys.checkIn(cast.electionId(), cast.credential())).isEmpty()) {
      return Validation.reject(NOT_CHECKED_IN, "voter has not been checked in");
    }
    return Validation.ok();
  }

  /**
   * Verifies the ballots of all {@link CastBallot}s of a block ahead of execution, election by
   * election, with {@link BallotBatchVerifier}; {@link #validate} then takes the precomputed
   * verdict instead of verifying one by one. The batch verifier gives the one-by-one verifier's
   * verdicts, and a verdict depends only on the context, the style and the ballot, which no
   * transaction of the block can change once the context exists; elections without one are left to
   * {@link #validate}. Call {@link #forgetVerdicts} after the block.
   */
  void verifyBallotsOfBlock(List<SignedTransaction> txs, StateView state) {
    batchVerdicts(
        checked == null ? txs : notVerifiedYet(txs, state),
        state,
        verification,
        verificationParts,
        (ballot, he, verdict) -> precomputed.put(ballot, verdict));
  }

  /**
   * The transactions among {@code txs} whose ballots the checking box has no verdict for; the
   * verdicts it has become this block's. A verdict is keyed by the ballot's hash under {@code H_E},
   * which commits to the election's key and manifest, so it is the verdict a fresh verification
   * would give (and this validator computed it itself).
   */
  private List<SignedTransaction> notVerifiedYet(List<SignedTransaction> txs, StateView state) {
    List<SignedTransaction> rest = new ArrayList<>(txs.size());
    Map<String, Optional<Hash32>> hes = new TreeMap<>();
    for (SignedTransaction tx : txs) {
      if (tx.body() instanceof CastBallot cast) {
        Optional<Hash32> he =
            hes.computeIfAbsent(
                cast.electionId(), id -> state.get(StateKeys.extendedBaseHash(id)).map(Hash32::of));
        BallotVerification known =
            he.isEmpty() ? null : checked.get(hashOf(cast.ballot(), he.get()));
        if (known != null) {
          precomputed.put(cast.ballot(), known);
          continue;
        }
      }
      rest.add(tx);
    }
    return rest;
  }

  /** Makes block execution look up the verdicts {@code checking}'s checks remembered. */
  void consult(BallotBox checking) {
    this.checked = checking.remembered;
  }

  /**
   * Where {@link #verifyBallotsOfBlock} runs its batch: in {@code parts} slices on {@code
   * executor}.
   */
  void verifyWith(Executor executor, int parts) {
    this.verification = executor;
    this.verificationParts = parts;
  }

  /**
   * Verifies the ballots of the {@link CastBallot}s among {@code txs} in one batch per election
   * (elections without a context are skipped) and hands each verdict to {@code sink}. Reads the
   * state only, touches no field: the checking executor runs it outside its lock. A lone ballot is
   * a batch of one: its 32 equations still combine into one multi-scalar multiplication, about a
   * fifth of the one-by-one cost (docs/contracts.md §5.1), with the one-by-one verdict.
   */
  static void batchVerdicts(
      List<SignedTransaction> txs,
      StateView state,
      Executor executor,
      int parts,
      VerdictSink sink) {
    TreeMap<String, List<EncryptedBallot>> byElection = new TreeMap<>();
    for (SignedTransaction tx : txs) {
      if (tx.body() instanceof CastBallot cast
          && state.get(StateKeys.extendedBaseHash(cast.electionId())).isPresent()) {
        byElection.computeIfAbsent(cast.electionId(), k -> new ArrayList<>()).add(cast.ballot());
      }
    }
    for (Map.Entry<String, List<EncryptedBallot>> e : byElection.entrySet()) {
      Optional<ElectionManifest> manifest = ElectionContract.manifest(state, e.getKey());
      if (manifest.isEmpty()) {
        continue;
      }
      EncryptionContext context = ElectionCrypto.sharedContext(state, e.getKey());
      BallotStyle style = ElectionCrypto.style(manifest.get());
      BatchVerification batch =
          new BallotBatchVerifier(context)
              .verify(Map.of(style.styleId(), style), e.getValue(), executor, parts);
      IdentityHashMap<EncryptedBallot, BallotVerification> verdicts = new IdentityHashMap<>();
      for (EncryptedBallot b : e.getValue()) {
        verdicts.put(b, BallotVerification.VALID);
      }
      for (BatchVerification.InvalidBallot invalid : batch.invalid()) {
        verdicts.put(e.getValue().get(invalid.index()), invalid.reason());
      }
      Hash32 he = context.extendedBaseHash();
      for (EncryptedBallot b : e.getValue()) {
        sink.accept(b, he, verdicts.get(b));
      }
    }
  }

  /** Receives one ballot's verdict from {@link #batchVerdicts}. */
  @FunctionalInterface
  interface VerdictSink {
    void accept(EncryptedBallot ballot, Hash32 extendedBaseHash, BallotVerification verdict);
  }

  /** Takes verdicts computed by {@link #batchVerdicts} into this box's memory (if it has one). */
  void remember(Map<Hash32, BallotVerification> verdicts) {
    if (remembered != null) {
      verdicts.forEach(remembered::put);
    }
  }

  int rememberedVerdicts() {
    return remembered == null ? 0 : remembered.size();
  }

  void forgetVerdicts() {
    precomputed.clear();
  }

  /** {@code ballotHash}: the ballot's hash under the context's H_E, the memory's key. */
  private BallotVerification verdict(
      EncryptionContext context,
      ElectionManifest manifest,
      EncryptedBallot ballot,
      Hash32 ballotHash) {
    BallotVerification known = precomputed.get(ballot);
    if (known != null) {
      return known;
    }
    if (remembered == null) {
      return BallotVerifier.verify(context, ElectionCrypto.style(manifest), ballot);
    }
    BallotVerification verdict = remembered.get(ballotHash);
    if (verdict == null) {
      verdict = BallotVerifier.verify(context, ElectionCrypto.style(manifest), ballot);
      remembered.put(ballotHash, verdict);
    }
    return verdict;
  }

  private static EncryptionContext context(StateView state, String electionId) {
    return ElectionCrypto.sharedContext(state, electionId);
  }

  private static Optional<CountedVote> countedVote(StateView state, String id, CastBallot cast) {
    return state.get(StateKeys.vote(id, cast.credential())).map(CountedVote::decode);
  }

  @Override
  public List<Event> apply(SignedTransaction tx, StateView state, BlockContext block) {
    if (tx.body() instanceof SpoilBallot spoil) {
      String id = spoil.electionId();
      Hash32 he = Hash32.of(state.get(StateKeys.extendedBaseHash(id)).orElseThrow());
      Hash32 hash = spoil.ballot().hash(he);
      CanonicalWriter w = new CanonicalWriter();
      spoil.writeFields(w);
      state.put(StateKeys.spoiled(id, hash), w.toByteArray());
      state.put(StateKeys.ballotId(id, spoil.ballot().ballotId()), hash.bytes());
      state.put(StateKeys.ballotTx(id, hash), tx.id().bytes());
      return List.of(new Event.BallotSpoiled(id, hash));
    }
    CastBallot cast = (CastBallot) tx.body();
    String id = cast.electionId();
    ElectionManifest manifest = manifest(state, id);
    Hash32 he = Hash32.of(state.get(StateKeys.extendedBaseHash(id)).orElseThrow());
    EncryptedBallot ballot = cast.ballot();
    Hash32 hash = hashOf(ballot, he);
    RevoteRule.Channel channel =
        tx.signer().equals(cast.credential())
            ? RevoteRule.Channel.WEB
            : RevoteRule.Channel.IN_PERSON;

    PendingAggregate aggregate =
        pendingAggregates.computeIfAbsent(
            id,
            k ->
                new PendingAggregate(aggregate(state, k, ElectionCrypto.selectionCount(manifest))));
    aggregate.add(ballot, false);
    Optional<CountedVote> previous = countedVote(state, id, cast);
    if (previous.isPresent()) {
      byte[] old = state.get(StateKeys.ballot(id, previous.get().ballotHash())).orElseThrow();
      aggregate.add(EncryptedBallot.decode(old), true);
    } else {
      long counted = ElectionCrypto.counted(state, id) + 1;
      state.put(StateKeys.counted(id), new CanonicalWriter().varint(counted).toByteArray());
    }
    state.put(StateKeys.ballot(id, hash), ballot.encode());
    state.put(StateKeys.ballotId(id, ballot.ballotId()), hash.bytes());
    state.put(StateKeys.ballotTx(id, hash), tx.id().bytes());
    state.put(StateKeys.vote(id, cast.credential()), new CountedVote(channel, hash).encode());
    countTurnout(state, id, cast, previous.map(CountedVote::channel), channel);
    return List.of(new Event.BallotCast(id, hash, channel, previous.isPresent()));
  }

  /**
   * Moves the credential's station's turnout to the channel of its new counted vote; a re-vote by
   * the same channel changes nothing. Validation found the credential on the roll.
   */
  private static void countTurnout(
      StateView state,
      String id,
      CastBallot cast,
      Optional<RevoteRule.Channel> previous,
      RevoteRule.Channel channel) {
    if (previous.isPresent() && previous.get() == channel) {
      return;
    }
    String station = VoterRoll.station(state, id, cast.credential()).orElseThrow();
    StationTurnout t = StationTurnout.read(state, id, station).withVote(channel, 1);
    if (previous.isPresent()) {
      t = t.withVote(previous.get(), -1);
    }
    t.write(state, id);
  }

  /**
   * A value decoded from state bytes, kept while the bytes stay the same: every ballot of a block
   * reads the election's manifest and running aggregate, and decoding the aggregate decompresses
   * two curve points per selection. Compared by content, so a hit is exactly the stored value.
   */
  private record Decoded<T>(byte[] bytes, T value) {
    boolean holds(byte[] stored) {
      return Arrays.equals(bytes, stored);
    }
  }

  /**
   * Ballot hashes by ballot object (identity) and {@code H_E}: a pending ballot is re-checked after
   * every block and then executed, and each time its hash is computed over its whole encoding. The
   * node hands the same decoded object to every check (its decoding cache), so identity finds it; a
   * hash is a function of the ballot and {@code H_E} alone, so a hit is the hash. Bounded.
   */
  private final BoundedLruCache<BallotKey, Hash32> ballotHashes = new BoundedLruCache<>(8_192);

  /** A ballot object (by identity) under an extended base hash. */
  private record BallotKey(EncryptedBallot ballot, Hash32 extendedBaseHash) {
    @Override
    public boolean equals(Object o) {
      return o instanceof BallotKey k
          && k.ballot == ballot
          && k.extendedBaseHash.equals(extendedBaseHash);
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(ballot) * 31 + extendedBaseHash.hashCode();
    }
  }

  private Hash32 hashOf(EncryptedBallot ballot, Hash32 extendedBaseHash) {
    // Hashed under the cache's lock, which nobody waits for: a box is used by one thread.
    return ballotHashes.computeIfAbsent(
        new BallotKey(ballot, extendedBaseHash), k -> ballot.hash(extendedBaseHash));
  }

  private Decoded<ElectionManifest> lastManifest;
  private Decoded<List<Ciphertext>> lastAggregate;

  private ElectionManifest manifest(StateView state, String electionId) {
    byte[] stored = state.get(StateKeys.electionManifest(electionId)).orElseThrow();
    Decoded<ElectionManifest> last = lastManifest;
    if (last == null || !last.holds(stored)) {
      last = new Decoded<>(stored, ElectionManifest.decode(stored));
      lastManifest = last;
    }
    return last.value();
  }

  /** The running aggregate, as a list the caller may change. */
  private List<Ciphertext> aggregate(StateView state, String electionId, int selections) {
    Optional<byte[]> stored = state.get(StateKeys.aggregate(electionId));
    Decoded<List<Ciphertext>> last = lastAggregate;
    if (stored.isPresent() && last != null && last.holds(stored.get())) {
      return new ArrayList<>(last.value());
    }
    return new ArrayList<>(ElectionCrypto.aggregate(state, electionId, selections));
  }

  /**
   * The running aggregates the block's cast ballots changed, by election (sorted: written in a
   * fixed order). Adding a ciphertext in affine coordinates costs a field inversion per point, and
   * encoding the aggregate after every ballot another ten; a block's ballots are instead summed in
   * projective coordinates ({@link Ciphertext#sum}) and the aggregate is normalised, encoded and
   * written once, before any other kind of transaction runs and at the block's end ({@link
   * #writeAggregates}). The state after the block is the same: the key holds the same final value,
   * and no cast reads another's aggregate.
   */
  private final TreeMap<String, PendingAggregate> pendingAggregates = new TreeMap<>();

  /** One election's aggregate at the start of the run, and the ciphertexts to add per selection. */
  private static final class PendingAggregate {
    private final List<List<Ciphertext>> terms = new ArrayList<>();

    PendingAggregate(List<Ciphertext> base) {
      for (Ciphertext c : base) {
        List<Ciphertext> column = new ArrayList<>();
        column.add(c);
        terms.add(column);
      }
    }

    /** Adds (or subtracts) every selection ciphertext of {@code ballot}, in manifest order. */
    void add(EncryptedBallot ballot, boolean subtract) {
      int i = 0;
      for (EncryptedContest contest : ballot.contests()) {
        for (EncryptedSelection selection : contest.selections()) {
          Ciphertext c = selection.ciphertext();
          terms.get(i).add(subtract ? new Ciphertext(c.alpha().negate(), c.beta().negate()) : c);
          i++;
        }
      }
    }

    List<Ciphertext> total() {
      List<Ciphertext> sums = new ArrayList<>(terms.size());
      for (List<Ciphertext> column : terms) {
        sums.add(Ciphertext.sum(column));
      }
      return sums;
    }
  }

  /** Writes the running aggregates the ballots cast since the last call changed. */
  void writeAggregates(StateView state) {
    for (Map.Entry<String, PendingAggregate> e : pendingAggregates.entrySet()) {
      List<Ciphertext> total = e.getValue().total();
      byte[] encoded = ElectionCrypto.encodeAggregate(total);
      state.put(StateKeys.aggregate(e.getKey()), encoded);
      lastAggregate = new Decoded<>(encoded, List.copyOf(total));
    }
    pendingAggregates.clear();
  }

  /** Forgets unwritten changes (a block that failed to execute). */
  void dropPendingAggregates() {
    pendingAggregates.clear();
  }
}
