package io.votechain.contract;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.PublicKey;
import java.util.List;

/**
 * What a successful transaction reports to clients (receipts, the web UI, MQTT): a closed set of
 * immutable records. Events are derived from state writes and are not part of the state hash.
 */
public sealed interface Event {
  record ProposalCreated(Hash32 proposalId, PublicKey proposer, long expiresAtHeight)
      implements Event {}

  record ProposalApproved(Hash32 proposalId, PublicKey approver, int approvals) implements Event {}

  record ProposalExecuted(Hash32 proposalId, String action) implements Event {}

  record ElectionCreated(String electionId, Hash32 manifestHash) implements Event {}

  record ElectionAmended(String electionId, Hash32 manifestHash) implements Event {}

  record TrusteesRegistered(String electionId, int trustees, int threshold) implements Event {}

  record ElectionStatusChanged(String electionId, ElectionStatus from, ElectionStatus to)
      implements Event {}

  record DeviceProvisioned(String deviceId) implements Event {}

  record DeviceAssigned(String deviceId, String stationId) implements Event {}

  record CustodyTransferred(String deviceId, PublicKey from, PublicKey to) implements Event {}

  record DeviceAttested(String deviceId, long counter, long height) implements Event {}

  record DeviceSuspended(String deviceId, String reason) implements Event {}

  record DeviceReinstated(String deviceId) implements Event {}

  record DeviceRevoked(String deviceId, String reason) implements Event {}

  record CredentialsAdded(String electionId, String stationId, int count) implements Event {}

  record KeyAnnounced(String electionId, int trustee) implements Event {}

  record SharesPublished(String electionId, int dealer) implements Event {}

  record ComplaintFiled(String electionId, int dealer, int recipient) implements Event {}

  record ShareDisclosed(String electionId, int dealer, int recipient) implements Event {}

  record KeyCeremonyCompleted(String electionId, Hash32 extendedBaseHash) implements Event {}

  /** {@code supersedes}: the credential's previously counted ballot no longer counts. */
  record BallotCast(
      String electionId, Hash32 ballotHash, RevoteRule.Channel channel, boolean supersedes)
      implements Event {}

  record BallotSpoiled(String electionId, Hash32 ballotHash) implements Event {}

  record DecryptionPublished(String electionId, int trustee) implements Event {}

  /** The decrypted count of every selection, in manifest order. */
  record ElectionTallied(String electionId, List<Long> counts) implements Event {
    public ElectionTallied {
      counts = List.copyOf(counts);
    }
  }

  record VoterCheckedIn(String electionId, PublicKey credential, String deviceId)
      implements Event {}

  record MeetingCreated(String meetingId, Hash32 meetingHash) implements Event {}

  /** {@code issuedShares}: the register's total after these lines. */
  record HoldingsAdded(String meetingId, int count, long issuedShares) implements Event {}

  /** {@code withdrewVote}: the previous proxy's ballot for this holder stopped counting. */
  record ProxyAppointed(String meetingId, PublicKey holder, PublicKey proxy, boolean withdrewVote)
      implements Event {}

  record ProxyRevoked(String meetingId, PublicKey holder, boolean withdrewVote) implements Event {}

  /** {@code supersedes}: the holder's previously counted ballot no longer counts. */
  record MeetingVoteCast(String meetingId, Hash32 ballotHash, VoteSource castBy, boolean supersedes)
      implements Event {}

  record MeetingTallied(String meetingId, MeetingResult result) implements Event {}

  /** The election authority was replaced: {@code officials} keys, M = {@code threshold}. */
  record AuthorityChanged(int officials, int threshold) implements Event {}

  /** A blocked key ceremony restarts as round {@code round} with a new trustee set. */
  record KeyCeremonyRestarted(String electionId, int round, int trustees, int threshold)
      implements Event {}
}
