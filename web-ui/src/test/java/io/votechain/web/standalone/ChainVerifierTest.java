package io.votechain.web.standalone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.block.BlockHeader;
import io.votechain.consensus.block.CommitCertificate;
import io.votechain.consensus.block.CommittedBlock;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.genesis.ValidatorInfo;
import io.votechain.consensus.message.SignedVote;
import io.votechain.consensus.message.Vote;
import io.votechain.consensus.message.VoteType;
import io.votechain.contract.ChainParams;
import io.votechain.contract.GenesisConfig;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.node.ContractsStateMachine;
import io.votechain.store.StoredBlock;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What the standalone web UI accepts from a node: blocks certified by a quorum of the genesis
 * validators whose bytes match their header, and a genesis that hashes to its chain id and to its
 * contracts; every other answer is refused with its code.
 */
class ChainVerifierTest {
  private static final byte[] TX_A = filled(40, 0x5A);
  private static final byte[] TX_B = filled(24, 0x3C);

  private final List<Ed25519Signer> keys = new ArrayList<>();
  private final Genesis genesis;

  ChainVerifierTest() throws Exception {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(7);
    List<ValidatorInfo> validators = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Ed25519Signer k = Ed25519Signer.generate(random);
      keys.add(k);
      validators.add(new ValidatorInfo(k.publicKey(), "127.0.0.1:" + (9000 + i)));
    }
    genesis = new Genesis("standalone-test", 0, Hash32.ZERO, validators);
  }

  private static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }

  private Block block(long height, Hash32 chain) {
    List<byte[]> txs = List.of(TX_A, TX_B);
    BlockHeader header =
        new BlockHeader(
            chain,
            height,
            0,
            1_000,
            Hash32.ZERO,
            Block.transactionsRoot(txs),
            txs.size(),
            Hash32.ZERO,
            Hash32.ZERO,
            1);
    return new Block(header, txs, Optional.empty());
  }

  private CommitCertificate certificate(Block b, int... signers) {
    List<SignedVote> votes = new ArrayList<>();
    for (int s : signers) {
      Vote v = new Vote(VoteType.PRECOMMIT, b.height(), 0, Optional.of(b.hash()), s);
      votes.add(new SignedVote(v, keys.get(s).sign(v.signBytes(genesis.hash()))));
    }
    return CommitCertificate.of(votes);
  }

  private static byte[] encoding(Block b, CommitCertificate c) {
    CanonicalWriter w = new CanonicalWriter();
    new CommittedBlock(b, c).writeTo(w);
    return w.toByteArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  private static void refused(NodeAnswerError expected, Executable check) {
    assertEquals(expected, assertThrows(NodeAnswerException.class, check).error());
  }

  @Nested
  class Blocks {
    private final ChainVerifier verifier = new ChainVerifier(genesis);

    @Test
    void aCertifiedBlockIsReturnedAsTheStoreWouldReturnIt() {
      Block b = block(5, genesis.hash());
      CommitCertificate c = certificate(b, 0, 1, 3);
      Hash32 state = Hash32.of(filled(32, 7));
      StoredBlock stored = verifier.block(5, encoding(b, c), state);
      assertEquals(new StoredBlock(5, b.hash(), b.encode(), c.encode(), state), stored);
      assertArrayEquals(TX_B, Block.decode(stored.block()).transaction(1));
    }

    @Test
    void aFlippedTransactionByteIsABodyMismatch() {
      Block b = block(5, genesis.hash());
      byte[] bytes = encoding(b, certificate(b, 0, 1, 2));
      bytes[indexOf(bytes, TX_A) + 3] ^= 1;
      refused(
          NodeAnswerError.NODE_BLOCK_BODY_MISMATCH, () -> verifier.block(5, bytes, Hash32.ZERO));
    }

    @Test
    void aFlippedSignatureByteIsABadCertificate() {
      Block b = block(5, genesis.hash());
      byte[] bytes = encoding(b, certificate(b, 0, 1, 2));
      bytes[bytes.length - 1] ^= 1;
      refused(
          NodeAnswerError.NODE_BLOCK_BAD_CERTIFICATE, () -> verifier.block(5, bytes, Hash32.ZERO));
    }

    @Test
    void fewerSignaturesThanAQuorumAreABadCertificate() {
      Block b = block(5, genesis.hash());
      byte[] bytes = encoding(b, certificate(b, 0, 2));
      refused(
          NodeAnswerError.NODE_BLOCK_BAD_CERTIFICATE, () -> verifier.block(5, bytes, Hash32.ZERO));
    }

    @Test
    void anotherHeightsBlockIsRefused() {
      Block b = block(5, genesis.hash());
      byte[] bytes = encoding(b, certificate(b, 0, 1, 2));
      refused(NodeAnswerError.NODE_BLOCK_WRONG_HEIGHT, () -> verifier.block(6, bytes, Hash32.ZERO));
    }

    @Test
    void anotherChainsBlockIsRefused() {
      Block b = block(5, Hash32.of(filled(32, 1)));
      byte[] bytes = encoding(b, certificate(b, 0, 1, 2));
      refused(NodeAnswerError.NODE_BLOCK_WRONG_CHAIN, () -> verifier.block(5, bytes, Hash32.ZERO));
    }

    @Test
    void truncatedOrTrailingBytesAreMalformed() {
      Block b = block(5, genesis.hash());
      byte[] bytes = encoding(b, certificate(b, 0, 1, 2));
      refused(
          NodeAnswerError.NODE_BLOCK_MALFORMED,
          () -> verifier.block(5, Arrays.copyOf(bytes, bytes.length - 1), Hash32.ZERO));
      refused(
          NodeAnswerError.NODE_BLOCK_MALFORMED,
          () -> verifier.block(5, Arrays.copyOf(bytes, bytes.length + 1), Hash32.ZERO));
    }
  }

  @Nested
  class Genesises {
    private final GenesisConfig contracts =
        new GenesisConfig(
            "votechain-test",
            List.of(keys.get(0).publicKey(), keys.get(1).publicKey()),
            2,
            new ChainParams(100, 3_600, 600));
    private final Genesis withContracts =
        new Genesis(
            "standalone-test",
            0,
            ContractsStateMachine.genesisStateHash(contracts),
            genesis.validators());

    @Test
    void aGenesisThatHashesToItsIdAndItsContractsIsAccepted() {
      ChainVerifier v =
          ChainVerifier.ofGenesis(
              withContracts.encode(),
              withContracts.hash().hex(),
              Optional.of(contracts),
              Optional.of(withContracts.hash()));
      assertEquals(withContracts, v.genesis());
    }

    @Test
    void aGenesisThatIsNotTheClaimedOrThePinnedOneIsRefused() {
      refused(
          NodeAnswerError.NODE_GENESIS_MISMATCH,
          () ->
              ChainVerifier.ofGenesis(
                  withContracts.encode(),
                  genesis.hash().hex(),
                  Optional.of(contracts),
                  Optional.empty()));
      refused(
          NodeAnswerError.NODE_GENESIS_MISMATCH,
          () ->
              ChainVerifier.ofGenesis(
                  withContracts.encode(),
                  withContracts.hash().hex(),
                  Optional.of(contracts),
                  Optional.of(genesis.hash())));
    }

    @Test
    void contractsThatAreNotTheGenesissAreRefused() {
      GenesisConfig other =
          new GenesisConfig("votechain-test", contracts.officials(), 1, contracts.params());
      refused(
          NodeAnswerError.NODE_CONTRACTS_MISMATCH,
          () ->
              ChainVerifier.ofGenesis(
                  withContracts.encode(),
                  withContracts.hash().hex(),
                  Optional.of(other),
                  Optional.empty()));
      refused(
          NodeAnswerError.NODE_CONTRACTS_MISMATCH,
          () ->
              ChainVerifier.ofGenesis(
                  withContracts.encode(),
                  withContracts.hash().hex(),
                  Optional.empty(),
                  Optional.empty()));
    }

    @Test
    void anEncodingThatDoesNotDecodeIsMalformed() {
      refused(
          NodeAnswerError.NODE_ANSWER_MALFORMED,
          () ->
              ChainVerifier.ofGenesis(
                  new byte[] {1, 2, 3}, "00".repeat(32), Optional.of(contracts), Optional.empty()));
    }
  }
}
