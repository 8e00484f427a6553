package io.votechain.consensus.core;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.message.SignedVote;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a validator must remember across a crash to stay safe (docs/consensus.md §6): h_p,
 * round_p, step_p, lockedValue/lockedRound, validValue/validRound with its proof of lock, the sign
 * watermark, the messages it signed in this round (re-sent after a restart, since the crash may
 * have come between persisting and sending), and the round-entry proof: the messages that moved it
 * into this round (2f+1 precommits of the previous round, or f+1 messages of this one). Without the
 * proof a restarted validator sits in a round the others cannot follow it into — the simulator
 * found that deadlock. Immutable.
 */
public record SafetyState(
    long height,
    int round,
    Step step,
    int lockedRound,
    Optional<Block> lockedBlock,
    int validRound,
    Optional<Block> validBlock,
    List<SignedVote> validProofOfLock,
    SignWatermark watermark,
    List<byte[]> ownMessages,
    List<byte[]> roundEntryProof) {
  public static final int MAX_OWN_MESSAGES = 3;
  public static final int MAX_ROUND_ENTRY_PROOF = 6 * Genesis.MAX_VALIDATORS + 1;
  private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  public SafetyState {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(lockedBlock, "lockedBlock");
    Objects.requireNonNull(validBlock, "validBlock");
    Objects.requireNonNull(watermark, "watermark");
    validProofOfLock = List.copyOf(validProofOfLock);
    List<byte[]> copy = new ArrayList<>();
    for (byte[] m : ownMessages) {
      copy.add(m.clone());
    }
    ownMessages = List.copyOf(copy);
    List<byte[]> proofCopy = new ArrayList<>();
    for (byte[] m : roundEntryProof) {
      proofCopy.add(m.clone());
    }
    roundEntryProof = List.copyOf(proofCopy);
    if (lockedBlock.isPresent() != (lockedRound >= 0)
        || validBlock.isPresent() != (validRound >= 0)) {
      throw new IllegalArgumentException("lock and valid value must come with their rounds");
    }
    if (ownMessages.size() > MAX_OWN_MESSAGES || roundEntryProof.size() > MAX_ROUND_ENTRY_PROOF) {
      throw new IllegalArgumentException("too many saved messages");
    }
  }

  @Override
  public List<byte[]> roundEntryProof() {
    List<byte[]> out = new ArrayList<>();
    for (byte[] m : roundEntryProof) {
      out.add(m.clone());
    }
    return out;
  }

  @Override
  public List<byte[]> ownMessages() {
    List<byte[]> out = new ArrayList<>();
    for (byte[] m : ownMessages) {
      out.add(m.clone());
    }
    return out;
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    w.varint(height).varint(round).u8(step.ordinal());
    w.varint(lockedRound + 1L);
    lockedBlock.ifPresent(b -> b.writeTo(w));
    w.varint(validRound + 1L);
    validBlock.ifPresent(b -> b.writeTo(w));
    w.list(validProofOfLock, (x, v) -> v.writeTo(x));
    w.varint(watermark.height()).varint(watermark.round()).varint(watermark.rank() + 1L);
    w.list(ownMessages, CanonicalWriter::bytes);
    w.list(roundEntryProof, CanonicalWriter::bytes);
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
    Optional<Block> locked = lockedRound >= 0 ? Optional.of(Block.readFrom(r)) : Optional.empty();
    int validRound = (int) r.varint(Integer.MAX_VALUE) - 1;
    Optional<Block> valid = validRound >= 0 ? Optional.of(Block.readFrom(r)) : Optional.empty();
    List<SignedVote> pol = r.list(Genesis.MAX_VALIDATORS, SignedVote::readFrom);
    SignWatermark mark =
        new SignWatermark(
            r.varint(Long.MAX_VALUE), (int) r.varint(Integer.MAX_VALUE), (int) r.varint(3) - 1);
    List<byte[]> own = r.list(MAX_OWN_MESSAGES, x -> x.bytes(MAX_MESSAGE_BYTES));
    List<byte[]> proof = r.list(MAX_ROUND_ENTRY_PROOF, x -> x.bytes(MAX_MESSAGE_BYTES));
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
