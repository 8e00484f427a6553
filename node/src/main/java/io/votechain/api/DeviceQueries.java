package io.votechain.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.contract.BlockContext;
import io.votechain.contract.ChainParams;
import io.votechain.contract.DeviceRecord;
import io.votechain.contract.DeviceRegistry;
import io.votechain.contract.StateKeys;
import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.EncodingException;
import io.votechain.state.InMemoryState;
import io.votechain.state.StateKey;
import io.votechain.store.StateEntry;
import io.votechain.tx.Keys;
import java.nio.charset.StandardCharsets;

/**
 * The device registry's routes (docs/api.md §2.4): each {@link DeviceRecord} with whether its last
 * attestation is fresh at the latest committed block, judged by the contracts' own rule ({@link
 * DeviceRegistry#isAttestedAt}) with the chain's parameters, so the API says "fresh" exactly when a
 * ballot from the device would count.
 */
final class DeviceQueries {
  private final LedgerReads ledger;

  DeviceQueries(LedgerReads ledger) {
    this.ledger = ledger;
  }

  /** A page of the devices in id order: those after {@code after} (null: from the first). */
  Reply list(String after, int limit) {
    Chain chain = chain();
    // The listing already holds the records: decode them through an in-memory view rather than
    // reading each again.
    InMemoryState records = new InMemoryState();
    JsonArray devices = new JsonArray();
    io.votechain.store.FolderPage page = ledger.folderPage("device/id/", after, limit);
    for (StateEntry e : page.entries()) {
      String key = new String(e.key(), StandardCharsets.US_ASCII);
      records.put(new StateKey(key), e.value());
      String id = key.substring("device/id/".length());
      DeviceRegistry.device(records, id).ifPresent(d -> devices.add(json(d, chain)));
    }
    return Reply.Json.ok(
        new JsonObject()
            .put("height", chain.head.height())
            .put("devices", devices)
            .put("next", page.nextId().orElse(null)));
  }

  Reply device(String id) {
    Chain chain = chain();
    DeviceRecord d =
        decode(() -> DeviceRegistry.device(ledger.view(), id))
            .orElseThrow(() -> new ApiException(ApiError.DEVICE_NOT_FOUND));
    return Reply.Json.ok(json(d, chain).put("height", chain.head.height()));
  }

  private static JsonObject json(DeviceRecord d, Chain chain) {
    JsonObject o =
        new JsonObject()
            .put("deviceId", d.deviceId())
            .put("deviceKey", Keys.hex(d.deviceKey()))
            .put("model", d.model())
            .put("referenceMeasurement", d.referenceMeasurement().hex())
            .put("custodian", Keys.hex(d.custodian()))
            .put("custodySequence", d.custodySequence())
            .put("stationId", d.stationId().isEmpty() ? null : d.stationId())
            .put("status", d.status().name())
            .put("lastCounter", d.lastCounter());
    if (d.attestation().isPresent()) {
      DeviceRecord.Attestation a = d.attestation().get();
      o.put(
          "lastAttestation",
          new JsonObject()
              .put("measurement", a.measurement().hex())
              .put("height", a.height())
              .put("matchesReference", a.measurement().equals(d.referenceMeasurement()))
              .put("freshUntilHeight", a.height() + chain.params.attestationFreshness()));
    } else {
      o.putNull("lastAttestation");
    }
    o.put("attestationFresh", DeviceRegistry.isAttestedAt(d, chain.head, chain.params));
    return o;
  }

  private record Chain(BlockContext head, ChainParams params) {}

  /** {@code chain/head} and {@code chain/params} (docs/contracts.md §1). */
  private Chain chain() {
    byte[] head = ledger.state(StateKeys.CHAIN_HEAD).orElse(null);
    byte[] params =
        ledger
            .state(StateKeys.CHAIN_PARAMS)
            .orElseThrow(() -> new ApiException(ApiError.NOT_IMPLEMENTED, "no contracts state"));
    try {
      BlockContext context;
      if (head == null) {
        context = new BlockContext(0, 0, Hash32.ZERO);
      } else {
        CanonicalReader r = new CanonicalReader(head);
        context = new BlockContext(r.i64(), r.i64(), Hash32.of(r.fixed(Hash32.LENGTH)));
      }
      CanonicalReader p = new CanonicalReader(params);
      ChainParams chainParams =
          new ChainParams(
              p.varint(Long.MAX_VALUE), p.varint(Long.MAX_VALUE), p.varint(Long.MAX_VALUE));
      return new Chain(context, chainParams);
    } catch (EncodingException | IllegalArgumentException e) {
      throw new ApiException(ApiError.INTERNAL_ERROR);
    }
  }

  private static <T> T decode(java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (EncodingException | IllegalArgumentException e) {
      throw new ApiException(ApiError.INTERNAL_ERROR);
    }
  }
}
