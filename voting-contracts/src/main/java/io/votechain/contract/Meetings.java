package io.votechain.contract;

import io.votechain.ballot.BallotStyle;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.sig.PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.state.StateView;
import io.votechain.tx.Keys;
import io.votechain.tx.meeting.MeetingManifest;
import java.util.Optional;

/**
 * Reads a shareholder meeting's state (docs/contracts.md §8): its terms, the share register,
 * proxies, the vote that counts for each holder, and the decided result; and builds a holder's
 * weighted ballot style. Stateless; for the contracts, clients and verifiers alike.
 */
public final class Meetings {
  private Meetings() {}

  /** The meeting's terms, or empty if {@code id} is not a meeting (or does not exist). */
  public static Optional<MeetingManifest> manifest(StateView state, String id) {
    return state.get(StateKeys.meeting(id)).map(MeetingManifest::decode);
  }

  public static boolean isMeeting(StateView state, String id) {
    return state.get(StateKeys.meeting(id)).isPresent();
  }

  /**
   * The ballot style of a holder of {@code shares}: one contest per resolution, three selections,
   * limit 1, weight {@code shares}. The style id is the meeting id.
   */
  public static BallotStyle holderStyle(MeetingManifest manifest, long shares) {
    return ElectionCrypto.style(manifest.election()).withWeight(shares);
  }

  /** The shares {@code holder} holds on the register, if it is on it. */
  public static Optional<Long> shares(StateView state, String id, PublicKey holder) {
    return state.get(StateKeys.holding(id, holder)).map(Meetings::decodeCount);
  }

  /** The total of the share register. */
  public static long issuedShares(StateView state, String id) {
    return state.get(StateKeys.issuedShares(id)).map(Meetings::decodeCount).orElse(0L);
  }

  /** The shares of the holders whose vote counts now. */
  public static long representedShares(StateView state, String id) {
    return state.get(StateKeys.representedShares(id)).map(Meetings::decodeCount).orElse(0L);
  }

  public static Optional<Ed25519PublicKey> proxy(StateView state, String id, PublicKey holder) {
    return state
        .get(StateKeys.proxy(id, holder))
        .map(
            b -> {
              CanonicalReader r = new CanonicalReader(b);
              Ed25519PublicKey key = Keys.readEd25519(r);
              r.finish();
              return key;
            });
  }

  public static Optional<MeetingVote> countedVote(StateView state, String id, PublicKey holder) {
    return state.get(StateKeys.meetingVote(id, holder)).map(MeetingVote::decode);
  }

  public static Optional<MeetingResult> result(StateView state, String id) {
    return state.get(StateKeys.meetingResult(id)).map(MeetingResult::decode);
  }

  static byte[] encodeCount(long value) {
    return new CanonicalWriter().varint(value).toByteArray();
  }

  private static long decodeCount(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    long v = r.varint(Long.MAX_VALUE);
    r.finish();
    return v;
  }
}
