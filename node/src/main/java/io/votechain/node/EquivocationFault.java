package io.votechain.node;

import io.votechain.consensus.message.ConsensusMessage;
import io.votechain.consensus.message.SignedVote;
import io.votechain.consensus.message.Vote;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Signer;
import io.votechain.encoding.EncodingException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Fault injection for the end-to-end tests: makes this validator Byzantine by equivocating. For
 * each vote for a block it sends, it also signs a nil vote for the same height, round and type, and
 * sends the block vote to the validators of even index and the nil vote to those of odd index,
 * until height {@code untilHeight} — except the {@linkplain #witness() witness}, the next validator
 * after this one, which receives both. Without a witness no honest validator need ever hold both
 * votes (on a fast network each has moved on before a relay could bring the other), so whether
 * evidence appeared was a matter of timing; with one, an honest validator sees the pair for every
 * equivocating vote, deterministically, and gossips the evidence to the others (docs/consensus.md
 * §8). Honest validators must keep agreeing. Enabled only by {@code
 * VOTECHAIN_FAULT_EQUIVOCATE_UNTIL_HEIGHT} (never set in production; the node logs a SEVERE line at
 * start when it is).
 */
final class EquivocationFault {
  private static final Logger LOG = Logger.getLogger(EquivocationFault.class.getName());
  static final String ENV = "VOTECHAIN_FAULT_EQUIVOCATE_UNTIL_HEIGHT";
  private final Hash32 chainId;
  private final int self;
  private final int validators;
  private final Signer signer;
  private final long untilHeight;

  EquivocationFault(Hash32 chainId, int self, int validators, Signer signer, long untilHeight) {
    this.chainId = chainId;
    this.self = self;
    this.validators = validators;
    this.signer = signer;
    this.untilHeight = untilHeight;
  }

  /** The fault configured in the environment, if any. */
  static Optional<EquivocationFault> fromEnvironment(
      java.util.Map<String, String> env, Hash32 chainId, int self, int validators, Signer signer) {
    String until = env.get(ENV);
    if (until == null || until.isBlank()) {
      return Optional.empty();
    }
    LOG.severe("FAULT INJECTION: this validator equivocates until height " + until);
    return Optional.of(
        new EquivocationFault(chainId, self, validators, signer, Long.parseLong(until.trim())));
  }

  /**
   * Sends {@code message} to everyone, equivocating if it is this validator's vote for a block at a
   * height within the fault's range.
   */
  void broadcast(byte[] message, ChannelSink sink) {
    Optional<SignedVote> conflicting = conflictingVote(message);
    if (conflicting.isEmpty()) {
      sink.broadcast(message);
      return;
    }
    byte[] other = new ConsensusMessage.VoteMessage(conflicting.get()).encode();
    int witness = witness();
    for (int v = 0; v < validators; v++) {
      if (v == witness) {
        sink.send(v, message);
        sink.send(v, other);
      } else if (v != self) {
        sink.send(v, v % 2 == 0 ? message : other);
      }
    }
  }

  /** The peer that receives both conflicting votes: the next validator after this one. */
  int witness() {
    return (self + 1) % validators;
  }

  private Optional<SignedVote> conflictingVote(byte[] message) {
    ConsensusMessage decoded;
    try {
      decoded = ConsensusMessage.decode(message);
    } catch (EncodingException | IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!(decoded instanceof ConsensusMessage.VoteMessage vm)) {
      return Optional.empty();
    }
    Vote vote = vm.vote();
    if (vote.validator() != self || vote.isNil() || vote.height() > untilHeight) {
      return Optional.empty();
    }
    Vote nil = new Vote(vote.type(), vote.height(), vote.round(), Optional.empty(), self);
    return Optional.of(new SignedVote(nil, signer.sign(nil.signBytes(chainId))));
  }

  /** Where the fault sends to (the channel transport). */
  interface ChannelSink {
    void broadcast(byte[] message);

    void send(int validator, byte[] message);
  }
}
