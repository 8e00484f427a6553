package io.votechain.tx;

import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Custody of a device passes from its current custodian (the transaction's signer) to {@code
 * newCustodian}, who countersigns {@link #acceptanceMessage}: both custodians' signatures are
 * needed, so custody can be neither dumped on nor taken by someone unilaterally.
 */
public record TransferCustody(
    String deviceId, Ed25519PublicKey newCustodian, byte[] newCustodianSignature)
    implements Transaction {
  private static final byte[] DOMAIN = "votechain/custody/v1".getBytes(StandardCharsets.US_ASCII);

  public TransferCustody {
    Identifiers.require(deviceId, "device id");
    Objects.requireNonNull(newCustodian, "newCustodian");
    if (newCustodianSignature.length != 64) {
      throw new IllegalArgumentException("signature must be 64 bytes");
    }
    newCustodianSignature = newCustodianSignature.clone();
  }

  @Override
  public byte[] newCustodianSignature() {
    return newCustodianSignature.clone();
  }

  /**
   * What the receiving custodian signs: {@code "votechain/custody/v1" || text(chainId) ||
   * text(deviceId) || from || to || varint(custodySequence)}; the device's custody sequence makes
   * an old acceptance useless for a later transfer.
   */
  public static byte[] acceptanceMessage(
      String chainId,
      String deviceId,
      Ed25519PublicKey from,
      Ed25519PublicKey to,
      long custodySequence) {
    CanonicalWriter w = new CanonicalWriter().fixed(DOMAIN).text(chainId).text(deviceId);
    from.writeTo(w);
    to.writeTo(w);
    return w.varint(custodySequence).toByteArray();
  }

  @Override
  public TxKind kind() {
    return TxKind.TRANSFER_CUSTODY;
  }

  @Override
  public void writeFields(CanonicalWriter w) {
    w.text(deviceId);
    newCustodian.writeTo(w);
    w.fixed(newCustodianSignature);
  }

  static TransferCustody readFields(CanonicalReader r) {
    String id = r.text(Identifiers.MAX_LENGTH);
    Ed25519PublicKey to = Keys.readEd25519(r);
    return new TransferCustody(id, to, r.fixed(64));
  }
}
