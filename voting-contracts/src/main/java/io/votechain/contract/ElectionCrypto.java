package io.votechain.contract;

import io.votechain.ballot.BallotStyle;
import io.votechain.ballot.ContestDescription;
import io.votechain.ballot.EncryptionContext;
import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.elgamal.ElectionKey;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.hash.ElectionHash;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.threshold.CeremonyParameters;
import io.votechain.crypto.threshold.JointElectionKey;
import io.votechain.crypto.threshold.KeyCeremony;
import io.votechain.crypto.threshold.KeyCeremonyAnnouncement;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.state.StateEntry;
import io.votechain.state.StateView;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.util.BoundedLruCache;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binds an election on the ledger to the ballot and threshold cryptography (docs/contracts.md
 * §4.5): the election base hash {@code H_B} from the manifest hash and the trustee numbers, the
 * ballot style from the manifest, the joint key from the stored announcements, and the running
 * aggregate's encoding. Stateless.
 */
public final class ElectionCrypto {
  /** {@code H_P}: SHA-256 of the ASCII name of the parameter set. */
  public static final Hash32 PARAMETER_BASE_HASH =
      Sha256.hash("votechain/ElectionGuard-2.1/P-256".getBytes(StandardCharsets.US_ASCII));

  /** At most 64 contests of at most 64 choices. */
  static final int MAX_SELECTIONS = 64 * 64;

  /** Domain byte of {@code H_B}. */
  public static final int DOMAIN_ELECTION_BASE_HASH = 0x03;

  private ElectionCrypto() {}

  /** {@code H_B = H(H_P; 0x03, H_M, u32 n, u32 k)} with {@code H_M} the manifest hash. */
  public static Hash32 electionBaseHash(ElectionManifest manifest, int trustees, int threshold) {
    return ElectionHash.hash(
        PARAMETER_BASE_HASH, DOMAIN_ELECTION_BASE_HASH, manifest.hash(), trustees, threshold);
  }

  /**
   * {@code H_B} of ceremony round {@code round}: round 0 (the first ceremony) is {@link
   * #electionBaseHash(ElectionManifest, int, int)}; a restarted ceremony (round r >= 1) hashes
   * {@code u32 r} after {@code k}, so that nothing announced in an earlier round verifies again and
   * every trustee deals a fresh polynomial (docs/contracts.md §4.5).
   */
  public static Hash32 electionBaseHash(
      ElectionManifest manifest, int trustees, int threshold, int round) {
    if (round == 0) {
      return electionBaseHash(manifest, trustees, threshold);
    }
    return ElectionHash.hash(
        PARAMETER_BASE_HASH,
        DOMAIN_ELECTION_BASE_HASH,
        manifest.hash(),
        trustees,
        threshold,
        round);
  }

  /** The key-ceremony round of an election: 0 until a restart, then 1, 2, ... */
  public static int ceremonyRound(StateView state, String electionId) {
    return state
        .get(StateKeys.ceremonyRound(electionId))
        .map(b -> (int) new CanonicalReader(b).varint(Integer.MAX_VALUE))
        .orElse(0);
  }

  /** The one ballot style of an election: its id is the election id, one contest per contest. */
  public static BallotStyle style(ElectionManifest manifest) {
    return new BallotStyle(
        manifest.electionId(),
        manifest.contests().stream()
            .map(c -> ContestDescription.of(c.contestId(), c.choices().size(), c.selectionLimit()))
            .toList());
  }

  /** The number of selections, i.e. of aggregate ciphertexts and of results. */
  public static int selectionCount(ElectionManifest manifest) {
    int n = 0;
    for (Contest c : manifest.contests()) {
      n += c.choices().size();
    }
    return n;
  }

  public static CeremonyParameters parameters(ElectionManifest manifest, Trustees trustees) {
    return parameters(manifest, trustees, 0);
  }

  /** The ceremony parameters of round {@code round} (0 unless the ceremony was restarted). */
  public static CeremonyParameters parameters(
      ElectionManifest manifest, Trustees trustees, int round) {
    return new CeremonyParameters(
        electionBaseHash(manifest, trustees.keys().size(), trustees.threshold(), round),
        trustees.keys().size(),
        trustees.threshold());
  }

  /** The ceremony parameters of the election's current trustees and round. */
  public static CeremonyParameters parameters(StateView state, String electionId) {
    return parameters(
        ElectionContract.manifest(state, electionId).orElseThrow(),
        Trustees.read(state, electionId).orElseThrow(),
        ceremonyRound(state, electionId));
  }

  public static List<KeyCeremonyAnnouncement> announcements(StateView state, String electionId) {
    List<KeyCeremonyAnnouncement> out = new ArrayList<>();
    for (StateEntry e : state.scan(StateKeys.announcementPrefix(electionId))) {
      out.add(KeyCeremonyAnnouncement.decode(e.value()));
    }
    return out;
  }

