package io.votechain.consensus.sim;

/** What a Byzantine validator in a simulation does on top of running an honest core. */
enum Behaviour {
  /** Sends nothing at all (crashed from the others' point of view, but keeps its state). */
  SILENT,
  /** Sends each of its messages to a random subset of peers only. */
  WITHHOLD,
  /** For each of its votes, sends a conflicting signed vote to half of the peers. */
  EQUIVOCATE_VOTES,
  /** As proposer, sends a different valid block to half of the peers. */
  EQUIVOCATE_PROPOSALS,
  /** As proposer, proposes invalid blocks (bad transaction, state hash, timestamp, certificate). */
  INVALID_PROPOSALS,
  /** Re-sends old messages it has seen, at random times, to random peers. */
  REPLAY,
  /** Sends random bytes and bit-flipped copies of real messages. */
  GARBAGE
}
