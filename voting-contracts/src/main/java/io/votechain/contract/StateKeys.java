package io.votechain.contract;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.PublicKey;
import io.votechain.state.StateKey;
import io.votechain.tx.Keys;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** The state key layout of the contracts, in one place (docs/contracts.md §1). */
public final class StateKeys {
  private StateKeys() {}

  public static final StateKey CHAIN_ID = StateKey.of("chain", "id");
  public static final StateKey CHAIN_PARAMS = StateKey.of("chain", "params");
  public static final StateKey CHAIN_HEAD = StateKey.of("chain", "head");
  public static final StateKey AUTHORITY = StateKey.of("gov", "authority");

  /** Heights are zero-padded to 20 digits so that key order is numeric order. */
  public static StateKey blockHash(long height) {
    return StateKey.of("chain", "block-hash", digits(height, 20));
  }

  public static StateKey nonce(PublicKey signer) {
    return StateKey.of("nonce", Keys.hex(signer));
  }

  public static StateKey proposal(Hash32 id) {
    return StateKey.of("gov", "proposal", id.hex());
  }

  public static StateKey electionManifest(String electionId) {
    return StateKey.of("election", electionId, "manifest");
  }

  public static StateKey electionStatus(String electionId) {
    return StateKey.of("election", electionId, "status");
  }

  public static StateKey electionTrustees(String electionId) {
    return StateKey.of("election", electionId, "trustees");
  }

  /** Written by the key-ceremony contract: the 33-byte joint election public key. */
  public static StateKey electionJointKey(String electionId) {
    return StateKey.of("election", electionId, "joint-key");
  }

  public static StateKey rollEntry(String electionId, PublicKey credential) {
    return StateKey.of("election", electionId, "roll", Keys.hex(credential));
  }

  public static StateKey checkIn(String electionId, PublicKey credential) {
    return StateKey.of("election", electionId, "check-in", Keys.hex(credential));
  }

  /** A polling station's turnout counts ({@link StationTurnout}). */
  public static StateKey turnout(String electionId, String stationId) {
    return StateKey.of("election", electionId, "turnout", stationId);
  }

  public static String turnoutPrefix(String electionId) {
    return "election/" + electionId + "/turnout/";
  }

  /** Key-ceremony announcement of trustee {@code dealer} (1-based, 4 digits). */
  public static StateKey announcement(String electionId, int dealer) {
    return StateKey.of("election", electionId, "announcement", digits(dealer, 4));
  }

  public static String announcementPrefix(String electionId) {
    return "election/" + electionId + "/announcement/";
  }

  /** Trustee {@code dealer}'s encrypted shares for the other trustees. */
  public static StateKey shares(String electionId, int dealer) {
    return StateKey.of("election", electionId, "shares", digits(dealer, 4));
  }

  public static String sharesPrefix(String electionId) {
    return "election/" + electionId + "/shares/";
  }

  public static StateKey complaint(String electionId, int dealer, int recipient) {
    return StateKey.of(
        "election", electionId, "complaint", digits(dealer, 4), digits(recipient, 4));
  }

  public static String complaintPrefix(String electionId) {
    return "election/" + electionId + "/complaint/";
  }

  /** The share {@code dealer} disclosed in answer to {@code recipient}'s complaint. */
  public static StateKey disclosure(String electionId, int dealer, int recipient) {
    return StateKey.of(
        "election", electionId, "disclosure", digits(dealer, 4), digits(recipient, 4));
  }

  /** {@code H_E}, written with the joint key when the ceremony completes. */
  public static StateKey extendedBaseHash(String electionId) {
    return StateKey.of("election", electionId, "extended-base-hash");
  }

  public static StateKey ballot(String electionId, Hash32 ballotHash) {
    return StateKey.of("election", electionId, "ballot", ballotHash.hex());
  }

  /** Ballot ids are free UTF-8, so the key holds SHA-256 of the id. */
  public static StateKey ballotId(String electionId, String ballotId) {
    return StateKey.of(
        "election",
        electionId,
        "ballot-id",
        Sha256.hash(ballotId.getBytes(StandardCharsets.UTF_8)).hex());
  }

  /**
   * The id of the transaction that cast or spoiled the ballot with this hash (its tracking code),
   * so that anyone can find the block that holds it and its inclusion proof.
   */
  public static StateKey ballotTx(String electionId, Hash32 ballotHash) {
    return StateKey.of("election", electionId, "ballot-tx", ballotHash.hex());
  }

  /** A challenged ballot with its disclosed nonces and plaintext (the spoil transaction's body). */
  public static StateKey spoiled(String electionId, Hash32 ballotHash) {
    return StateKey.of("election", electionId, "spoiled", ballotHash.hex());
  }

  /** The channel and hash of the ballot that counts for {@code credential}. */
  public static StateKey vote(String electionId, PublicKey credential) {
    return StateKey.of("election", electionId, "vote", Keys.hex(credential));
  }

  /** The running encrypted tally: one ciphertext per selection, in manifest order. */
  public static StateKey aggregate(String electionId) {
    return StateKey.of("election", electionId, "aggregate");
  }

  /** How many ballots the aggregate holds. */
  public static StateKey counted(String electionId) {
    return StateKey.of("election", electionId, "counted");
  }

  public static StateKey decryption(String electionId, int trustee) {
    return StateKey.of("election", electionId, "decryption", digits(trustee, 4));
  }

