package io.votechain.consensus.sim;

/** What one simulation run did, for assertions and measurements. */
record SimResult(
    long seed,
    long virtualMillis,
    long minHonestHeight,
    long maxRound,
    long messagesDelivered,
    long messagesSent,
    long signatureVerifications,
    long signaturesMade,
    long evidenceFound,
    long drops) {}
