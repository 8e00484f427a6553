package io.votechain.tx;

import io.votechain.crypto.threshold.EncryptedShare;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.List;

/**
 * The second round of the key ceremony (docs/crypto-threshold.md §5): trustee {@code i} publishes
 * {@code P_i(ℓ)} ECIES-encrypted to every other trustee {@code ℓ}, through the ledger so that a
 * dispute about a share can be judged from the record.
 */
public record PublishShares(String electionId, List<EncryptedShare> shares) implements Transaction {
  public static final int MAX_SHARES = GovernedAction.RegisterTrustees.MAX_TRUSTEES - 1;

  public PublishShares {
    Identifiers.require(electionId, "election id");
    shares = List.copyOf(shares);
    if (shares.isEmpty() || shares.size() > MAX_SHARES) {
      throw new IllegalArgumentException("1.." + MAX_SHARES + " shares");
    }
  }

  @Override
  public TxKind kind() {
    return TxKind.PUBLISH_SHARES;
  }

  @Override
  public void writeFields(CanonicalWriter w) {
    w.text(electionId).list(shares, (cw, s) -> s.writeTo(cw));
  }

  static PublishShares readFields(CanonicalReader r) {
    String election = r.text(Identifiers.MAX_LENGTH);
    return new PublishShares(election, r.list(MAX_SHARES, EncryptedShare::readFrom));
  }
}
