package io.votechain.contract;

import static io.votechain.tx.ErrorCode.ALREADY_CHECKED_IN;
import static io.votechain.tx.ErrorCode.CREDENTIAL_EXISTS;
import static io.votechain.tx.ErrorCode.DEVICE_NOT_ATTESTED;
import static io.votechain.tx.ErrorCode.DEVICE_REVOKED;
import static io.votechain.tx.ErrorCode.DEVICE_SUSPENDED;
import static io.votechain.tx.ErrorCode.ELECTION_NOT_OPEN;
import static io.votechain.tx.ErrorCode.INVALID_ARGUMENT;
import static io.votechain.tx.ErrorCode.OUTSIDE_VOTING_WINDOW;
import static io.votechain.tx.ErrorCode.ROLL_CLOSED;
import static io.votechain.tx.ErrorCode.UNAUTHORIZED;
import static io.votechain.tx.ErrorCode.UNKNOWN_CREDENTIAL;
import static io.votechain.tx.ErrorCode.UNKNOWN_DEVICE;
import static io.votechain.tx.ErrorCode.UNKNOWN_ELECTION;
import static io.votechain.tx.ErrorCode.WRONG_ELECTION_KIND;
import static io.votechain.tx.ErrorCode.WRONG_STATION;

import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.state.StateView;
import io.votechain.tx.AddCredentials;
import io.votechain.tx.CheckIn;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.Validation;
import io.votechain.tx.election.ElectionManifest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Implements the voter roll (docs/contracts.md §4.4): eligible credential keys per election, each
 * with the polling station where its holder votes in person, and the poll-book check-in made by an
 * attested device of that station. The ballot box decides re-votes with {@link RevoteRule}.
 */
final class VoterRoll implements Contract {
  private final ChainParams params;

  VoterRoll(ChainParams params) {
    this.params = params;
  }

  /** The polling station of {@code credential}, if it is on the election's roll. */
  static Optional<String> station(StateView state, String electionId, Ed25519PublicKey credential) {
    return state
        .get(StateKeys.rollEntry(electionId, credential))
        .map(b -> new String(b, StandardCharsets.US_ASCII));
  }

  @Override
  public Validation validate(SignedTransaction tx, StateView state) {
    if (tx.body() instanceof AddCredentials add) {
      return validateAdd(tx, add, state);
    }
    return validateCheckIn(tx, (CheckIn) tx.body(), state);
  }

  private static Validation validateAdd(SignedTransaction tx, AddCredentials add, StateView state) {
    Validation official = GovernanceContract.requireOfficial(tx, state);
    if (!official.isOk()) {
      return official;
    }
    Optional<ElectionStatus> status = ElectionContract.status(state, add.electionId());
    if (status.isEmpty()) {
      return Validation.reject(UNKNOWN_ELECTION, "no election " + add.electionId());
    }
    if (Meetings.isMeeting(state, add.electionId())) {
      return Validation.reject(
          WRONG_ELECTION_KIND, "a meeting has a share register, not a voter roll");
    }
    if (status.get().compareTo(ElectionStatus.OPEN) > 0) {
      return Validation.reject(ROLL_CLOSED, "the election is " + status.get());
    }
    Set<Ed25519PublicKey> seen = new HashSet<>();
    for (Ed25519PublicKey credential : add.credentials()) {
      if (!seen.add(credential)) {
        return Validation.reject(INVALID_ARGUMENT, "credential listed twice: " + credential);
      }
      if (state.get(StateKeys.rollEntry(add.electionId(), credential)).isPresent()) {
        return Validation.reject(CREDENTIAL_EXISTS, "already on the roll: " + credential);
      }
    }
    return Validation.ok();
  }

  /**
   * Check-in rules in order: election known, device known and the signer, election OPEN and block
   * time in the window, device in service and freshly attested, credential on the roll, device at
   * the credential's station, no earlier check-in.
   */
  private Validation validateCheckIn(SignedTransaction tx, CheckIn c, StateView state) {
    Optional<ElectionStatus> status = ElectionContract.status(state, c.electionId());
    if (status.isEmpty()) {
      return Validation.reject(UNKNOWN_ELECTION, "no election " + c.electionId());
    }
    Optional<DeviceRecord> found = DeviceRegistry.device(state, c.deviceId());
    if (found.isEmpty()) {
      return Validation.reject(UNKNOWN_DEVICE, "no device " + c.deviceId());
    }
    DeviceRecord device = found.get();
    if (!tx.signer().equals(device.deviceKey())) {
      return Validation.reject(UNAUTHORIZED, "check-in must be signed by the device");
    }
    if (status.get() != ElectionStatus.OPEN) {
      return Validation.reject(ELECTION_NOT_OPEN, "the election is " + status.get());
    }
    BlockContext head = Chain.head(state);
    ElectionManifest manifest = ElectionContract.manifest(state, c.electionId()).orElseThrow();
    if (head.timestamp() < manifest.votingStart() || head.timestamp() >= manifest.votingEnd()) {
      return Validation.reject(OUTSIDE_VOTING_WINDOW, "block time outside the voting window");
    }
    if (device.status() == DeviceStatus.REVOKED) {
      return Validation.reject(DEVICE_REVOKED, "device is revoked");
    }
    if (device.status() == DeviceStatus.SUSPENDED) {
      return Validation.reject(DEVICE_SUSPENDED, "device is suspended");
    }
    if (!DeviceRegistry.isAttestedAt(device, head, params)) {
      return Validation.reject(DEVICE_NOT_ATTESTED, "device has no fresh matching attestation");
    }
    Optional<String> station = station(state, c.electionId(), c.credential());
    if (station.isEmpty()) {
      return Validation.reject(UNKNOWN_CREDENTIAL, "credential not on the roll");
    }
    if (!station.get().equals(device.stationId())) {
      return Validation.reject(WRONG_STATION, "device is not at the voter's station");
    }
    if (state.get(StateKeys.checkIn(c.electionId(), c.credential())).isPresent()) {
      return Validation.reject(ALREADY_CHECKED_IN, "voter already checked in");
    }
    return Validation.ok();
  }

  @Override
  public List<Event> apply(SignedTransaction tx, StateView state, BlockContext block) {
    if (tx.body() instanceof AddCredentials add) {
      byte[] station = add.stationId().getBytes(StandardCharsets.US_ASCII);
      for (Ed25519PublicKey credential : add.credentials()) {
        state.put(StateKeys.rollEntry(add.electionId(), credential), station);
      }
      StationTurnout.read(state, add.electionId(), add.stationId())
          .withEligible(add.credentials().size())
          .write(state, add.electionId());
      return List.of(
          new Event.CredentialsAdded(add.electionId(), add.stationId(), add.credentials().size()));
    }
    CheckIn c = (CheckIn) tx.body();
    byte[] record = new CanonicalWriter().text(c.deviceId()).varint(block.height()).toByteArray();
    state.put(StateKeys.checkIn(c.electionId(), c.credential()), record);
    // Validation placed the device at the credential's station, so it is the station counted.
    String station = station(state, c.electionId(), c.credential()).orElseThrow();
    StationTurnout.read(state, c.electionId(), station).withCheckIn().write(state, c.electionId());
    return List.of(new Event.VoterCheckedIn(c.electionId(), c.credential(), c.deviceId()));
  }
}
