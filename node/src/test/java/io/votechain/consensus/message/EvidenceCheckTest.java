package io.votechain.consensus.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.genesis.ValidatorInfo;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.Ed25519Signer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Forged or meaningless evidence is refused with its documented {@link EvidenceFault}, genuine
 * evidence passes, and one equivocation has one hash whichever order its messages came in.
 */
class EvidenceCheckTest {
  /** Four validators with keys from fixed seeds, and a fifth key the genesis does not know. */
  static final class Fixture {
    final List<Ed25519Signer> keys = new ArrayList<>();
    final Ed25519Signer stranger = key("stranger");
    final Genesis genesis;
    final Hash32 chainId;

    Fixture() {
      List<ValidatorInfo> validators = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Ed25519Signer k = key("evidence-" + i);
        keys.add(k);
        validators.add(new ValidatorInfo(k.publicKey(), "127.0.0.1:" + (26600 + 10 * i)));
      }
      genesis = new Genesis("evidence", 1_000, Hash32.ZERO, validators);
      chainId = genesis.hash();
    }

    static Ed25519Signer key(String seed) {
      return Ed25519Signer.fromSeed(Sha256.hash(seed.getBytes(StandardCharsets.UTF_8)).bytes());
    }

    SignedVote vote(Ed25519Signer signer, int author, int round, String value) {
      Vote v =
          new Vote(
              VoteType.PREVOTE,
              7,
              round,
              Optional.of(Sha256.hash(value.getBytes(StandardCharsets.UTF_8))),
              author);
      return new SignedVote(v, signer.sign(v.signBytes(chainId)));
    }

    SignedVote vote(int author, String value) {
      return vote(keys.get(author), author, 0, value);
    }

