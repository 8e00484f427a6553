package io.votechain.web.official;

/**
 * What an official may do in the console (least privilege: an account holds only the roles its job
 * needs). The ledger knows no roles, only the authority's keys and its M-of-N rule; roles are the
 * console's own second line, so a registrar's stolen password cannot open an election.
 */
public enum Role {
  /** Elections: create, register trustees, propose and approve open, close, certify; tally. */
  ELECTION_OFFICER,
  /** The voter roll: upload credential lists, issue credentials. */
  REGISTRAR,
  /** Polling-station devices: provision, assign, suspend, reinstate, propose revocation. */
  DEVICE_MANAGER,
  /**
   * The authority itself: propose and approve {@code ChangeAuthority} (who the officials are and
   * their M). Separate from the officer's role because it outranks every other decision.
   */
  AUTHORITY_ADMIN
}