  /**
   * The entries under a ceremony folder whose keys are per dealer and recipient ({@code
   * complaint/DDDD/RRRR}, {@code disclosure/DDDD/RRRR}), dealer by dealer, ascending. A validator's
   * committed state lists one folder level at a time ({@code LedgerStore.stateFolder}), so a scan
   * of {@code prefix} itself would see only the current block's writes.
   */
  static List<StateEntry> byDealer(StateView state, String electionId, String prefix) {
    int n = Trustees.read(state, electionId).map(t -> t.keys().size()).orElse(0);
    List<StateEntry> out = new ArrayList<>();
    for (int dealer = 1; dealer <= n; dealer++) {
      out.addAll(state.scan(prefix + StateKeys.digits(dealer, 4) + "/"));
    }
    return out;
  }

  /** The joint key of a completed ceremony, recomputed from the ledger's announcements. */
  public static JointElectionKey jointKey(StateView state, String electionId) {
    return KeyCeremony.jointKey(parameters(state, electionId), announcements(state, electionId));
  }

  /**
   * What the ceremony still lacks before the election may open, if anything: the joint key (all
   * announcements), every trustee's encrypted shares (when there is more than one trustee), and an
   * answer to every complaint.
   */
  static Optional<String> pendingCeremonyStep(StateView state, String electionId) {
    if (state.get(StateKeys.electionJointKey(electionId)).isEmpty()
        || state.get(StateKeys.extendedBaseHash(electionId)).isEmpty()) {
      return Optional.of("the key ceremony has not produced the joint key");
    }
    int n = Trustees.read(state, electionId).map(t -> t.keys().size()).orElse(0);
    if (n > 1 && state.scan(StateKeys.sharesPrefix(electionId)).size() < n) {
      return Optional.of("not every trustee has published its shares");
    }
    for (StateEntry c : byDealer(state, electionId, StateKeys.complaintPrefix(electionId))) {
      String[] parts = c.key().path().split("/");
      int dealer = Integer.parseInt(parts[3]);
      int recipient = Integer.parseInt(parts[4]);
      if (state.get(StateKeys.disclosure(electionId, dealer, recipient)).isEmpty()) {
        return Optional.of("trustee " + dealer + " has not answered the complaint of " + recipient);
      }
    }
    return Optional.empty();
  }

  /**
   * Contexts by {@code H_E}, for every ballot box and batch check of this process. {@code H_E}
   * commits to the election's joint key (and manifest), so the context it names is the one {@link
   * #context} would build; building one precomputes tables for the key, which per batch of one
   * ballot cost more than the look-up. Bounded: least recently used first out.
   */
  private static final BoundedLruCache<Hash32, EncryptionContext> SHARED_CONTEXTS =
      new BoundedLruCache<>(32);

  /** {@link #context}, built once per {@code H_E} and shared. */
  public static EncryptionContext sharedContext(StateView state, String electionId) {
    Hash32 he = Hash32.of(state.get(StateKeys.extendedBaseHash(electionId)).orElseThrow());
    EncryptionContext known = SHARED_CONTEXTS.get(he);
    if (known != null) {
      return known;
    }
    // Built outside the lock: two threads may both build it, and either copy is the same context.
    EncryptionContext built = context(state, electionId);
    return SHARED_CONTEXTS.computeIfAbsent(he, k -> built);
  }

  /** The encryption context of an election whose ceremony has completed. */
  public static EncryptionContext context(StateView state, String electionId) {
    Hash32 he = Hash32.of(state.get(StateKeys.extendedBaseHash(electionId)).orElseThrow());
    GroupElement k =
        GroupElement.decode(state.get(StateKeys.electionJointKey(electionId)).orElseThrow());
    return new EncryptionContext(he, new ElectionKey(k));
  }

  public static List<Ciphertext> aggregate(StateView state, String electionId, int selections) {
    return state
        .get(StateKeys.aggregate(electionId))
        .map(
            b -> {
              CanonicalReader r = new CanonicalReader(b);
              List<Ciphertext> list = r.list(MAX_SELECTIONS, in -> Ciphertext.readFrom(in, true));
              r.finish();
              return list;
            })
        .orElseGet(
            () -> {
              List<Ciphertext> zero = new ArrayList<>(selections);
              for (int i = 0; i < selections; i++) {
                zero.add(Ciphertext.ZERO);
              }
              return zero;
            });
  }

  static byte[] encodeAggregate(List<Ciphertext> aggregate) {
    return new CanonicalWriter().list(aggregate, (w, c) -> c.writeTo(w)).toByteArray();
  }

  public static long counted(StateView state, String electionId) {
    return state
        .get(StateKeys.counted(electionId))
        .map(b -> new CanonicalReader(b).varint(Long.MAX_VALUE))
        .orElse(0L);
  }
}
