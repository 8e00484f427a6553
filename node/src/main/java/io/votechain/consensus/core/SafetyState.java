package io.votechain.consensus.core;

import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.message.SignedVote;
import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a validator must remember across a crash to stay safe (docs/consensus.md §6): h_p,
 * round_p, step_p, lockedRound and id(lockedValue), validRound and id(validValue) with its proof of
 * lock, the sign watermark, the messages it signed in this round (re-sent after a restart, since
 * the crash may have come between persisting and sending), and the round-entry proof: the messages
 * that moved it into this round (2f+1 precommits of the previous round, or f+1 messages of this
 * one). Without the proof a restarted validator sits in a round the others cannot follow it into —
 * the simulator found that deadlock.
 *
 * <p>Blocks appear only by hash: the lock needs nothing more (line 23 compares ids), and the bodies
 * a restart does need — validValue to re-propose, its own and the round-entry proposals to re-send
 * — are saved once each beside the state ({@link #blockHashes()}, {@link SafetyStore#save}). So the
 * state fsynced before every vote is a few hundred bytes whatever the block size. Immutable.
 */
public record SafetyState(
    long height,
    int round,
    Step step,
    int lockedRound,
    Optional<Hash32> lockedBlock,
    int validRound,
    Optional<Hash32> validBlock,
    List<SignedVote> validProofOfLock,
    SignWatermark watermark,
    List<SavedMessage> ownMessages,
    List<SavedMessage> roundEntryProof) {
  public static final int MAX_OWN_MESSAGES = 3;
  public static final int MAX_ROUND_ENTRY_PROOF = 6 * Genesis.MAX_VALIDATORS + 1;

  public SafetyState {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(lockedBlock, "lockedBlock");
    Objects.requireNonNull(validBlock, "validBlock");
    Objects.requireNonNull(watermark, "watermark");
    validProofOfLock = List.copyOf(validProofOfLock);
    ownMessages = List.copyOf(ownMessages);
    roundEntryProof = List.copyOf(roundEntryProof);
    if (lockedBlock.isPresent() != (lockedRound >= 0)
        || validBlock.isPresent() != (validRound >= 0)) {
      throw new IllegalArgumentException("lock and valid value must come with their rounds");
    }
    if (validProofOfLock.size() > Genesis.MAX_VALIDATORS
        || ownMessages.size() > MAX_OWN_MESSAGES
        || roundEntryProof.size() > MAX_ROUND_ENTRY_PROOF) {
      throw new IllegalArgumentException("too many saved messages");
    }
  }

  /**
   * The blocks whose bodies must be saved with this state, in a fixed order: validValue, then the
   * proposals among its own messages and its round-entry proof. The locked block is not among them
   * unless it is also one of those: its id is all the lock rule uses.
   */
  public List<Hash32> blockHashes() {
    Set<Hash32> hashes = new LinkedHashSet<>();
    validBlock.ifPresent(hashes::add);
    for (List<SavedMessage> list : List.of(ownMessages, roundEntryProof)) {
      for (SavedMessage m : list) {
        if (m instanceof SavedMessage.Proposal p) {
          hashes.add(p.blockHash());
        }
      }
    }
    return List.copyOf(new ArrayList<>(hashes));
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    w.varint(height).varint(round).u8(step.ordinal());
    w.varint(lockedRound + 1L);
    lockedBlock.ifPresent(h -> w.fixed(h.bytes()));
    w.varint(validRound + 1L);
    validBlock.ifPresent(h -> w.fixed(h.bytes()));
    w.list(validProofOfLock, (x, v) -> v.writeTo(x));
    w.varint(watermark.height()).varint(watermark.round()).varint(watermark.rank() + 1L);
    w.list(ownMessages, (x, m) -> m.writeTo(x));
    w.list(roundEntryProof, (x, m) -> m.writeTo(x));
    return w.toByteArray();
  }

  public static SafetyState decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    long height = r.varint(Long.MAX_VALUE);
    int round = (int) r.varint(Integer.MAX_VALUE);
    int stepIndex = r.u8();
    if (stepIndex >= Step.values().length) {
      throw CanonicalReader.unknownTag("step", stepIndex);
    }
    int lockedRound = (int) r.varint(Integer.MAX_VALUE) - 1;
    Optional<Hash32> locked =
        lockedRound >= 0 ? Optional.of(Hash32.of(r.fixed(Hash32.LENGTH))) : Optional.empty();
    int validRound = (int) r.varint(Integer.MAX_VALUE) - 1;
    Optional<Hash32> valid =
        validRound >= 0 ? Optional.of(Hash32.of(r.fixed(Hash32.LENGTH))) : Optional.empty();
    List<SignedVote> pol = r.list(Genesis.MAX_VALIDATORS, SignedVote::readFrom);
    SignWatermark mark =
        new SignWatermark(
            r.varint(Long.MAX_VALUE), (int) r.varint(Integer.MAX_VALUE), (int) r.varint(3) - 1);
    List<SavedMessage> own = r.list(MAX_OWN_MESSAGES, SavedMessage::readFrom);
    List<SavedMessage> proof = r.list(MAX_ROUND_ENTRY_PROOF, SavedMessage::readFrom);
    r.finish();
    try {
      return new SafetyState(
          height,
          round,
          Step.values()[stepIndex],
          lockedRound,
          locked,
          validRound,
          valid,
          pol,
          mark,
          own,
          proof);
    } catch (IllegalArgumentException e) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, e.getMessage());
    }
  }
}
