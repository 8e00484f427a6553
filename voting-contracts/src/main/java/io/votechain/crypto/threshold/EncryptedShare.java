package io.votechain.crypto.threshold;

import io.votechain.crypto.ecies.EciesCiphertext;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.nio.ByteBuffer;

/**
 * The share {@code P_i(ℓ)} of dealer {@code i} for recipient {@code ℓ}, ECIES-encrypted to {@code
 * κ_ℓ} with the associated data of {@link #associatedData} (docs/crypto-threshold.md §5). Published
 * on the ledger; only {@code ℓ} can open it. Immutable.
 */
public record EncryptedShare(int dealer, int recipient, EciesCiphertext ciphertext) {
  /** First byte of the associated data: separates share encryption from any other ECIES use. */
  public static final int DOMAIN = 0x11;

  public EncryptedShare {
    if (dealer < 1 || dealer > CeremonyParameters.MAX_TRUSTEES) {
      throw new IllegalArgumentException("dealer index out of range: " + dealer);
    }
    if (recipient < 1 || recipient > CeremonyParameters.MAX_TRUSTEES) {
      throw new IllegalArgumentException("recipient index out of range: " + recipient);
    }
    if (dealer == recipient) {
      throw new IllegalArgumentException("a dealer keeps its own share");
    }
    if (ciphertext == null) {
      throw new IllegalArgumentException("ciphertext must be present");
    }
  }

  /**
   * {@code 0x11 || u32(i) || u32(ℓ) || H_B}: a share opens only for its dealer, recipient,
   * election.
   */
  public static byte[] associatedData(CeremonyParameters parameters, int dealer, int recipient) {
    return ByteBuffer.allocate(1 + 4 + 4 + 32)
        .put((byte) DOMAIN)
        .putInt(dealer)
        .putInt(recipient)
        .put(parameters.electionBaseHash().bytes())
        .array();
  }

  public void writeTo(CanonicalWriter w) {
    w.varint(dealer).varint(recipient);
    ciphertext.writeTo(w);
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    writeTo(w);
    return w.toByteArray();
  }

  public static EncryptedShare readFrom(CanonicalReader r) {
    int dealer = (int) r.varint(CeremonyParameters.MAX_TRUSTEES);
    int recipient = (int) r.varint(CeremonyParameters.MAX_TRUSTEES);
    EciesCiphertext c = EciesCiphertext.readFrom(r);
    try {
      return new EncryptedShare(dealer, recipient, c);
    } catch (IllegalArgumentException e) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, e.getMessage());
    }
  }

  public static EncryptedShare decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    EncryptedShare s = readFrom(r);
    r.finish();
    return s;
  }
}
