package io.votechain.consensus.message;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.block.CommittedBlock;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Every message validators exchange (docs/consensus.md §4). Each carries its author's signature;
 * proposals and votes may be relayed unchanged by others, sync messages go point to point. The
 * encoding is a tag byte followed by the body; {@link #decode} rejects anything else with an {@link
 * EncodingException}.
 */
public sealed interface ConsensusMessage {
  int TAG_PROPOSAL = 1;
  int TAG_VOTE = 2;
  int TAG_SYNC_REQUEST = 3;
  int TAG_SYNC_RESPONSE = 4;

  /** The validator whose signature the message carries. */
  int author();

  void writeBody(CanonicalWriter w);

  int tag();

  default byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    w.u8(tag());
    writeBody(w);
    return w.toByteArray();
  }

  static ConsensusMessage decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    int tag = r.u8();
    ConsensusMessage m =
        switch (tag) {
          case TAG_PROPOSAL -> ProposalMessage.readBody(r);
          case TAG_VOTE -> new VoteMessage(SignedVote.readFrom(r));
          case TAG_SYNC_REQUEST -> SyncRequest.readBody(r);
          case TAG_SYNC_RESPONSE -> SyncResponse.readBody(r);
          default -> throw CanonicalReader.unknownTag("consensus message", tag);
        };
    r.finish();
    return m;
  }

  /**
   * ⟨PROPOSAL, h, r, v, vr⟩ with the block v itself and, when vr ≥ 0, the proof of lock: the 2f+1
   * prevotes of round vr for id(v) that line 28 of Algorithm 1 waits for. Shipping them with the
   * proposal replaces the paper's assumption that every earlier message reaches everyone.
   */
  record ProposalMessage(SignedProposal signed, Block block, List<SignedVote> proofOfLock)
      implements ConsensusMessage {
    public ProposalMessage {
      Objects.requireNonNull(signed, "signed");
      Objects.requireNonNull(block, "block");
      proofOfLock = List.copyOf(proofOfLock);
    }

    public Proposal proposal() {
      return signed.proposal();
    }

    @Override
    public int author() {
      return signed.proposal().proposer();
    }

    @Override
    public int tag() {
      return TAG_PROPOSAL;
    }

    @Override
    public void writeBody(CanonicalWriter w) {
      signed.writeTo(w);
      block.writeTo(w);
      w.list(proofOfLock, (x, v) -> v.writeTo(x));
    }

    static ProposalMessage readBody(CanonicalReader r) {
      SignedProposal sp = SignedProposal.readFrom(r);
      Block block = Block.readFrom(r);
      List<SignedVote> pol = r.list(Genesis.MAX_VALIDATORS, SignedVote::readFrom);
      return new ProposalMessage(sp, block, pol);
    }
  }

  /** A signed prevote or precommit. */
  record VoteMessage(SignedVote signed) implements ConsensusMessage {
    public VoteMessage {
      Objects.requireNonNull(signed, "signed");
    }

    public Vote vote() {
      return signed.vote();
    }

    @Override
    public int author() {
      return signed.vote().validator();
    }

    @Override
    public int tag() {
      return TAG_VOTE;
    }

    @Override
    public void writeBody(CanonicalWriter w) {
      signed.writeTo(w);
    }
  }

  /** "Send me the committed blocks from {@code fromHeight} on", signed by the requester. */
  record SyncRequest(int requester, long fromHeight, byte[] signature) implements ConsensusMessage {
    public SyncRequest {
      if (requester < 0 || fromHeight < 1 || signature.length != SignedVote.SIGNATURE_LENGTH) {
        throw new IllegalArgumentException("invalid sync request");
      }
      signature = signature.clone();
    }

    public static byte[] signBytes(Hash32 chainId, int requester, long fromHeight) {
      byte[] body = new CanonicalWriter().varint(requester).varint(fromHeight).toByteArray();
      return SignBytes.of(chainId, SignKind.SYNC_REQUEST, body);
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    @Override
    public int author() {
      return requester;
    }

    @Override
    public int tag() {
      return TAG_SYNC_REQUEST;
    }

    @Override
    public void writeBody(CanonicalWriter w) {
      w.varint(requester).varint(fromHeight).fixed(signature);
    }

    static SyncRequest readBody(CanonicalReader r) {
      int requester = (int) r.varint(Genesis.MAX_VALIDATORS);
      long from = r.varint(Long.MAX_VALUE);
      if (from < 1) {
        throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "height 0");
      }
      return new SyncRequest(requester, from, r.fixed(SignedVote.SIGNATURE_LENGTH));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SyncRequest s
          && s.requester == requester
          && s.fromHeight == fromHeight
          && Arrays.equals(s.signature, signature);
    }

    @Override
    public int hashCode() {
      return Objects.hash(requester, fromHeight, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
      return "SyncRequest[" + requester + " from " + fromHeight + "]";
    }
  }

  /**
   * Committed blocks with their certificates, consecutive heights, signed by the responder. The
   * receiver trusts none of it: every block is checked against its certificate and hash links.
   */
  record SyncResponse(int responder, List<CommittedBlock> blocks, byte[] signature)
      implements ConsensusMessage {
    public static final int MAX_BLOCKS = 16;

    public SyncResponse {
      blocks = List.copyOf(blocks);
      if (responder < 0
          || blocks.isEmpty()
          || blocks.size() > MAX_BLOCKS
          || signature.length != SignedVote.SIGNATURE_LENGTH) {
        throw new IllegalArgumentException("invalid sync response");
      }
      signature = signature.clone();
    }

    public static byte[] signBytes(Hash32 chainId, int responder, List<CommittedBlock> blocks) {
      CanonicalWriter w = new CanonicalWriter().varint(responder);
      w.list(blocks, (x, b) -> b.writeTo(x));
      return SignBytes.of(chainId, SignKind.SYNC_RESPONSE, w.toByteArray());
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    @Override
    public int author() {
      return responder;
    }

    @Override
    public int tag() {
      return TAG_SYNC_RESPONSE;
    }

    @Override
    public void writeBody(CanonicalWriter w) {
      w.varint(responder);
      w.list(blocks, (x, b) -> b.writeTo(x));
      w.fixed(signature);
    }

    static SyncResponse readBody(CanonicalReader r) {
      int responder = (int) r.varint(Genesis.MAX_VALIDATORS);
      List<CommittedBlock> blocks = r.list(MAX_BLOCKS, CommittedBlock::readFrom);
      if (blocks.isEmpty()) {
        throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "no blocks");
      }
      return new SyncResponse(responder, blocks, r.fixed(SignedVote.SIGNATURE_LENGTH));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SyncResponse s
          && s.responder == responder
          && s.blocks.equals(blocks)
          && Arrays.equals(s.signature, signature);
    }

    @Override
    public int hashCode() {
      return Objects.hash(responder, blocks, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
      return "SyncResponse[" + responder + ", " + blocks.size() + " blocks]";
    }
  }
}
