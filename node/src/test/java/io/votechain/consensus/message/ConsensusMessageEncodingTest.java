package io.votechain.consensus.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.block.BlockHeader;
import io.votechain.consensus.block.CommitCertificate;
import io.votechain.consensus.block.CommittedBlock;
import io.votechain.consensus.core.BlockBuilder;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Canonical encodings round-trip exactly and reject what the writer could not have produced. */
class ConsensusMessageEncodingTest {
  private static final Hash32 CHAIN = Sha256.hash("chain".getBytes(StandardCharsets.UTF_8));
  private static final Ed25519Signer KEY = Ed25519Signer.fromSeed(new byte[32]);

  private static Block block(long height, String... txs) {
    List<byte[]> list = new java.util.ArrayList<>();
    for (String t : txs) {
      list.add(t.getBytes(StandardCharsets.UTF_8));
    }
    return BlockBuilder.build(CHAIN, height, 0, 5, CHAIN, Hash32.ZERO, Optional.empty(), 1, list);
  }

  private static SignedVote vote(VoteType type, Optional<Hash32> value, int validator) {
    Vote v = new Vote(type, 3, 2, value, validator);
    return new SignedVote(v, KEY.sign(v.signBytes(CHAIN)));
  }

  private static void roundTrips(ConsensusMessage m) {
    byte[] bytes = m.encode();
    ConsensusMessage back = ConsensusMessage.decode(bytes);
    assertArrayEquals(bytes, back.encode());
  }

  @Nested
  class RoundTrips {
    @Test
    void voteForABlockAndNilVoteRoundTrip() {
      roundTrips(new ConsensusMessage.VoteMessage(vote(VoteType.PREVOTE, Optional.of(CHAIN), 2)));
      roundTrips(new ConsensusMessage.VoteMessage(vote(VoteType.PRECOMMIT, Optional.empty(), 0)));
    }

    @Test
    void proposalWithBlockAndProofOfLockRoundTrips() {
      Block b = block(3, "a", "b");
      Proposal p = new Proposal(3, 4, 2, b.hash(), 1);
      SignedProposal sp = new SignedProposal(p, KEY.sign(p.signBytes(CHAIN)));
      roundTrips(
          new ConsensusMessage.ProposalMessage(
              sp, b, List.of(vote(VoteType.PREVOTE, Optional.of(b.hash()), 0))));
    }

    @Test
    void syncMessagesRoundTrip() {
      Block b = block(1, "x");
      Vote v = new Vote(VoteType.PRECOMMIT, 1, 0, Optional.of(b.hash()), 0);
      CommitCertificate cert =
          CommitCertificate.of(List.of(new SignedVote(v, KEY.sign(v.signBytes(CHAIN)))));
      List<CommittedBlock> blocks = List.of(new CommittedBlock(b, cert));
      roundTrips(new ConsensusMessage.SyncResponse(2, blocks, new byte[64]));
      roundTrips(new ConsensusMessage.SyncRequest(1, 7, new byte[64]));
    }
  }

  @Nested
  class Rejections {
    @Test
    void trailingByteIsRejected() {
      byte[] good =
          new ConsensusMessage.VoteMessage(vote(VoteType.PREVOTE, Optional.empty(), 1)).encode();
      byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
      EncodingException e =
          assertThrows(EncodingException.class, () -> ConsensusMessage.decode(longer));
      assertEquals(EncodingException.Reason.TRAILING_BYTES, e.reason());
    }

    @Test
    void unknownMessageTagIsRejected() {
      EncodingException e =
          assertThrows(EncodingException.class, () -> ConsensusMessage.decode(new byte[] {9}));
      assertEquals(EncodingException.Reason.UNKNOWN_TAG, e.reason());
    }

    @Test
    void unknownVoteTypeIsRejected() {
      byte[] bytes =
          new ConsensusMessage.VoteMessage(vote(VoteType.PREVOTE, Optional.empty(), 1)).encode();
      bytes[1] = 7;
      EncodingException e =
          assertThrows(EncodingException.class, () -> ConsensusMessage.decode(bytes));
      assertEquals(EncodingException.Reason.UNKNOWN_TAG, e.reason());
    }

    @Test
    void proposalWhoseValidRoundIsNotBeforeItsRoundIsRejected() {
      CanonicalWriter w = new CanonicalWriter().u8(ConsensusMessage.TAG_PROPOSAL);
      w.varint(1).varint(2).varint(3).fixed(CHAIN.bytes()).varint(0).fixed(new byte[64]);
      EncodingException e =
          assertThrows(EncodingException.class, () -> ConsensusMessage.decode(w.toByteArray()));
      assertEquals(EncodingException.Reason.INVALID_VALUE, e.reason());
    }

    @Test
    void blockWithMoreTransactionsThanTheLimitIsRejectedBeforeReadingThem() {
      BlockHeader h = block(1).header();
      CanonicalWriter w = new CanonicalWriter();
      h.writeTo(w);
      w.varint(10_001);
      EncodingException e =
          assertThrows(EncodingException.class, () -> Block.decode(w.toByteArray()));
      assertEquals(EncodingException.Reason.TOO_LARGE, e.reason());
    }

    @Test
    void certificateWithRepeatedSignerIsRejected() {
      CanonicalWriter w = new CanonicalWriter().varint(1).varint(0).fixed(CHAIN.bytes());
      w.varint(2).varint(1).fixed(new byte[64]).varint(1).fixed(new byte[64]);
      EncodingException e =
          assertThrows(
              EncodingException.class,
              () ->
                  CommitCertificate.readFrom(
                      new io.votechain.encoding.CanonicalReader(w.toByteArray())));
      assertEquals(EncodingException.Reason.INVALID_VALUE, e.reason());
    }

    @Test
    void emptySyncResponseIsRejected() {
      CanonicalWriter w =
          new CanonicalWriter().u8(ConsensusMessage.TAG_SYNC_RESPONSE).varint(1).varint(0);
      w.fixed(new byte[64]);
      EncodingException e =
          assertThrows(EncodingException.class, () -> ConsensusMessage.decode(w.toByteArray()));
      assertEquals(EncodingException.Reason.INVALID_VALUE, e.reason());
    }
  }

  @Test
  void signBytesSeparateKindsAndChains() {
    Vote prevote = new Vote(VoteType.PREVOTE, 1, 0, Optional.empty(), 0);
    Vote precommit = new Vote(VoteType.PRECOMMIT, 1, 0, Optional.empty(), 0);
    byte[] sig = KEY.sign(prevote.signBytes(CHAIN));
    assertEquals(true, KEY.publicKey().verify(prevote.signBytes(CHAIN), sig));
    assertEquals(false, KEY.publicKey().verify(precommit.signBytes(CHAIN), sig));
    assertEquals(false, KEY.publicKey().verify(prevote.signBytes(Hash32.ZERO), sig));
  }
}
