package io.votechain.crypto.threshold;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;

/**
 * Recipient {@code ℓ}'s public accusation that dealer {@code i}'s share for it is bad
 * (docs/crypto-threshold.md §6). The ledger records it; the dealer answers by disclosing the share
 * in clear, which anyone can check with {@link KeyCeremony#verifyShare}. Immutable.
 */
public record Complaint(int dealer, int recipient, Reason reason) {

  /** Why the share was refused. The tag bytes are part of the encoding. */
  public enum Reason {
    /** The dealer's announcement itself fails verification. */
    ANNOUNCEMENT_INVALID(1),
    /** The ECIES ciphertext does not open (GCM tag) with the recipient's key. */
    DECRYPTION_FAILED(2),
    /** The plaintext is not a canonical 32-byte scalar. */
    SHARE_MALFORMED(3),
    /** {@code P_i(ℓ)·G != Σ_j ℓ^j·K_{i,j}}: the share is not on the committed polynomial. */
    SHARE_NOT_ON_COMMITMENTS(4);

    private final int tag;

    Reason(int tag) {
      this.tag = tag;
    }

    public int tag() {
      return tag;
    }

    static Reason ofTag(int tag) {
      for (Reason r : values()) {
        if (r.tag == tag) {
          return r;
        }
      }
      throw CanonicalReader.unknownTag("complaint reason", tag);
    }
  }

  public Complaint {
    if (dealer < 1 || dealer > CeremonyParameters.MAX_TRUSTEES) {
      throw new IllegalArgumentException("dealer index out of range: " + dealer);
    }
    if (recipient < 1 || recipient > CeremonyParameters.MAX_TRUSTEES || recipient == dealer) {
      throw new IllegalArgumentException("recipient index invalid: " + recipient);
    }
    if (reason == null) {
      throw new IllegalArgumentException("reason must be present");
    }
  }

  public void writeTo(CanonicalWriter w) {
    w.varint(dealer).varint(recipient).u8(reason.tag());
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    writeTo(w);
    return w.toByteArray();
  }

  public static Complaint readFrom(CanonicalReader r) {
    int dealer = (int) r.varint(CeremonyParameters.MAX_TRUSTEES);
    int recipient = (int) r.varint(CeremonyParameters.MAX_TRUSTEES);
    Reason reason = Reason.ofTag(r.u8());
    try {
      return new Complaint(dealer, recipient, reason);
    } catch (IllegalArgumentException e) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, e.getMessage());
    }
  }

  public static Complaint decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    Complaint c = readFrom(r);
    r.finish();
    return c;
  }
}
