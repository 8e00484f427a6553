package io.votechain.agent.kiosk;

import io.votechain.agent.DeviceAgent;
import io.votechain.ballot.BallotEncryptor;
import io.votechain.ballot.EncryptionContext;
import io.votechain.ballot.PlaintextBallot;
import io.votechain.contract.ElectionCrypto;
import io.votechain.crypto.elgamal.ElectionKey;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.device.ElectionConfig;
import io.votechain.tx.CastBallot;
import io.votechain.tx.CheckIn;
import io.votechain.tx.SpoilBallot;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ElectionManifest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One voter's visit at the kiosk (docs/device-agent.md §6): check-in by the poll worker, marking,
 * encryption and the tracking code, then cast or challenge (Benaloh). A challenged ballot is
 * published with its nonces and the voter marks again; a cast ballot ends the visit with a receipt.
 * The plaintext and the nonces are held only until cast or challenge. Not thread safe: the kiosk
 * server serialises access.
 */
public final class KioskSession {
  /** Where the visit is. */
  public enum Stage {
    WAITING_FOR_CHECK_IN,
    MARKING,
    REVIEW,
    CAST
  }

  private final DeviceAgent agent;
  private final SecureRandom random;
  private Stage stage = Stage.WAITING_FOR_CHECK_IN;
  private String electionId;
  private Ed25519PublicKey credential;
  private BallotEncryptor.Encrypted encrypted;
  private PlaintextBallot plaintext;
  private Hash32 ballotHash;
  private CompletableFuture<DeviceAgent.Delivery> castDelivery;
  private int challenges;
  private final List<CompletableFuture<DeviceAgent.Delivery>> spoils = new ArrayList<>();

  public KioskSession(DeviceAgent agent, SecureRandom random) {
    this.agent = agent;
    this.random = random;
  }

  public Stage stage() {
    return stage;
  }

  public Optional<String> electionId() {
    return Optional.ofNullable(electionId);
  }

  public int challenges() {
    return challenges;
  }

  /**
   * The poll worker checks the voter in: queues a CheckIn for the voter's credential (hex of the
   * 32-byte Ed25519 key, with or without the 0x01 tag byte).
   *
   * @throws IllegalArgumentException for an unknown election or a malformed credential
   * @throws IllegalStateException when a visit is already under way
   */
  public CompletableFuture<DeviceAgent.Delivery> checkIn(String election, String credentialHex) {
    if (stage != Stage.WAITING_FOR_CHECK_IN && stage != Stage.CAST) {
      throw new IllegalStateException("a voter is still at the kiosk");
    }
    config(election);
    Ed25519PublicKey key = parseCredential(credentialHex);
    CompletableFuture<DeviceAgent.Delivery> done =
        agent.submit(new CheckIn(election, agent.deviceId(), key));
    electionId = election;
    credential = key;
    encrypted = null;
    castDelivery = null;
    challenges = 0;
    stage = Stage.MARKING;
    return done;
  }

  /**
   * The voter's marks, contest by contest in manifest order (choice indexes marked); encrypts with
   * the election key and returns the tracking code to show before the voter decides.
   *
   * @throws IllegalArgumentException if a contest has more marks than its limit or a bad index
   */
  public String mark(List<List<Integer>> chosen) {
    requireStage(Stage.MARKING);
    ElectionConfig config = config(electionId);
    ElectionManifest manifest = config.manifest();
    if (chosen.size() != manifest.contests().size()) {
      throw new IllegalArgumentException("one list of choices per contest");
    }
    List<List<Integer>> marks = new ArrayList<>();
    for (int i = 0; i < chosen.size(); i++) {
      Contest contest = manifest.contests().get(i);
      List<Integer> selection = new ArrayList<>();
      for (int j = 0; j < contest.choices().size(); j++) {
        selection.add(chosen.get(i).contains(j) ? 1 : 0);
      }
      long count = selection.stream().filter(m -> m == 1).count();
      if (count > contest.selectionLimit()
          || chosen.get(i).stream().anyMatch(j -> j < 0 || j >= contest.choices().size())) {
        throw new IllegalArgumentException("contest " + contest.contestId() + ": invalid choices");
      }
      marks.add(selection);
    }
    byte[] id = new byte[16];
    random.nextBytes(id);
    plaintext = new PlaintextBallot("b-" + HexFormat.of().formatHex(id), electionId, marks);
    EncryptionContext context =
        new EncryptionContext(
            config.extendedBaseHash().orElseThrow(),
            new ElectionKey(config.jointKey().orElseThrow()));
    encrypted =
        new BallotEncryptor(context).encrypt(ElectionCrypto.style(manifest), plaintext, random);
    ballotHash = encrypted.ballot().hash(context.extendedBaseHash());
    stage = Stage.REVIEW;
    return TrackingCode.of(ballotHash);
  }

