package io.votechain.tx.meeting;

import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.tx.Keys;
import java.util.Objects;

/**
 * One line of the share register at the record date: a holder's credential key (Ed25519, issued
 * off-ledger like a voter's, carrying no identity) and the number of voting shares it holds, which
 * is the weight of its votes. Immutable.
 */
public record Holding(Ed25519PublicKey holder, long shares) {
  /** The ballot cryptography's largest weight (ContestDescription.MAX_WEIGHT). */
  public static final long MAX_SHARES = 1L << 40;

  public Holding {
    Objects.requireNonNull(holder, "holder");
    if (shares < 1 || shares > MAX_SHARES) {
      throw new IllegalArgumentException("shares must be in 1.." + MAX_SHARES);
    }
  }

  public void writeTo(CanonicalWriter w) {
    holder.writeTo(w);
    w.varint(shares);
  }

  public static Holding readFrom(CanonicalReader r) {
    Ed25519PublicKey holder = Keys.readEd25519(r);
    return new Holding(holder, r.varint(MAX_SHARES));
  }
}
