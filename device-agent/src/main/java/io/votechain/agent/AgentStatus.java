package io.votechain.agent;

import io.votechain.agent.queue.Settlement;
import java.util.Optional;

/**
 * What the poll worker's screen shows (docs/device-agent.md §6). Immutable.
 *
 * @param endpoint the node the agent is connected to, empty while offline
 * @param attestation FRESH (the ledger holds a recent attestation matching the reference
 *     measurement), STALE (none, too old, or a mismatch) or PENDING (one is on its way)
 * @param attestedHeight the height of the ledger's last accepted attestation, or -1
 * @param chainHeight the height of the last challenge seen, or -1
 * @param queueLength transactions not yet settled
 * @param lastSettlement the last committed receipt or definitive refusal
 * @param bootCount agent starts counted on this device
 * @param deviceStatus the registry's status of the device (ACTIVE, SUSPENDED, REVOKED, or UNKNOWN)
 */
public record AgentStatus(
    Optional<String> endpoint,
    String attestation,
    long attestedHeight,
    long chainHeight,
    int queueLength,
    Optional<Settlement> lastSettlement,
    long bootCount,
    String deviceStatus) {}
