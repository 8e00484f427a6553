package io.votechain.consensus.sim;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.block.BlockHeader;
import io.votechain.consensus.core.BlockBuilder;
import io.votechain.consensus.message.ConsensusMessage;
import io.votechain.consensus.message.ConsensusMessage.ProposalMessage;
import io.votechain.consensus.message.ConsensusMessage.VoteMessage;
import io.votechain.consensus.message.Proposal;
import io.votechain.consensus.message.SignedProposal;
import io.votechain.consensus.message.SignedVote;
import io.votechain.consensus.message.Vote;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519Signer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The Byzantine side of a simulated validator: it rewrites what its (honest) core wants to send and
 * injects hostile messages, all correctly signed with the validator's real key where a signature is
 * needed. Deterministic given the simulation's random source.
 */
final class Adversary {
  /** A message to one peer. */
  record Send(int to, byte[] bytes) {}

  private final int self;
  private final int n;
  private final Ed25519Signer signer;
  private final Hash32 chainId;
  private final EnumSet<Behaviour> behaviours;
  private final Random random;
  private final List<byte[]> seen = new ArrayList<>();
  private final List<Hash32> seenBlockHashes = new ArrayList<>();
  private int forged;

  Adversary(
      int self,
      int n,
      Ed25519Signer signer,
      Hash32 chainId,
      EnumSet<Behaviour> behaviours,
      Random random) {
    this.self = self;
    this.n = n;
    this.signer = signer;
    this.chainId = chainId;
    this.behaviours = behaviours;
    this.random = random;
  }

  EnumSet<Behaviour> behaviours() {
    return behaviours;
  }

  void observe(byte[] incoming) {
    if (seen.size() < 400) {
      seen.add(incoming);
    } else {
      seen.set(random.nextInt(seen.size()), incoming);
    }
    try {
      if (ConsensusMessage.decode(incoming) instanceof ProposalMessage pm) {
        seenBlockHashes.add(pm.block().hash());
        if (seenBlockHashes.size() > 50) {
          seenBlockHashes.remove(0);
        }
      }
    } catch (RuntimeException e) {
      // garbage from another Byzantine node: nothing to learn
    }
  }

  /** Rewrites one message the honest core broadcasts (to every peer but itself). */
  List<Send> rewriteBroadcast(byte[] message) {
    List<Send> sends = new ArrayList<>();
    if (behaviours.contains(Behaviour.SILENT)) {
      return sends;
    }
    ConsensusMessage m = ConsensusMessage.decode(message);
    byte[] alternative = null;
    if (m instanceof VoteMessage vm
        && vm.vote().validator() == self
        && behaviours.contains(Behaviour.EQUIVOCATE_VOTES)) {
      alternative = conflictingVote(vm.vote());
    } else if (m instanceof ProposalMessage pm && pm.author() == self) {
      if (behaviours.contains(Behaviour.INVALID_PROPOSALS) && random.nextBoolean()) {
        message = invalidProposal(pm);
      }
      if (behaviours.contains(Behaviour.EQUIVOCATE_PROPOSALS)) {
        alternative = conflictingProposal(pm);
      }
    }
    for (int to = 0; to < n; to++) {
      if (to == self) {
        continue;
      }
      if (behaviours.contains(Behaviour.WITHHOLD) && random.nextInt(3) == 0) {
        continue;
      }
      boolean second = alternative != null && random.nextBoolean();
      sends.add(new Send(to, second ? alternative : message));
    }
    return sends;
  }

  /** Something hostile to send now (replay or garbage), or nothing. */
  List<Send> spontaneous() {
    List<Send> sends = new ArrayList<>();
    int to = random.nextInt(n);
    if (to == self) {
      return sends;
    }
    if (behaviours.contains(Behaviour.REPLAY) && !seen.isEmpty()) {
      sends.add(new Send(to, seen.get(random.nextInt(seen.size()))));
    }
    if (behaviours.contains(Behaviour.GARBAGE)) {
      if (!seen.isEmpty() && random.nextBoolean()) {
        byte[] copy = seen.get(random.nextInt(seen.size())).clone();
        // Another Byzantine validator's junk may have been empty: nothing to flip (soak 1022500+).
        if (copy.length > 0) {
          int i = random.nextInt(copy.length);
          copy[i] ^= (byte) (1 << random.nextInt(8));
        }
        sends.add(new Send(to, copy));
      } else {
        byte[] junk = new byte[random.nextInt(200)];
        random.nextBytes(junk);
        if (junk.length > 0) {
          junk[0] = (byte) (1 + random.nextInt(4));
        }
        sends.add(new Send(to, junk));
      }
    }
    return sends;
  }