    SignedProposal proposal(int proposer, String value) {
      Proposal p =
          new Proposal(7, 0, -1, Sha256.hash(value.getBytes(StandardCharsets.UTF_8)), proposer);
      return new SignedProposal(p, keys.get(proposer).sign(p.signBytes(chainId)));
    }
  }

  private final Fixture fx = new Fixture();

  private Optional<EvidenceFault> check(EquivocationEvidence e) {
    return e.check(fx.genesis, fx.chainId);
  }

  @Nested
  class Genuine {
    @Test
    void twoSignedVotesForDifferentBlocksInOneSlotProveEquivocation() {
      var e = new EquivocationEvidence.DuplicateVote(fx.vote(2, "a"), fx.vote(2, "b"));
      assertEquals(Optional.empty(), check(e));
      assertTrue(e.verify(fx.genesis, fx.chainId));
      assertEquals(2, e.offender());
      assertEquals(7, e.height());
      assertEquals("PREVOTE", e.step());
    }

    @Test
    void twoSignedProposalsForOneRoundProveEquivocation() {
      var e = new EquivocationEvidence.DuplicateProposal(fx.proposal(3, "a"), fx.proposal(3, "b"));
      assertEquals(Optional.empty(), check(e));
      assertEquals("PROPOSAL", e.step());
    }

    @Test
    void theSameEquivocationHasOneEncodingAndOneHashInEitherOrder() {
      var ab = new EquivocationEvidence.DuplicateVote(fx.vote(2, "a"), fx.vote(2, "b"));
      var ba = new EquivocationEvidence.DuplicateVote(fx.vote(2, "b"), fx.vote(2, "a"));
      assertTrue(Arrays.equals(ab.encode(), ba.encode()));
      assertEquals(ab.hash(), ba.hash());
      assertEquals(Sha256.tagged(0x45, ab.encode()), ab.hash());
      var other = new EquivocationEvidence.DuplicateVote(fx.vote(2, "a"), fx.vote(2, "c"));
      assertNotEquals(ab.hash(), other.hash());
    }

    @Test
    void checkingTheEncodingGivesBackTheEvidence() {
      var e = new EquivocationEvidence.DuplicateVote(fx.vote(2, "a"), fx.vote(2, "b"));
      var checked = EquivocationEvidence.checkEncoded(e.encode(), fx.genesis, fx.chainId);
      assertTrue(checked.ok());
      assertEquals(e.hash(), checked.evidence().orElseThrow().hash());
    }
  }

  @Nested
  class Forged {
    @Test
    void aSignatureThatDoesNotVerifyIsBadSignature() {
      SignedVote genuine = fx.vote(2, "b");
      byte[] sig = genuine.signature();
      sig[5] ^= 1;
      var e =
          new EquivocationEvidence.DuplicateVote(
              fx.vote(2, "a"), new SignedVote(genuine.vote(), sig));
      assertEquals(Optional.of(EvidenceFault.BAD_SIGNATURE), check(e));
    }

    @Test
    void aVoteSignedByAnotherKeyInTheOffendersNameIsBadSignature() {
      // Someone framing validator 2: both votes name it, the second is signed by a stranger.
      var e =
          new EquivocationEvidence.DuplicateVote(fx.vote(2, "a"), fx.vote(fx.stranger, 2, 0, "b"));
      assertEquals(Optional.of(EvidenceFault.BAD_SIGNATURE), check(e));
    }

    @Test
    void theSameValueTwiceIsSameValue() {
      var e = new EquivocationEvidence.DuplicateVote(fx.vote(2, "a"), fx.vote(2, "a"));
      assertEquals(Optional.of(EvidenceFault.SAME_VALUE), check(e));
      var p = new EquivocationEvidence.DuplicateProposal(fx.proposal(3, "a"), fx.proposal(3, "a"));
      assertEquals(Optional.of(EvidenceFault.SAME_VALUE), check(p));
    }

    @Test
    void anAuthorOutsideTheGenesisIsUnknownValidator() {
      var e =
          new EquivocationEvidence.DuplicateVote(
              fx.vote(fx.stranger, 9, 0, "a"), fx.vote(fx.stranger, 9, 0, "b"));
      assertEquals(Optional.of(EvidenceFault.UNKNOWN_VALIDATOR), check(e));
    }

    @Test
    void votesOfDifferentRoundsOrAuthorsAreDifferentSlot() {
      var rounds =
          new EquivocationEvidence.DuplicateVote(
              fx.vote(fx.keys.get(2), 2, 0, "a"), fx.vote(fx.keys.get(2), 2, 1, "b"));
      assertEquals(Optional.of(EvidenceFault.DIFFERENT_SLOT), check(rounds));
      var authors = new EquivocationEvidence.DuplicateVote(fx.vote(1, "a"), fx.vote(2, "b"));
      assertEquals(Optional.of(EvidenceFault.DIFFERENT_SLOT), check(authors));
      var proposers =
          new EquivocationEvidence.DuplicateProposal(fx.proposal(1, "a"), fx.proposal(3, "b"));
      assertEquals(Optional.of(EvidenceFault.DIFFERENT_SLOT), check(proposers));
    }

    @Test
    void bytesThatDoNotDecodeAreMalformedEvidence() {
      var e = new EquivocationEvidence.DuplicateVote(fx.vote(2, "a"), fx.vote(2, "b"));
      byte[] truncated = Arrays.copyOf(e.encode(), e.encode().length - 1);
      byte[] unknownTag = e.encode();
      unknownTag[0] = 9;
      byte[] trailing = Arrays.copyOf(e.encode(), e.encode().length + 1);
      for (byte[] bad : List.of(truncated, unknownTag, trailing, new byte[0], new byte[5000])) {
        var checked = EquivocationEvidence.checkEncoded(bad, fx.genesis, fx.chainId);
        assertEquals(Optional.of(EvidenceFault.MALFORMED_EVIDENCE), checked.fault());
        assertTrue(checked.evidence().isEmpty());
      }
    }

    @Test
    void genuineEvidenceFromAnotherChainIsBadSignature() {
      var e = new EquivocationEvidence.DuplicateVote(fx.vote(2, "a"), fx.vote(2, "b"));
      assertEquals(Optional.of(EvidenceFault.BAD_SIGNATURE), e.check(fx.genesis, Hash32.ZERO));
    }
  }
}
