package io.votechain.consensus.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.block.CommitCertificate;
import io.votechain.consensus.core.BlockBuilder;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.genesis.ValidatorInfo;
import io.votechain.consensus.message.ConsensusMessage.ProposalMessage;
import io.votechain.consensus.message.Proposal;
import io.votechain.consensus.message.SignedProposal;
import io.votechain.consensus.message.SignedVote;
import io.votechain.consensus.message.Vote;
import io.votechain.consensus.message.VoteType;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519Signer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each validator accepts the honest case and names the reason for each kind of forgery. */
class ValidatorsTest {
  private final List<Ed25519Signer> keys = new ArrayList<>();
  private final Genesis genesis;
  private final Hash32 chain;
  private final SignatureVerifier sigs;

  ValidatorsTest() {
    List<ValidatorInfo> vs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      byte[] seed = new byte[32];
      seed[1] = (byte) (i + 1);
      keys.add(Ed25519Signer.fromSeed(seed));
      vs.add(new ValidatorInfo(keys.get(i).publicKey(), "v" + i + ":1"));
    }
    genesis = new Genesis("validators", 0, Hash32.ZERO, vs);
    chain = genesis.hash();
    sigs = new SignatureVerifier(genesis, 16);
  }

  private SignedVote vote(int from, VoteType t, long h, int r, Optional<Hash32> value) {
    Vote v = new Vote(t, h, r, value, from);
    return new SignedVote(v, keys.get(from).sign(v.signBytes(chain)));
  }

  private Block block(long h, int r, Optional<CommitCertificate> lc, Hash32 parent, String... txs) {
    List<byte[]> list = new ArrayList<>();
    for (String t : txs) {
      list.add(t.getBytes(StandardCharsets.UTF_8));
    }
    return BlockBuilder.build(
        chain, h, r, 10 + h, parent, Hash32.ZERO, lc, genesis.proposer(h, r), list);
  }

  private CommitCertificate cert(Block b, int... signers) {
    List<SignedVote> votes = new ArrayList<>();
    for (int s : signers) {
      votes.add(vote(s, VoteType.PRECOMMIT, b.height(), 0, Optional.of(b.hash())));
    }
    return CommitCertificate.of(votes);
  }

  private static RejectReason reason(Verdict v) {
    return v instanceof Verdict.Reject r ? r.reason() : null;
  }

  @Nested
  class Certificates {
    private final CertificateValidator validator = new CertificateValidator(genesis, chain, sigs);

    @Test
    void quorumOfValidSignaturesIsAccepted() {
      Block b = block(1, 0, Optional.empty(), chain);
      assertEquals(Verdict.accept(), validator.validate(cert(b, 0, 1, 3), 1, b.hash()));
    }

    @Test
    void twoSignaturesOfFourAreTooFew() {
      Block b = block(1, 0, Optional.empty(), chain);
      assertEquals(
          RejectReason.BAD_CERTIFICATE, reason(validator.validate(cert(b, 0, 1), 1, b.hash())));
    }

    @Test
    void certificateForAnotherBlockIsRejected() {
      Block b = block(1, 0, Optional.empty(), chain);
      Block other = block(1, 0, Optional.empty(), chain, "x");
      assertEquals(
          RejectReason.BAD_CERTIFICATE,
          reason(validator.validate(cert(b, 0, 1, 2), 1, other.hash())));
    }

    @Test
    void signatureMovedToAnotherSignerIsRejected() {
      Block b = block(1, 0, Optional.empty(), chain);
      CommitCertificate good = cert(b, 0, 1, 2);
      List<CommitCertificate.Signature> moved =
          List.of(
              good.signatures().get(0),
              good.signatures().get(1),
              new CommitCertificate.Signature(3, good.signatures().get(2).signature()));
      CommitCertificate forged = new CommitCertificate(1, 0, b.hash(), moved);
      assertEquals(RejectReason.BAD_SIGNATURE, reason(validator.validate(forged, 1, b.hash())));
    }
  }

  @Nested
  class Proposals {
    private final ProposalValidator validator =
        new ProposalValidator(genesis, chain, sigs, new VoteValidator(genesis, chain, sigs));

    private ProposalMessage proposal(Block b, int round, int vr, List<SignedVote> pol, int signer) {
      Proposal p = new Proposal(1, round, vr, b.hash(), genesis.proposer(1, round));
      return new ProposalMessage(
          new SignedProposal(p, keys.get(signer).sign(p.signBytes(chain))), b, pol);
    }

    @Test
    void freshProposalByTheProposerIsAccepted() {
      Block b = block(1, 0, Optional.empty(), chain);
      assertEquals(Verdict.accept(), validator.validate(proposal(b, 0, -1, List.of(), 1)));
    }

    @Test
    void proposalSignedByAnotherKeyIsRejected() {
      Block b = block(1, 0, Optional.empty(), chain);
      assertEquals(
          RejectReason.BAD_SIGNATURE, reason(validator.validate(proposal(b, 0, -1, List.of(), 2))));
    }

    @Test
    void proposalWhoseTransactionsWereSwappedUnderItsSignedHeaderIsRejected() {
      Block b = block(1, 0, Optional.empty(), chain, "a");
      Block swapped =
          new Block(b.header(), List.of("z".getBytes(StandardCharsets.UTF_8)), b.lastCommit());
      assertEquals(
          RejectReason.BLOCK_HASH_MISMATCH,
          reason(validator.validate(proposal(swapped, 0, -1, List.of(), 1))));
    }

    @Test
    void proofOfLockWithTooFewPrevotesIsRejected() {
      Block b = block(1, 0, Optional.empty(), chain);
      List<SignedVote> pol =
          List.of(
              vote(0, VoteType.PREVOTE, 1, 0, Optional.of(b.hash())),
              vote(1, VoteType.PREVOTE, 1, 0, Optional.of(b.hash())));
      assertEquals(
          RejectReason.BAD_PROOF_OF_LOCK, reason(validator.validate(proposal(b, 1, 0, pol, 2))));
    }

    @Test
    void proofOfLockWithARepeatedPrevoteIsRejected() {
      Block b = block(1, 0, Optional.empty(), chain);
      SignedVote one = vote(0, VoteType.PREVOTE, 1, 0, Optional.of(b.hash()));
      List<SignedVote> pol =
          List.of(one, one, vote(1, VoteType.PREVOTE, 1, 0, Optional.of(b.hash())));
      assertEquals(
          RejectReason.BAD_PROOF_OF_LOCK, reason(validator.validate(proposal(b, 1, 0, pol, 2))));
    }

    @Test
    void proofOfLockOfQuorumPrevotesIsAccepted() {
      Block b = block(1, 0, Optional.empty(), chain);
      List<SignedVote> pol =
          List.of(
              vote(0, VoteType.PREVOTE, 1, 0, Optional.of(b.hash())),
              vote(1, VoteType.PREVOTE, 1, 0, Optional.of(b.hash())),
              vote(3, VoteType.PREVOTE, 1, 0, Optional.of(b.hash())));
      assertEquals(Verdict.accept(), validator.validate(proposal(b, 1, 0, pol, 2)));
    }
  }

  @Nested
  class Blocks {
    private final BlockValidator validator =
        new BlockValidator(genesis, chain, new CertificateValidator(genesis, chain, sigs), 100);
    private final Block parent = block(1, 0, Optional.empty(), chain);
    private final CommitCertificate parentCert = cert(parent, 0, 1, 2);

    private BlockContext context() {
      return new BlockContext(2, parent.hash(), 11, Hash32.ZERO, OptionalLong.of(20));
    }

    @Test
    void childWithItsParentsCertificateIsAccepted() {
      Block b = block(2, 0, Optional.of(parentCert), parent.hash(), "a", "b");
      assertEquals(Verdict.accept(), validator.validate(b, context(), tx -> true));
    }

    @Test
    void childWithoutParentCertificateIsRejected() {
      Block b = block(2, 0, Optional.empty(), parent.hash());
      assertEquals(
          RejectReason.BAD_LAST_COMMIT, reason(validator.validate(b, context(), tx -> true)));
    }

    @Test
    void childOfAnotherParentIsRejected() {
      Block b = block(2, 0, Optional.of(parentCert), chain);
      assertEquals(RejectReason.WRONG_PARENT, reason(validator.validate(b, context(), tx -> true)));
    }

    @Test
    void timestampNotAfterTheParentIsRejected() {
      Block b = block(2, 0, Optional.of(parentCert), parent.hash());
      BlockContext later =
          new BlockContext(2, parent.hash(), 12, Hash32.ZERO, OptionalLong.empty());
      assertEquals(
          RejectReason.TIMESTAMP_NOT_AFTER_PARENT,
          reason(validator.validate(b, later, tx -> true)));
    }

    @Test
    void timestampTooFarAheadOfTheLocalClockIsRejected() {
      Block b = block(2, 0, Optional.of(parentCert), parent.hash());
      BlockContext early =
          new BlockContext(2, parent.hash(), 11, Hash32.ZERO, OptionalLong.of(12 - 101));
      assertEquals(
          RejectReason.TIMESTAMP_TOO_FAR_AHEAD, reason(validator.validate(b, early, tx -> true)));
    }

    @Test
    void wrongStateHashIsRejected() {
      Block b = block(2, 0, Optional.of(parentCert), parent.hash());
      BlockContext ctx =
          new BlockContext(
              2,
              parent.hash(),
              11,
              Hash32.of(new byte[32]).equals(Hash32.ZERO)
                  ? io.votechain.crypto.hash.Sha256.hash(new byte[1])
                  : Hash32.ZERO,
              OptionalLong.empty());
      assertEquals(RejectReason.WRONG_STATE_HASH, reason(validator.validate(b, ctx, tx -> true)));
    }

    @Test
    void transactionTheApplicationRejectsIsRejected() {
      Block b = block(2, 0, Optional.of(parentCert), parent.hash(), "ok", "bad");
      assertEquals(
          RejectReason.INVALID_TRANSACTION,
          reason(validator.validate(b, context(), tx -> tx[0] != 'b')));
    }

    @Test
    void bodyThatDoesNotMatchTheHeaderIsRejected() {
      Block b = block(2, 0, Optional.of(parentCert), parent.hash(), "a");
      Block swapped =
          new Block(b.header(), List.of("z".getBytes(StandardCharsets.UTF_8)), b.lastCommit());
      assertEquals(
          RejectReason.BAD_TRANSACTIONS_ROOT,
          reason(validator.validate(swapped, context(), tx -> true)));
    }
  }
}
