package io.votechain.verifier;

/**
 * The checks of the independent verifier, in report order (docs/election-record.md §5). Each step
 * passes only if every item it covers passes.
 */
public enum Step {
  RECORD("record well-formed, complete, version 2"),
  CHAIN("headers chain by hash from the genesis"),
  CERTIFICATES("every block committed by a quorum of validator signatures"),
  INCLUSION("every transaction included in its block (Merkle audit path)"),
  TRANSACTIONS("every transaction decodes, concerns the election and is signed for this chain"),
  GOVERNANCE(
      "manifest and lifecycle approved by M of N officials; manifest and status as published"),
  KEY_CEREMONY("announcements valid, joint key and extended base hash recomputed"),
  ELIGIBILITY("ballots cast while open, in the window, by credentials on the roll"),
  DEVICES(
      "device registry replayed; in-person ballots, check-ins and challenges signed by a"
          + " registered, attested device of the voter's station"),
  BALLOT_PROOFS("every cast ballot's proofs valid (batch verification)"),
  UNIQUENESS("no ballot hash or ballot id recorded twice"),
  REVOTE("the counted ballots follow the re-vote policy (meetings: and the proxy rule)"),
  AGGREGATE("the aggregate is the homomorphic sum of the counted ballots"),
  SPOILED("every spoiled ballot is valid and its nonces open it to the stated plaintext"),
  DECRYPTIONS("every partial decryption's proof valid"),
  RESULT("combination and discrete log give the published result"),
  MEETING(
      "share register, proxies and the meeting decision (quorum, thresholds) recomputed exactly");

  private final String description;

  Step(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
