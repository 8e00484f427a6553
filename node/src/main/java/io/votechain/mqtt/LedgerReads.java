package io.votechain.mqtt;

import io.votechain.consensus.block.Block;
import io.votechain.contract.ContractExecutor;
import io.votechain.contract.DeviceRecord;
import io.votechain.contract.DeviceRegistry;
import io.votechain.contract.ElectionContract;
import io.votechain.contract.ElectionStatus;
import io.votechain.contract.StateKeys;
import io.votechain.contract.TxReceipt;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.PublicKey;
import io.votechain.device.ElectionConfig;
import io.votechain.encoding.CanonicalReader;
import io.votechain.state.StateEntry;
import io.votechain.state.StateKey;
import io.votechain.state.StateView;
import io.votechain.store.LedgerStore;
import io.votechain.store.StoredBlock;
import io.votechain.store.TxLocation;
import io.votechain.tx.election.ElectionManifest;
import java.util.List;
import java.util.Optional;

/**
 * Blocking reads of the committed ledger for the gateway, in the contracts' own terms. Every method
 * blocks on the store (RocksDB completes on the calling thread): call only from a worker thread.
 * Thread safe.
 */
final class LedgerReads {
  private final LedgerStore store;
  private final StateView state;

  LedgerReads(LedgerStore store) {
    this.store = store;
    this.state = new ReadOnlyState(store);
  }

  long latestHeight() {
    return store.latestHeight().toCompletableFuture().join();
  }

  Optional<DeviceRecord> device(String deviceId) {
    return DeviceRegistry.device(state, deviceId);
  }

  /**
   * The chain's attestationNonceWindow (chain/params: three varints, the third); empty until block
   * 1 has written the contracts' genesis, and on a chain without the contracts.
   */
  java.util.OptionalLong nonceWindow() {
    Optional<byte[]> params = state.get(StateKeys.CHAIN_PARAMS);
    if (params.isEmpty()) {
      return java.util.OptionalLong.empty();
    }
    CanonicalReader r = new CanonicalReader(params.get());
    r.varint(Long.MAX_VALUE);
    r.varint(Long.MAX_VALUE);
    return java.util.OptionalLong.of(r.varint(Long.MAX_VALUE));
  }

  /** The nonce {@code signer}'s next transaction must carry in the committed state. */
  long nextNonce(PublicKey signer) {
    return ContractExecutor.nextNonce(state, signer);
  }

  Optional<ElectionStatus> electionStatus(String electionId) {
    return ElectionContract.status(state, electionId);
  }

  Optional<ElectionConfig> electionConfig(String electionId) {
    Optional<ElectionManifest> manifest = ElectionContract.manifest(state, electionId);
    Optional<ElectionStatus> status = ElectionContract.status(state, electionId);
    if (manifest.isEmpty() || status.isEmpty()) {
      return Optional.empty();
    }
    Optional<GroupElement> key =
        state.get(StateKeys.electionJointKey(electionId)).map(GroupElement::decode);
    Optional<Hash32> base = state.get(StateKeys.extendedBaseHash(electionId)).map(Hash32::of);
    if (key.isPresent() != base.isPresent()) {
      key = Optional.empty();
      base = Optional.empty();
    }
    return Optional.of(new ElectionConfig(status.get(), manifest.get(), key, base));
  }

  Optional<Hash32> extendedBaseHash(String electionId) {
    return state.get(StateKeys.extendedBaseHash(electionId)).map(Hash32::of);
  }

  Optional<TxLocation> location(Hash32 txId) {
    return store.transaction(txId).toCompletableFuture().join();
  }

  Optional<TxReceipt.Outcome> outcome(Hash32 txId) {
    return state.get(StateKeys.receipt(txId)).map(TxReceipt::decodeOutcome);
  }

  Optional<StoredBlock> blockAt(long height) {
    return store.blockAt(height).toCompletableFuture().join();
  }

  Block block(StoredBlock stored) {
    return Block.decode(stored.block());
  }

  /** The committed state as a read-only {@link StateView}, for the contracts' static readers. */
  private static final class ReadOnlyState implements StateView {
    private final LedgerStore store;

    ReadOnlyState(LedgerStore store) {
      this.store = store;
    }

    @Override
    public Optional<byte[]> get(StateKey key) {
      return store.state(key.bytes()).toCompletableFuture().join();
    }

    @Override
    public void put(StateKey key, byte[] value) {
      throw new UnsupportedOperationException("read-only");
    }

    @Override
    public void delete(StateKey key) {
      throw new UnsupportedOperationException("read-only");
    }

    @Override
    public List<StateEntry> scan(String prefix) {
      throw new UnsupportedOperationException("the gateway reads single keys only");
    }
  }
}
