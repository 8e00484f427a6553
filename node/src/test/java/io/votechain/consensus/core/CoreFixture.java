package io.votechain.consensus.core;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.block.CommitCertificate;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.genesis.ValidatorInfo;
import io.votechain.consensus.message.ConsensusMessage;
import io.votechain.consensus.message.ConsensusMessage.ProposalMessage;
import io.votechain.consensus.message.ConsensusMessage.VoteMessage;
import io.votechain.consensus.message.Proposal;
import io.votechain.consensus.message.SignedProposal;
import io.votechain.consensus.message.SignedVote;
import io.votechain.consensus.message.Vote;
import io.votechain.consensus.message.VoteType;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.Ed25519Signer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hand-driven fixtures for core tests: a genesis of n validators with deterministic keys, cores
 * with in-memory ports, and correctly signed messages from any validator.
 */
final class CoreFixture {
  static final ConsensusConfig CONFIG =
      new ConsensusConfig(new TimeoutPolicy(100, 100, 100, 1600), 500, 1000, 100, 64 * 1024, 1024);

  final int n;
  final List<Ed25519Signer> keys = new ArrayList<>();
  final Genesis genesis;
  final Hash32 chainId;

  CoreFixture(int n) {
    this.n = n;
    List<ValidatorInfo> validators = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Ed25519Signer k =
          Ed25519Signer.fromSeed(
              Sha256.hash(("fixture-" + i).getBytes(StandardCharsets.UTF_8)).bytes());
      keys.add(k);
      validators.add(new ValidatorInfo(k.publicKey(), "10.0.0." + i + ":26656"));
    }
    genesis = new Genesis("fixture", 1_000, Hash32.ZERO, validators);
    chainId = genesis.hash();
  }

  /** Ports of one validator, kept across "crashes". */
  static final class Node {
    final InMemorySafetyStore safety = new InMemorySafetyStore();
    final InMemoryBlockStore blocks = new InMemoryBlockStore();
    final TestApplication app = new TestApplication();
    final ListMempool mempool = new ListMempool();
  }

  ConsensusCore core(int index, Node node) {
    return core(index, node, true);
  }

  ConsensusCore core(int index, Node node, boolean lockRule) {
    return new ConsensusCore(
        genesis,
        index,
        keys.get(index),
        CONFIG,
        node.safety,
        node.blocks,
        node.app.fresh(),
        node.mempool,
        (v, m, s) -> genesis.validator(v).key().verify(m, s),
        lockRule);
  }

  Block block(long height, int round, String... txs) {
    List<byte[]> list = new ArrayList<>();
    for (String t : txs) {
      list.add(t.getBytes(StandardCharsets.UTF_8));
    }
    return BlockBuilder.build(
        chainId,
        height,
        round,
        2_000 + round,
        chainId,
        Hash32.ZERO,
        Optional.empty(),
        genesis.proposer(height, round),
        list);
  }

  byte[] proposal(Block b, int round, int validRound, List<SignedVote> pol) {
    int proposer = genesis.proposer(b.height(), round);
    Proposal p = new Proposal(b.height(), round, validRound, b.hash(), proposer);
    return new ProposalMessage(
            new SignedProposal(p, keys.get(proposer).sign(p.signBytes(chainId))), b, pol)
        .encode();
  }

  SignedVote vote(int from, VoteType type, long height, int round, Block b) {
    Vote v = new Vote(type, height, round, Optional.ofNullable(b).map(Block::hash), from);
    return new SignedVote(v, keys.get(from).sign(v.signBytes(chainId)));
  }

  byte[] voteBytes(int from, VoteType type, long height, int round, Block b) {
    return new VoteMessage(vote(from, type, height, round, b)).encode();
  }

  CommitCertificate certificate(Block b, int round, int... signers) {
    List<SignedVote> votes = new ArrayList<>();
    for (int s : signers) {
      votes.add(vote(s, VoteType.PRECOMMIT, b.height(), round, b));
    }
    return CommitCertificate.of(votes);
  }

  static Input.MessageReceived receive(byte[] bytes) {
    return new Input.MessageReceived(bytes, 2_100);
  }

  /** The votes among the outputs, decoded. */
  static List<Vote> votes(List<Output> outputs) {
    List<Vote> out = new ArrayList<>();
    for (Output o : outputs) {
      if (o instanceof Output.Broadcast b
          && ConsensusMessage.decode(b.message()) instanceof VoteMessage vm) {
        out.add(vm.vote());
      }
    }
    return out;
  }

  /** A deterministic application: rejects "bad" transactions, state hash chains applied roots. */
  static final class TestApplication implements Application {
    private final List<Block> applied = new ArrayList<>();

    TestApplication fresh() {
      applied.clear();
      return this;
    }

    @Override
    public TxCheck validateTx(byte[] transaction) {
      return new String(transaction, StandardCharsets.UTF_8).startsWith("bad")
          ? TxCheck.reject("invalid")
          : TxCheck.OK;
    }

    @Override
    public void apply(Block block) {
      applied.add(block);
    }

    @Override
    public long lastAppliedHeight() {
      return applied.size();
    }

    @Override
    public Hash32 stateHash() {
      return applied.isEmpty()
          ? Hash32.ZERO
          : Sha256.hash(applied.get(applied.size() - 1).hash().bytes());
    }
  }

  /** A mempool over a list. */
  static final class ListMempool implements Mempool {
    final Map<String, byte[]> pending = new LinkedHashMap<>();

    void add(String tx) {
      pending.put(tx, tx.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public List<byte[]> reap(int maxCount, int maxBytes) {
      return new ArrayList<>(pending.values()).subList(0, Math.min(maxCount, pending.size()));
    }
  }
}
