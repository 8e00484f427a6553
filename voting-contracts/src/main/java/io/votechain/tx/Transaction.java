package io.votechain.tx;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;

/**
 * The body of a transaction: one of a closed set of kinds (docs/contracts.md §2). Encoded as the
 * kind's tag byte followed by the record's fields in declaration order; an unknown tag is refused.
 * The signer, nonce and signature live in {@link SignedTransaction}.
 */
public sealed interface Transaction
    permits Propose,
        Approve,
        ProvisionDevice,
        AssignDevice,
        TransferCustody,
        AttestDevice,
        SuspendDevice,
        ReinstateDevice,
        AddCredentials,
        CheckIn,
        AnnounceKey,
        CastBallot,
        PublishDecryption,
        SpoilBallot,
        PublishShares,
        Complain,
        DiscloseShare,
        AddHoldings,
        AppointProxy,
        RevokeProxy,
        CastMeetingVote {
  TxKind kind();

  /** The fields after the tag. */
  void writeFields(CanonicalWriter w);

  default void writeTo(CanonicalWriter w) {
    w.u8(kind().tag());
    writeFields(w);
  }

  static Transaction readFrom(CanonicalReader r) {
    int tag = r.u8();
    TxKind kind = TxKind.ofTag(tag);
    if (kind == null) {
      throw CanonicalReader.unknownTag("transaction", tag);
    }
    return switch (kind) {
      case PROPOSE -> Propose.readFields(r);
      case APPROVE -> Approve.readFields(r);
      case PROVISION_DEVICE -> ProvisionDevice.readFields(r);
      case ASSIGN_DEVICE -> AssignDevice.readFields(r);
      case TRANSFER_CUSTODY -> TransferCustody.readFields(r);
      case ATTEST_DEVICE -> AttestDevice.readFields(r);
      case SUSPEND_DEVICE -> SuspendDevice.readFields(r);
      case REINSTATE_DEVICE -> ReinstateDevice.readFields(r);
      case ADD_CREDENTIALS -> AddCredentials.readFields(r);
      case CHECK_IN -> CheckIn.readFields(r);
      case ANNOUNCE_KEY -> AnnounceKey.readFields(r);
      case CAST_BALLOT -> CastBallot.readFields(r);
      case PUBLISH_DECRYPTION -> PublishDecryption.readFields(r);
      case SPOIL_BALLOT -> SpoilBallot.readFields(r);
      case PUBLISH_SHARES -> PublishShares.readFields(r);
      case COMPLAIN -> Complain.readFields(r);
      case DISCLOSE_SHARE -> DiscloseShare.readFields(r);
      case ADD_HOLDINGS -> AddHoldings.readFields(r);
      case APPOINT_PROXY -> AppointProxy.readFields(r);
      case REVOKE_PROXY -> RevokeProxy.readFields(r);
      case CAST_MEETING_VOTE -> CastMeetingVote.readFields(r);
    };
  }
}
