package io.votechain.web.standalone;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.block.CommittedBlock;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.message.EquivocationEvidence;
import io.votechain.consensus.validation.CertificateValidator;
import io.votechain.consensus.validation.SignatureVerifier;
import io.votechain.contract.ContractExecutor;
import io.votechain.contract.GenesisConfig;
import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.EncodingException;
import io.votechain.state.InMemoryState;
import io.votechain.store.StoredBlock;
import io.votechain.store.StoredEvidence;
import java.util.Optional;

/**
 * Checks what a node says against the genesis, so that the standalone web UI shows a block only if
 * the chain's validators certified it (docs/web-ui.md §6.3): a block's bytes must decode, carry the
 * height asked for and the chain's id, match the transactions root, count and parent-certificate
 * hash of their header (so the header hash, which the certificate signs, covers every transaction
 * shown), and come with a commit certificate of a quorum of genesis validators over that hash.
 *
 * <p>What it cannot check is the node's word: state reads (a node could omit or invent a value; the
 * state hash is in the next block's header, but single values carry no proof) and the state hash
 * after the tip block. Thread safe (the signature cache is).
 */
public final class ChainVerifier {
  /** Validator keys decoded once (BouncyCastle caches its precomputation in the key). */
  private static final int SIGNATURE_CACHE = 64;

  private final Genesis genesis;
  private final Hash32 chainId;
  private final CertificateValidator certificates;

  public ChainVerifier(Genesis genesis) {
    this.genesis = genesis;
    this.chainId = genesis.hash();
    this.certificates =
        new CertificateValidator(genesis, chainId, new SignatureVerifier(genesis, SIGNATURE_CACHE));
  }

  public Genesis genesis() {
    return genesis;
  }

  /**
   * The genesis a node serves, checked: {@code encoding} decodes, hashes to {@code claimedChainId}
   * and to {@code pinned} if the operator pinned one, and {@code contracts} (required: the pages
   * need the contracts) is what the genesis's initial state hash was computed from ({@link
   * ContractExecutor#initialize}), so the contracts chain id that officials sign for is the
   * chain's.
   */
  public static ChainVerifier ofGenesis(
      byte[] encoding,
      String claimedChainId,
      Optional<GenesisConfig> contracts,
      Optional<Hash32> pinned) {
    Genesis genesis;
    try {
      genesis = Genesis.decode(encoding);
    } catch (EncodingException | IllegalArgumentException e) {
      throw new NodeAnswerException(NodeAnswerError.NODE_ANSWER_MALFORMED, "genesis encoding", e);
    }
    Hash32 id = genesis.hash();
    if (!id.hex().equalsIgnoreCase(claimedChainId)) {
      throw new NodeAnswerException(
          NodeAnswerError.NODE_GENESIS_MISMATCH, "encoding hashes to " + id.hex());
    }
    if (pinned.isPresent() && !pinned.get().equals(id)) {
      throw new NodeAnswerException(
          NodeAnswerError.NODE_GENESIS_MISMATCH,
          "chain " + id.hex() + ", expected " + pinned.get().hex());
    }
    if (contracts.isEmpty()) {
      throw new NodeAnswerException(
          NodeAnswerError.NODE_CONTRACTS_MISMATCH, "the node runs no voting contracts");
    }
    Hash32 initial = new ContractExecutor(contracts.get()).initialize(new InMemoryState());
    if (!initial.equals(genesis.initialStateHash())) {
      throw new NodeAnswerException(
          NodeAnswerError.NODE_CONTRACTS_MISMATCH,
          "contracts hash to " + initial.hex() + ", genesis says " + genesis.initialStateHash());
    }
    return new ChainVerifier(genesis);
  }

  /**
   * The block at {@code height} from its {@code CommittedBlock} bytes, as the store would return
   * it, or the reason it is refused. {@code stateHash} (after the block) is the node's word.
   */
  public StoredBlock block(long height, byte[] committedBlock, Hash32 stateHash) {
    CommittedBlock committed;
    try {
      CanonicalReader r = new CanonicalReader(committedBlock);
      committed = CommittedBlock.readFrom(r);
      r.finish();
    } catch (EncodingException | IllegalArgumentException e) {
      throw new NodeAnswerException(NodeAnswerError.NODE_BLOCK_MALFORMED, "height " + height, e);
    }
    Block block = committed.block();
    if (block.height() != height) {
      throw new NodeAnswerException(
          NodeAnswerError.NODE_BLOCK_WRONG_HEIGHT,
          "asked " + height + ", header says " + block.height());
    }
    if (!block.header().chainId().equals(chainId)) {
      throw new NodeAnswerException(NodeAnswerError.NODE_BLOCK_WRONG_CHAIN, "height " + height);
    }
    if (block.header().transactionCount() != block.transactionCount()
        || !block.header().transactionsRoot().equals(Block.transactionsRoot(block.transactions()))
        || !block.header().lastCommitHash().equals(Block.lastCommitHash(block.lastCommit()))) {
      throw new NodeAnswerException(NodeAnswerError.NODE_BLOCK_BODY_MISMATCH, "height " + height);
    }
    if (!certificates.validate(committed.certificate(), height, block.hash()).accepted()) {
      throw new NodeAnswerException(NodeAnswerError.NODE_BLOCK_BAD_CERTIFICATE, "height " + height);
    }
    return new StoredBlock(
        height, block.hash(), block.encode(), committed.certificate().encode(), stateHash);
  }

  /**
   * A piece of equivocation evidence: its encoding hashes to the key it is served under and proves
   * what it claims (both messages validly signed by the offender for one slot).
   */
  public StoredEvidence evidence(Hash32 hash, byte[] encoding) {
    EquivocationEvidence.Checked checked =
        EquivocationEvidence.checkEncoded(encoding, genesis, chainId);
    if (!checked.ok() || !checked.evidence().orElseThrow().hash().equals(hash)) {
      throw new NodeAnswerException(NodeAnswerError.NODE_EVIDENCE_INVALID, hash.hex());
    }
    return new StoredEvidence(hash, encoding);
  }
}
