package io.votechain.tx;

import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.meeting.MeetingManifest;
import java.util.List;
import java.util.Objects;

/**
 * The critical actions that need M-of-N officials (docs/contracts.md §4.1). They travel only inside
 * a {@link Propose} transaction and execute when the M-th approval arrives. Encoded as a tag byte
 * and the record's fields.
 */
public sealed interface GovernedAction {
  /** Tags are part of the protocol: never reuse one. */
  enum Kind {
    CREATE_ELECTION(1),
    AMEND_ELECTION(2),
    REGISTER_TRUSTEES(3),
    OPEN_ELECTION(4),
    CLOSE_ELECTION(5),
    CERTIFY_ELECTION(6),
    REVOKE_DEVICE(7),
    CREATE_MEETING(8),
    CHANGE_AUTHORITY(9),
    RESTART_KEY_CEREMONY(10);

    private final int tag;

    Kind(int tag) {
      this.tag = tag;
    }

    public int tag() {
      return tag;
    }

    static Kind ofTag(int tag) {
      for (Kind k : values()) {
        if (k.tag == tag) {
          return k;
        }
      }
      return null;
    }
  }

  Kind kind();

  void writeFields(CanonicalWriter w);

  default void writeTo(CanonicalWriter w) {
    w.u8(kind().tag());
    writeFields(w);
  }

  static GovernedAction readFrom(CanonicalReader r) {
    int tag = r.u8();
    Kind kind = Kind.ofTag(tag);
    if (kind == null) {
      throw CanonicalReader.unknownTag("governed action", tag);
    }
    return switch (kind) {
      case CREATE_ELECTION -> new CreateElection(ElectionManifest.readFrom(r));
      case AMEND_ELECTION -> new AmendElection(ElectionManifest.readFrom(r));
      case REGISTER_TRUSTEES ->
          new RegisterTrustees(
              r.text(Identifiers.MAX_LENGTH),
              r.list(RegisterTrustees.MAX_TRUSTEES, Keys::readEd25519),
              (int) r.varint(RegisterTrustees.MAX_TRUSTEES));
      case OPEN_ELECTION -> new OpenElection(r.text(Identifiers.MAX_LENGTH));
      case CLOSE_ELECTION -> new CloseElection(r.text(Identifiers.MAX_LENGTH));
      case CERTIFY_ELECTION -> new CertifyElection(r.text(Identifiers.MAX_LENGTH));
      case REVOKE_DEVICE ->
          new RevokeDevice(r.text(Identifiers.MAX_LENGTH), r.text(SuspendDevice.MAX_REASON_BYTES));
      case CREATE_MEETING -> new CreateMeeting(MeetingManifest.readFrom(r));
      case CHANGE_AUTHORITY ->
          new ChangeAuthority(
              r.list(ChangeAuthority.MAX_OFFICIALS, Keys::readEd25519),
              (int) r.varint(ChangeAuthority.MAX_OFFICIALS));
      case RESTART_KEY_CEREMONY ->
          new RestartKeyCeremony(
              r.text(Identifiers.MAX_LENGTH),
              r.list(RegisterTrustees.MAX_TRUSTEES, Keys::readEd25519),
              (int) r.varint(RegisterTrustees.MAX_TRUSTEES));
    };
  }

  /** Creates an election in DRAFT from its manifest. */
  record CreateElection(ElectionManifest manifest) implements GovernedAction {
    public CreateElection {
      Objects.requireNonNull(manifest, "manifest");
    }

    @Override
    public Kind kind() {
      return Kind.CREATE_ELECTION;
    }

    @Override
    public void writeFields(CanonicalWriter w) {
      manifest.writeTo(w);
    }
  }

  /** Replaces the manifest of an election still in DRAFT (same election id). */
  record AmendElection(ElectionManifest manifest) implements GovernedAction {
    public AmendElection {
      Objects.requireNonNull(manifest, "manifest");
    }

    @Override
    public Kind kind() {
      return Kind.AMEND_ELECTION;
    }

    @Override
    public void writeFields(CanonicalWriter w) {
      manifest.writeTo(w);
    }
  }

  /** Registers the trustees and their threshold k; moves DRAFT to KEY_CEREMONY. */
  record RegisterTrustees(String electionId, List<Ed25519PublicKey> trustees, int threshold)
      implements GovernedAction {
    public static final int MAX_TRUSTEES = 9;

    public RegisterTrustees {
      Identifiers.require(electionId, "election id");
      trustees = List.copyOf(trustees);
      if (trustees.size() > MAX_TRUSTEES || threshold < 0) {
        throw new IllegalArgumentException("at most " + MAX_TRUSTEES + " trustees");
      }
    }

    @Override
    public Kind kind() {
      return Kind.REGISTER_TRUSTEES;
    }

    @Override
    public void writeFields(CanonicalWriter w) {
      w.text(electionId).list(trustees, (cw, k) -> k.writeTo(cw)).varint(threshold);
    }
  }

