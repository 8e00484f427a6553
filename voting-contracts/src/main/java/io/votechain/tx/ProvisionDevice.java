package io.votechain.tx;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.EcdsaP256PublicKey;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.Objects;

/**
 * An official registers a polling-station device as a smart asset: its id, its P-256 identity key,
 * its model, the reference measurement of the software it must run, and its first custodian.
 */
public record ProvisionDevice(
    String deviceId,
    EcdsaP256PublicKey deviceKey,
    String model,
    Hash32 referenceMeasurement,
    Ed25519PublicKey custodian)
    implements Transaction {
  public static final int MAX_MODEL_BYTES = 128;

  public ProvisionDevice {
    Identifiers.require(deviceId, "device id");
    Objects.requireNonNull(deviceKey, "deviceKey");
    Objects.requireNonNull(referenceMeasurement, "referenceMeasurement");
    Objects.requireNonNull(custodian, "custodian");
    if (model == null || model.isBlank() || model.length() > MAX_MODEL_BYTES / 4) {
      throw new IllegalArgumentException("model must be non-blank and short");
    }
  }

  @Override
  public TxKind kind() {
    return TxKind.PROVISION_DEVICE;
  }

  @Override
  public void writeFields(CanonicalWriter w) {
    w.text(deviceId);
    deviceKey.writeTo(w);
    w.text(model).fixed(referenceMeasurement.bytes());
    custodian.writeTo(w);
  }

  static ProvisionDevice readFields(CanonicalReader r) {
    String id = r.text(Identifiers.MAX_LENGTH);
    EcdsaP256PublicKey key = Keys.readP256(r);
    String model = r.text(MAX_MODEL_BYTES);
    Hash32 reference = Hash32.of(r.fixed(Hash32.LENGTH));
    return new ProvisionDevice(id, key, model, reference, Keys.readEd25519(r));
  }
}