  private byte[] conflictingVote(Vote v) {
    Optional<Hash32> other;
    if (v.isNil() && !seenBlockHashes.isEmpty()) {
      other = Optional.of(seenBlockHashes.get(random.nextInt(seenBlockHashes.size())));
    } else if (v.isNil()) {
      other = Optional.of(randomHash());
    } else if (random.nextBoolean() && !seenBlockHashes.isEmpty()) {
      other = Optional.of(seenBlockHashes.get(random.nextInt(seenBlockHashes.size())));
    } else {
      other = Optional.empty();
    }
    if (other.equals(v.blockHash())) {
      other = v.isNil() ? Optional.of(randomHash()) : Optional.empty();
    }
    Vote alt = new Vote(v.type(), v.height(), v.round(), other, v.validator());
    return new VoteMessage(new SignedVote(alt, signer.sign(alt.signBytes(chainId)))).encode();
  }

  private byte[] conflictingProposal(ProposalMessage pm) {
    Block original = pm.block();
    List<byte[]> txs = original.transactions();
    txs.add(("byz-" + self + "-" + forged++).getBytes(StandardCharsets.UTF_8));
    Block alt = rebuild(original.header(), txs, original);
    return signProposal(pm.proposal(), alt, -1);
  }

  private byte[] invalidProposal(ProposalMessage pm) {
    Block b = pm.block();
    BlockHeader h = b.header();
    List<byte[]> txs = b.transactions();
    Block bad =
        switch (random.nextInt(5)) {
          case 0 -> {
            txs.add(("bad-" + self + "-" + forged++).getBytes(StandardCharsets.UTF_8));
            yield rebuild(h, txs, b);
          }
          case 1 ->
              BlockBuilder.build(
                  chainId,
                  h.height(),
                  h.round(),
                  h.timestamp(),
                  h.previousBlockHash(),
                  randomHash(),
                  b.lastCommit(),
                  h.proposer(),
                  txs);
          case 2 ->
              BlockBuilder.build(
                  chainId,
                  h.height(),
                  h.round(),
                  h.timestamp() + 3_600_000L,
                  h.previousBlockHash(),
                  h.stateHash(),
                  b.lastCommit(),
                  h.proposer(),
                  txs);
          case 3 ->
              BlockBuilder.build(
                  chainId,
                  h.height(),
                  h.round(),
                  h.timestamp(),
                  randomHash(),
                  h.stateHash(),
                  b.lastCommit(),
                  h.proposer(),
                  txs);
          default -> {
            if (!txs.isEmpty()) {
              txs.add(txs.get(0));
            } else {
              txs.add(("bad-dup-" + forged++).getBytes(StandardCharsets.UTF_8));
            }
            yield rebuild(h, txs, b);
          }
        };
    return signProposal(pm.proposal(), bad, -1);
  }

  private Block rebuild(BlockHeader h, List<byte[]> txs, Block original) {
    return BlockBuilder.build(
        chainId,
        h.height(),
        h.round(),
        h.timestamp(),
        h.previousBlockHash(),
        h.stateHash(),
        original.lastCommit(),
        h.proposer(),
        txs);
  }

  private byte[] signProposal(Proposal original, Block block, int validRound) {
    Proposal p = new Proposal(original.height(), original.round(), validRound, block.hash(), self);
    SignedProposal sp = new SignedProposal(p, signer.sign(p.signBytes(chainId)));
    return new ProposalMessage(sp, block, List.of()).encode();
  }

  private Hash32 randomHash() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Hash32.of(b);
  }
}