  public static String decryptionPrefix(String electionId) {
    return "election/" + electionId + "/decryption/";
  }

  /** The decrypted tally: one count per selection, in manifest order. */
  public static StateKey result(String electionId) {
    return StateKey.of("election", electionId, "result");
  }

  public static StateKey device(String deviceId) {
    return StateKey.of("device", "id", deviceId);
  }

  public static StateKey deviceKey(PublicKey key) {
    return StateKey.of("device", "key", Keys.hex(key));
  }

  /**
   * The receipt of a transaction executed in a block ({@link TxReceipt#encodeOutcome}): kept in
   * state so that a receipt is part of the state hash and can be shown to anyone later, e.g. to a
   * device whose ballot was re-delivered after it was committed.
   */
  public static StateKey receipt(Hash32 txId) {
    return StateKey.of("tx", "receipt", txId.hex());
  }

  /** The key-ceremony round: absent (0) until a restart (docs/contracts.md §4.5). */
  public static StateKey ceremonyRound(String electionId) {
    return StateKey.of("election", electionId, "ceremony-round");
  }

  public static String disclosurePrefix(String electionId) {
    return "election/" + electionId + "/disclosure/";
  }

  /** A shareholder meeting's terms ({@code MeetingManifest}); absent for a plain election. */
  public static StateKey meeting(String meetingId) {
    return StateKey.of("election", meetingId, "meeting");
  }

  /** The shares {@code holder} held at the record date (the share register). */
  public static StateKey holding(String meetingId, PublicKey holder) {
    return StateKey.of("election", meetingId, "holder", Keys.hex(holder));
  }

  /** The total of the share register: the base of the quorum. */
  public static StateKey issuedShares(String meetingId) {
    return StateKey.of("election", meetingId, "issued-shares");
  }

  /** The proxy {@code holder} has appointed, if any. */
  public static StateKey proxy(String meetingId, PublicKey holder) {
    return StateKey.of("election", meetingId, "proxy", Keys.hex(holder));
  }

  /** Which ballot counts for {@code holder}, and whether the holder or its proxy cast it. */
  public static StateKey meetingVote(String meetingId, PublicKey holder) {
    return StateKey.of("election", meetingId, "meeting-vote", Keys.hex(holder));
  }

  /** For every meeting ballot ever recorded: for which holder, by whom, at which height. */
  public static StateKey meetingBallot(String meetingId, Hash32 ballotHash) {
    return StateKey.of("election", meetingId, "meeting-ballot", ballotHash.hex());
  }

  /** The shares of the holders whose vote counts (the quorum's numerator). */
  public static StateKey representedShares(String meetingId) {
    return StateKey.of("election", meetingId, "represented");
  }

  /** The decided meeting: per resolution for/against/abstain, passed; quorum. */
  public static StateKey meetingResult(String meetingId) {
    return StateKey.of("election", meetingId, "meeting-result");
  }

  /**
   * Folders whose keys are one per ballot, transaction, block or voter: they grow with the
   * election, and nothing lists them (a ballot, its id, its transaction, a receipt, a nonce, a
   * block hash, a voter's roll entry, check-in and counted vote, a holder's shares, proxy and
   * counted vote is read by its key; turnout is kept per station in {@link StationTurnout}). A
   * store need not index them for listing, and refuses to list them (docs/storage.md §3): a
   * Cassandra folder is one partition, which must not grow with the election.
   */
  private static final Set<String> UNLISTED_TOP =
      Set.of("nonce/", "tx/receipt/", "chain/block-hash/");

  private static final Set<String> UNLISTED_IN_ELECTION =
      Set.of(
          "ballot",
          "ballot-id",
          "ballot-tx",
          "meeting-ballot",
          "roll",
          "check-in",
          "vote",
          "holder",
          "proxy",
          "meeting-vote");

  /**
   * Whether {@code folder} (ending in {@code '/'}) may be listed: every folder but those whose keys
   * are one per ballot, transaction, block or voter ({@code nonce/}, {@code tx/receipt/}, {@code
   * chain/block-hash/}, and an election's {@code ballot/}, {@code ballot-id/}, {@code ballot-tx/},
   * {@code meeting-ballot/}, {@code roll/}, {@code check-in/}, {@code vote/}, {@code holder/},
   * {@code proxy/}, {@code meeting-vote/}). The contracts' scans and the API's listings are all of
   * listable folders.
   */
  public static boolean listable(String folder) {
    if (UNLISTED_TOP.contains(folder)) {
      return false;
    }
    String election = "election/";
    if (!folder.startsWith(election) || folder.length() == election.length()) {
      return true;
    }
    // election/<id>/<kind>/: one segment after the id, then the folder's closing '/'.
    String rest = folder.substring(election.length(), folder.length() - 1);
    int slash = rest.indexOf('/');
    return slash < 0
        || rest.indexOf('/', slash + 1) >= 0
        || !UNLISTED_IN_ELECTION.contains(rest.substring(slash + 1));
  }

  /**
   * Zero-padded decimal, so that key order is numeric order. Locale.ROOT: with the platform locale
   * some JVMs format other digits (e.g. Arabic-Indic), and two validators would write different
   * keys.
   */
  static String digits(long value, int width) {
    return String.format(Locale.ROOT, "%0" + width + "d", value);
  }
}