  /** Casts the reviewed ballot; the future completes with the committed receipt. */
  public CompletableFuture<VoterReceipt> cast() {
    requireStage(Stage.REVIEW);
    castDelivery = agent.submit(new CastBallot(electionId, credential, encrypted.ballot()));
    String election = electionId;
    Hash32 hash = ballotHash;
    plaintext = null;
    encrypted = null;
    stage = Stage.CAST;
    return castDelivery.thenApply(
        d -> {
          if (d.settlement().code() != 0) {
            throw new IllegalStateException(
                "ballot refused: "
                    + d.settlement().codeName()
                    + " (height "
                    + d.settlement().height()
                    + ")");
          }
          return receipt(election, hash, d.settlement().height());
        });
  }

  /**
   * The delivery of the ballot just cast, refusals included (the fleet simulator counts them by
   * code); empty before {@link #cast()}.
   */
  public Optional<CompletableFuture<DeviceAgent.Delivery>> castDelivery() {
    return Optional.ofNullable(castDelivery);
  }

  /** A receipt for a cast ballot whose block is not known yet (the link is down). */
  public VoterReceipt provisionalReceipt() {
    requireStage(Stage.CAST);
    return receipt(electionId, ballotHash, 0);
  }

  /**
   * The voter challenges the ballot: it is published as spoiled with its nonces (anyone can check
   * it encrypted what the screen showed) and the voter marks again.
   */
  public CompletableFuture<DeviceAgent.Delivery> challenge() {
    requireStage(Stage.REVIEW);
    CompletableFuture<DeviceAgent.Delivery> done =
        agent.submit(
            new SpoilBallot(electionId, encrypted.ballot(), encrypted.nonces(), plaintext));
    spoils.add(done);
    challenges++;
    plaintext = null;
    encrypted = null;
    stage = Stage.MARKING;
    return done;
  }

  /** The poll worker ends the visit (e.g. the voter left). */
  public void reset() {
    stage = Stage.WAITING_FOR_CHECK_IN;
    plaintext = null;
    encrypted = null;
    electionId = null;
    credential = null;
  }

  private VoterReceipt receipt(String election, Hash32 hash, long height) {
    return new VoterReceipt(
        election, TrackingCode.of(hash), hash, height, agent.config().verifyBaseUrl() + hash.hex());
  }

  private ElectionConfig config(String election) {
    ElectionConfig config = agent.elections().get(election);
    if (config == null || config.jointKey().isEmpty()) {
      throw new IllegalArgumentException("election " + election + " is not available here");
    }
    return config;
  }

  private void requireStage(Stage expected) {
    if (stage != expected) {
      throw new IllegalStateException("expected " + expected + ", at " + stage);
    }
  }

  static Ed25519PublicKey parseCredential(String hex) {
    String clean = hex == null ? "" : hex.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      byte[] raw = HexFormat.of().parseHex(clean);
      if (raw.length == 33 && raw[0] == 0x01) {
        raw = java.util.Arrays.copyOfRange(raw, 1, 33);
      }
      return Ed25519PublicKey.decode(raw);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a voter credential", e);
    }
  }
}
