package io.votechain.record;

import io.votechain.crypto.sig.SignatureAlgorithm;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.EncodingException;
import io.votechain.tx.Identifiers;
import io.votechain.tx.TxKind;
import java.util.Optional;

/**
 * The first fields of a transaction's encoding (docs/contracts.md §2), read without decoding its
 * group elements: the kind and, for the election and meeting kinds whose first field is the
 * election or meeting id (tags 9–17, 18–21), that id; for {@code CastBallot} and {@code
 * CastMeetingVote} also the credential's (holder's) raw key and the ballot's bytes. Decoding a
 * ballot costs a dozen point decompressions, so an exporter scanning a chain of a million ballots
 * twice peeks first and decodes only what it needs.
 */
record TransactionPeek(
    TxKind kind, Optional<String> electionId, byte[] credential, byte[] ballotEncoding) {

  /** The peek, or empty if the prefix does not parse (such a transaction was never executed). */
  static Optional<TransactionPeek> of(byte[] tx) {
    try {
      CanonicalReader r = new CanonicalReader(tx);
      SignatureAlgorithm algorithm = SignatureAlgorithm.ofTag(r.u8());
      if (algorithm == null) {
        return Optional.empty();
      }
      r.fixed(algorithm.publicKeyLength());
      r.varint(Long.MAX_VALUE);
      TxKind kind = TxKind.ofTag(r.u8());
      if (kind == null) {
        return Optional.empty();
      }
      boolean electionKind =
          kind.tag() >= TxKind.ADD_CREDENTIALS.tag() && kind.tag() <= TxKind.DISCLOSE_SHARE.tag();
      boolean meetingKind =
          kind.tag() >= TxKind.ADD_HOLDINGS.tag() && kind.tag() <= TxKind.CAST_MEETING_VOTE.tag();
      if (!electionKind && !meetingKind) {
        return Optional.of(new TransactionPeek(kind, Optional.empty(), null, null));
      }
      String election = r.text(Identifiers.MAX_LENGTH);
      if (kind != TxKind.CAST_BALLOT && kind != TxKind.CAST_MEETING_VOTE) {
        return Optional.of(new TransactionPeek(kind, Optional.of(election), null, null));
      }
      if (r.u8() != SignatureAlgorithm.ED25519.tag()) {
        return Optional.empty();
      }
      byte[] credential = r.fixed(32);
      byte[] ballot = r.bytes(kind.maxSize());
      return Optional.of(new TransactionPeek(kind, Optional.of(election), credential, ballot));
    } catch (EncodingException e) {
      return Optional.empty();
    }
  }
}
