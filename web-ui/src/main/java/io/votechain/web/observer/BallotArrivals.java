package io.votechain.web.observer;

import io.votechain.consensus.block.Block;
import io.votechain.contract.StateKeys;
import io.votechain.contract.TxReceipt;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.EncodingException;
import io.votechain.store.StoredBlock;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.TxKind;
import io.votechain.web.LedgerPort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When ballots arrived, per election, read from the committed blocks (docs/web-ui.md §4.1): for
 * each block, how many {@code CastBallot} transactions of the election the contracts accepted
 * (receipt {@code OK}), at the block's timestamp. Web and kiosk ballots alike; a re-vote counts as
 * an arrival, so the sum can exceed the counted turnout.
 *
 * <p>Incremental: the blocks are scanned once, from height 1 on the first request and then only the
 * blocks committed since, so live refreshes cost a few blocks each. Thread safe (one scan at a
 * time; callers are the web worker threads). Blocking: call through {@code WebContext.blocking}.
 */
final class BallotArrivals {
  private static final int KEY_TAG_ED25519 = 1;
  private static final int ED25519_KEY = 32;
  private static final int P256_COMPRESSED_KEY = 33;

  /** Ballots of one election in one block. */
  record Arrival(long height, long timestamp, int ballots) {}

  private final LedgerPort ledger;
  private final Map<String, List<Arrival>> byElection = new HashMap<>();
  private long scanned;

  BallotArrivals(LedgerPort ledger) {
    this.ledger = ledger;
  }

  /** The arrivals of {@code electionId} up to the latest block, oldest first. */
  synchronized List<Arrival> of(String electionId) {
    long top = ledger.height();
    for (long h = scanned + 1; h <= top; h++) {
      Optional<StoredBlock> stored = ledger.block(h);
      if (stored.isEmpty()) {
        break; // not stored yet (or pruned): try again from here next time
      }
      scan(Block.decode(stored.get().block()));
      scanned = h;
    }
    return List.copyOf(byElection.getOrDefault(electionId, List.of()));
  }

  private void scan(Block block) {
    Map<String, Integer> counts = new HashMap<>();
    for (byte[] tx : block.transactions()) {
      castBallotElection(tx)
          .filter(id -> accepted(tx))
          .ifPresent(id -> counts.merge(id, 1, Integer::sum));
    }
    counts.forEach(
        (id, n) ->
            byElection
                .computeIfAbsent(id, k -> new ArrayList<>())
                .add(new Arrival(block.height(), block.header().timestamp(), n)));
  }

  private boolean accepted(byte[] tx) {
    Hash32 id = Sha256.tagged(SignedTransaction.ID_DOMAIN, tx);
    return ledger
        .state(StateKeys.receipt(id))
        .map(
            b -> {
              try {
                return TxReceipt.decodeOutcome(b).code() == io.votechain.tx.ErrorCode.OK;
              } catch (EncodingException e) {
                return false;
              }
            })
        .orElse(false);
  }

  /**
   * The election id of a signed CastBallot, read from its first fields only (signer, nonce, kind,
   * election id: docs/contracts.md §2) — decoding the whole ballot would decode every curve point
   * of every ballot just to count it.
   */
  static Optional<String> castBallotElection(byte[] tx) {
    try {
      CanonicalReader r = new CanonicalReader(tx);
      int signerTag = r.u8();
      r.fixed(signerTag == KEY_TAG_ED25519 ? ED25519_KEY : P256_COMPRESSED_KEY);
      r.varint(Long.MAX_VALUE);
      if (r.u8() != TxKind.CAST_BALLOT.tag()) {
        return Optional.empty();
      }
      return Optional.of(r.text(64));
    } catch (EncodingException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
