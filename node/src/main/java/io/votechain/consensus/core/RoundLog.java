package io.votechain.consensus.core;

import io.votechain.consensus.message.ConsensusMessage.ProposalMessage;
import java.util.BitSet;

/**
 * The message log of one round of the current height: the proposal from proposer(h, r), prevotes,
 * precommits, which validators sent anything (line 55's f+1 count), and the "for the first time"
 * flags of lines 34, 36 and 47.
 */
final class RoundLog {
  ProposalMessage proposal;
  byte[] proposalBytes;
  final VoteSet prevotes = new VoteSet();
  final VoteSet precommits = new VoteSet();
  final BitSet senders = new BitSet();
  boolean prevoteTimerScheduled;
  boolean precommitTimerScheduled;
  boolean lockRuleFired;
}
