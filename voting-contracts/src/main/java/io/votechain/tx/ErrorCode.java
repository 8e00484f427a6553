package io.votechain.tx;

/**
 * The outcome codes of transaction validation, shared by the contracts, the HTTP API and the MQTT
 * receipts (docs/error-codes.md). Numbers and names are part of the public protocol: never renumber
 * or reuse one; add new codes at the end of their group.
 */
public enum ErrorCode {
  OK(0, 200, "accepted"),

  // 1-9: envelope
  MALFORMED_TRANSACTION(1, 400, "the bytes are not a canonical transaction encoding"),
  TRANSACTION_TOO_LARGE(2, 413, "the transaction exceeds the maximum size of its kind"),
  BAD_SIGNATURE(3, 401, "the signature does not verify over the transaction for this chain"),
  BAD_NONCE(4, 409, "the nonce is not the signer's next sequence number"),
  UNAUTHORIZED(5, 403, "the signer may not submit this kind of transaction"),
  INVALID_ARGUMENT(6, 400, "a field is well-formed but not acceptable"),

  // 10-19: governance
  NOT_AN_OFFICIAL(10, 403, "the signer is not an official of the election authority"),
  UNKNOWN_PROPOSAL(11, 404, "no proposal with this id"),
  PROPOSAL_EXPIRED(12, 409, "the proposal's expiry height has passed"),
  DUPLICATE_APPROVAL(13, 409, "this official has already approved the proposal"),
  PROPOSAL_ALREADY_EXECUTED(14, 409, "the proposal has already been executed"),
  INVALID_EXPIRY(15, 400, "the expiry height is not within the allowed proposal lifetime"),
  INVALID_AUTHORITY(16, 400, "the new authority's officials or threshold are not acceptable"),

  // 20-29: election
  INVALID_MANIFEST(20, 400, "the election manifest breaks a manifest rule"),
  ELECTION_EXISTS(21, 409, "an election with this id already exists"),
  UNKNOWN_ELECTION(22, 404, "no election with this id"),
  ILLEGAL_TRANSITION(23, 409, "the election's lifecycle does not allow this step now"),
  ELECTION_KEY_MISSING(24, 409, "the key ceremony has not produced the joint election key"),
  INVALID_TRUSTEES(25, 400, "the trustee set or its threshold is not acceptable"),
  OUTSIDE_VOTING_WINDOW(26, 409, "the block time is outside the election's voting window"),
  WRONG_ELECTION_STATUS(27, 409, "the election's status does not allow this transaction"),

  // 30-49: device registry
  UNKNOWN_DEVICE(30, 404, "no device with this id"),
  DEVICE_EXISTS(31, 409, "a device with this id is already provisioned"),
  DEVICE_REVOKED(32, 409, "the device is revoked"),
  DEVICE_SUSPENDED(33, 409, "the device is suspended"),
  NOT_CUSTODIAN(34, 403, "the signer is not the device's current custodian"),
  BAD_CUSTODY_SIGNATURE(35, 401, "the receiving custodian's signature does not verify"),
  BAD_ATTESTATION_SIGNATURE(36, 401, "the attestation evidence is not signed by the device key"),
  MEASUREMENT_MISMATCH(37, 422, "the attested software measurement differs from the reference"),
  STALE_ATTESTATION_NONCE(38, 409, "the attestation nonce is not a recent block hash"),
  COUNTER_NOT_INCREASING(39, 409, "the attestation counter does not exceed the last one"),
  DEVICE_NOT_ATTESTED(40, 409, "the device has no fresh, matching attestation"),
  DEVICE_NOT_SUSPENDED(41, 409, "the device is not suspended"),

  // 50-59: voter roll
  UNKNOWN_CREDENTIAL(50, 404, "the credential is not on the election's roll"),
  CREDENTIAL_EXISTS(51, 409, "the credential is already on the election's roll"),
  WRONG_STATION(52, 403, "the device is not assigned to the voter's polling station"),
  ALREADY_CHECKED_IN(53, 409, "the voter has already checked in"),
  ROLL_CLOSED(54, 409, "the election no longer accepts changes to its roll"),
  ELECTION_NOT_OPEN(55, 409, "the election is not open for voting"),
  ALREADY_VOTED(56, 409, "the election allows one ballot per credential and one was cast"),
  IN_PERSON_VOTE_FINAL(57, 409, "an in-person ballot was cast and cannot be superseded"),

  // 60-69: ballot box
  BALLOT_INVALID(60, 422, "the encrypted ballot does not fit the election or a proof fails"),
  DUPLICATE_BALLOT(61, 409, "a ballot with this id or this hash is already recorded"),
  NOT_CHECKED_IN(62, 409, "the in-person voter has not been checked in"),
  SPOILED_BALLOT_MISMATCH(63, 422, "the spoiled ballot does not encrypt the disclosed plaintext"),

  // 70-79: key ceremony and tally
  NOT_A_TRUSTEE(70, 403, "the signer is not the election's trustee at this index"),
  DUPLICATE_ANNOUNCEMENT(71, 409, "this trustee has already announced its key"),
  INVALID_ANNOUNCEMENT(72, 422, "a commitment or key proof of the announcement fails"),
  DUPLICATE_DECRYPTION(73, 409, "this trustee has already published its partial decryptions"),
  INVALID_DECRYPTION(74, 422, "a partial decryption does not match the tally or its proof fails"),
  CEREMONY_ROUND_NOT_READY(75, 409, "the key ceremony has not reached this round"),
  DUPLICATE_SHARES(76, 409, "this trustee has already published its encrypted shares"),
  DUPLICATE_COMPLAINT(77, 409, "this complaint has already been made"),
  UNKNOWN_COMPLAINT(78, 404, "no unresolved complaint of this recipient against this dealer"),
  INVALID_DISCLOSURE(79, 422, "the disclosed share is not on the dealer's committed polynomial"),

  // 80-89: shareholder meeting
  UNKNOWN_MEETING(80, 404, "no shareholder meeting with this id"),
  INVALID_MEETING(81, 400, "the meeting manifest breaks a meeting rule"),
  UNKNOWN_HOLDER(82, 404, "the credential is not on the meeting's share register"),
  HOLDER_EXISTS(83, 409, "the credential is already on the meeting's share register"),
  REGISTER_CLOSED(84, 409, "the meeting's share register is frozen"),
  NOT_A_PROXY(85, 403, "the signer is neither the holder nor the holder's proxy"),
  PROXY_NOT_APPOINTED(86, 409, "the holder has no proxy to revoke"),
  HOLDER_HAS_VOTED(87, 409, "the holder has voted in person; the proxy's vote cannot count"),
  WRONG_ELECTION_KIND(88, 409, "the transaction does not apply to this kind of election"),
  INVALID_PROXY(89, 400, "the proxy appointment is not acceptable"),

  // 90-99: key ceremony (continued)
  CEREMONY_NOT_BLOCKED(90, 409, "no complaint is unanswered: the key ceremony cannot be restarted");

  private final int number;
  private final int httpStatus;
  private final String meaning;

  ErrorCode(int number, int httpStatus, String meaning) {
    this.number = number;
    this.httpStatus = httpStatus;
    this.meaning = meaning;
  }

  public int number() {
    return number;
  }

  /** The HTTP status the node's API answers with for this code. */
  public int httpStatus() {
    return httpStatus;
  }

  public String meaning() {
    return meaning;
  }

  /** The code with this number, or {@code null}; for clients decoding receipts. */
  public static ErrorCode ofNumber(int number) {
    for (ErrorCode code : values()) {
      if (code.number == number) {
        return code;
      }
    }
    return null;
  }
}