  /** KEY_CEREMONY to OPEN, once the joint election key exists. */
  record OpenElection(String electionId) implements GovernedAction {
    public OpenElection {
      Identifiers.require(electionId, "election id");
    }

    @Override
    public Kind kind() {
      return Kind.OPEN_ELECTION;
    }

    @Override
    public void writeFields(CanonicalWriter w) {
      w.text(electionId);
    }
  }

  /** OPEN to CLOSED, at or after the end of the voting window. */
  record CloseElection(String electionId) implements GovernedAction {
    public CloseElection {
      Identifiers.require(electionId, "election id");
    }

    @Override
    public Kind kind() {
      return Kind.CLOSE_ELECTION;
    }

    @Override
    public void writeFields(CanonicalWriter w) {
      w.text(electionId);
    }
  }

  /** TALLIED to CERTIFIED. */
  record CertifyElection(String electionId) implements GovernedAction {
    public CertifyElection {
      Identifiers.require(electionId, "election id");
    }

    @Override
    public Kind kind() {
      return Kind.CERTIFY_ELECTION;
    }

    @Override
    public void writeFields(CanonicalWriter w) {
      w.text(electionId);
    }
  }

  /** Revokes a device for good; its ballots stop counting. */
  record RevokeDevice(String deviceId, String reason) implements GovernedAction {
    public RevokeDevice {
      Identifiers.require(deviceId, "device id");
      if (reason == null || reason.length() > SuspendDevice.MAX_REASON_BYTES / 4) {
        throw new IllegalArgumentException("reason too long");
      }
    }

    @Override
    public Kind kind() {
      return Kind.REVOKE_DEVICE;
    }

    @Override
    public void writeFields(CanonicalWriter w) {
      w.text(deviceId).text(reason);
    }
  }

  /**
   * Creates a shareholder meeting in DRAFT: an election whose manifest is the meeting's embedded
   * one, plus the meeting terms (docs/contracts.md §8.1).
   */
  record CreateMeeting(MeetingManifest manifest) implements GovernedAction {
    public CreateMeeting {
      Objects.requireNonNull(manifest, "manifest");
    }

    @Override
    public Kind kind() {
      return Kind.CREATE_MEETING;
    }

    @Override
    public void writeFields(CanonicalWriter w) {
      manifest.writeTo(w);
    }
  }

  /**
   * Replaces the election authority: the officials and the M of the M-of-N rule (docs/contracts.md
   * §4.1). Approved by M officials of the current authority; the new one governs from the next
   * transaction on.
   */
  record ChangeAuthority(List<Ed25519PublicKey> officials, int threshold)
      implements GovernedAction {
    /** As at genesis (GenesisConfig.MAX_OFFICIALS). */
    public static final int MAX_OFFICIALS = 64;

    public ChangeAuthority {
      officials = List.copyOf(officials);
      if (officials.size() > MAX_OFFICIALS || threshold < 0) {
        throw new IllegalArgumentException("at most " + MAX_OFFICIALS + " officials");
      }
    }

    @Override
    public Kind kind() {
      return Kind.CHANGE_AUTHORITY;
    }

    @Override
    public void writeFields(CanonicalWriter w) {
      w.list(officials, (cw, k) -> k.writeTo(cw)).varint(threshold);
    }
  }

  /**
   * Restarts the key ceremony of an election blocked by an unanswered complaint, with a new trustee
   * set that excludes every accused dealer that did not answer (docs/contracts.md §4.5). Stays in
   * KEY_CEREMONY; the ceremony round increases, so every trustee must deal afresh.
   */
  record RestartKeyCeremony(String electionId, List<Ed25519PublicKey> trustees, int threshold)
      implements GovernedAction {
    public RestartKeyCeremony {
      Identifiers.require(electionId, "election id");
      trustees = List.copyOf(trustees);
      if (trustees.size() > RegisterTrustees.MAX_TRUSTEES || threshold < 0) {
        throw new IllegalArgumentException(
            "at most " + RegisterTrustees.MAX_TRUSTEES + " trustees");
      }
    }

    @Override
    public Kind kind() {
      return Kind.RESTART_KEY_CEREMONY;
    }

    @Override
    public void writeFields(CanonicalWriter w) {
      w.text(electionId).list(trustees, (cw, k) -> k.writeTo(cw)).varint(threshold);
    }
  }
}
