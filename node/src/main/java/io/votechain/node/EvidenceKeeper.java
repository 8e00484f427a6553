package io.votechain.node;

import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.message.EquivocationEvidence;
import io.votechain.consensus.message.EvidenceFault;
import io.votechain.crypto.hash.Hash32;
import io.votechain.store.EvidenceInsert;
import io.votechain.store.LedgerStore;
import io.votechain.store.StoredEvidence;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.logging.Logger;

/**
 * Keeps equivocation evidence and shares it (docs/consensus.md §8): evidence this validator's core
 * found, and evidence gossiped by peers, is checked against the genesis, stored durably in the
 * ledger store under its hash (at most once; at most {@code MAX_EVIDENCE / n} pieces per offender,
 * so at most {@link LedgerStore#MAX_EVIDENCE} in all), and — the first time it is stored — gossiped
 * to every peer, who do the same. So every honest validator that is connected to one that holds a
 * piece ends up holding it, verified by itself.
 *
 * <p>Blocking (store writes are durable before they return): call from a worker thread, never an
 * event loop. Thread safe: {@link #found} and {@link #offer} are serialised, so "already held" and
 * the bound are exact and a piece is gossiped once.
 */
public final class EvidenceKeeper {
  private static final Logger LOG = Logger.getLogger(EvidenceKeeper.class.getName());

  /** What became of a piece of evidence. */
  public sealed interface Outcome {
    /** Verified and stored now, or already held, or refused because the store is full. */
    record Kept(Hash32 hash, EvidenceInsert insert) implements Outcome {}

    /** Proves nothing; the reason is a documented code. */
    record Refused(EvidenceFault fault) implements Outcome {}
  }

  private final Genesis genesis;
  private final Hash32 chainId;
  private final LedgerStore store;
  private final Consumer<byte[]> gossip;
  private final IntConsumer newEvidenceAgainst;
  private final Map<EvidenceFault, Long> refused = new EnumMap<>(EvidenceFault.class);
  private final int maxPerOffender;
  private final Map<Integer, Integer> heldPerOffender = new java.util.TreeMap<>();

  /**
   * @param gossip sends an encoding to every peer (the evidence channel of the transport)
   * @param newEvidenceAgainst told the offender's index each time a piece is newly stored (metrics)
   */
  public EvidenceKeeper(
      Genesis genesis, LedgerStore store, Consumer<byte[]> gossip, IntConsumer newEvidenceAgainst) {
    this(
        genesis,
        store,
        gossip,
        newEvidenceAgainst,
        Math.max(1, LedgerStore.MAX_EVIDENCE / genesis.size()));
  }

  /**
   * With an explicit share of the store per offender. Without a share, one Byzantine validator
   * could fill the whole bound with conflicts it signs on purpose (any number of past heights and
   * rounds) and so hide a second offender; with {@code MAX_EVIDENCE / n} each, none can.
   */
  EvidenceKeeper(
      Genesis genesis,
      LedgerStore store,
      Consumer<byte[]> gossip,
      IntConsumer newEvidenceAgainst,
      int maxPerOffender) {
    this.maxPerOffender = maxPerOffender;
    this.genesis = genesis;
    this.chainId = genesis.hash();
    this.store = store;
    this.gossip = gossip;
    this.newEvidenceAgainst = newEvidenceAgainst;
    offendersHeld().forEach(o -> heldPerOffender.merge(o, 1, Integer::sum));
  }

  /** Evidence this validator's own core found (its messages were verified on arrival). */
  public synchronized Outcome found(EquivocationEvidence evidence) {
    // Checked again all the same: it costs two signature checks per equivocation, and nothing
    // unverified must ever reach the store.
    Optional<EvidenceFault> fault = evidence.check(genesis, chainId);
    if (fault.isPresent()) {
      return refuse(fault.get());
    }
    return keep(evidence, evidence.hash());
  }

  /** Evidence a peer gossiped: trusted for nothing, decoded and verified here. */
  public synchronized Outcome offer(byte[] encoded) {
    Optional<EquivocationEvidence> decoded = decodeOnly(encoded);
    if (decoded.isPresent()) {
      Hash32 hash = decoded.get().hash();
      // Held already (the usual case: every peer gossips what it stores): answer without paying
      // for two signature checks.
      if (await(store.evidence(hash)).isPresent()) {
        return new Outcome.Kept(hash, EvidenceInsert.ALREADY_HELD);
      }
    }
    EquivocationEvidence.Checked checked =
        EquivocationEvidence.checkEncoded(encoded, genesis, chainId);
    if (!checked.ok()) {
      return refuse(checked.fault().get());
    }
    EquivocationEvidence e = checked.evidence().get();
    return keep(e, e.hash());
  }

  /** Re-sends every held piece to the peers (a peer that was down when it was found learns it). */
  public void announceAll() {
    for (StoredEvidence e : held()) {
      gossip.accept(e.encoding());
    }
  }

  /** Everything stored, in hash order. */
  public List<StoredEvidence> held() {
    return await(store.evidenceList());
  }

  /** Counts of gossiped evidence refused, by reason (diagnostics and tests). */
  public synchronized Map<EvidenceFault, Long> refused() {
    return Map.copyOf(refused);
  }

  /** The offender of each stored piece, in hash order (metrics after a restart). */
  public List<Integer> offendersHeld() {
    return held().stream().map(e -> EquivocationEvidence.decode(e.encoding()).offender()).toList();
  }

  private Outcome keep(EquivocationEvidence evidence, Hash32 hash) {
    EvidenceInsert insert;
    if (await(store.evidence(hash)).isPresent()) {
      insert = EvidenceInsert.ALREADY_HELD;
    } else if (heldPerOffender.getOrDefault(evidence.offender(), 0) >= maxPerOffender) {
      insert = EvidenceInsert.FULL;
    } else {
      insert = await(store.putEvidence(hash, evidence.encode()));
    }
    if (insert == EvidenceInsert.ADDED) {
      heldPerOffender.merge(evidence.offender(), 1, Integer::sum);
      LOG.warning(
          "equivocation evidence stored: validator "
              + evidence.offender()
              + " signed two "
              + evidence.step()
              + " messages at height "
              + evidence.height()
              + " round "
              + evidence.round()
              + " (evidence "
              + hash.hex()
              + ")");
      newEvidenceAgainst.accept(evidence.offender());
      gossip.accept(evidence.encode());
    } else if (insert == EvidenceInsert.FULL) {
      LOG.warning(
          "evidence bound reached for validator "
              + evidence.offender()
              + ": not keeping evidence "
              + hash.hex());
    }
    return new Outcome.Kept(hash, insert);
  }

  private Outcome refuse(EvidenceFault fault) {
    refused.merge(fault, 1L, Long::sum);
    return new Outcome.Refused(fault);
  }

  private static Optional<EquivocationEvidence> decodeOnly(byte[] encoded) {
    if (encoded.length > EquivocationEvidence.MAX_ENCODED_BYTES) {
      return Optional.empty();
    }
    try {
      return Optional.of(EquivocationEvidence.decode(encoded));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }
}
