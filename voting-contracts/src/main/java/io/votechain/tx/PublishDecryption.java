package io.votechain.tx;

import io.votechain.crypto.threshold.PartialDecryption;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.List;

/**
 * A trustee publishes its partial decryption, with Chaum–Pedersen proof, of every selection's
 * aggregate ciphertext, in manifest order (contest by contest, choice by choice).
 */
public record PublishDecryption(String electionId, List<PartialDecryption> partials)
    implements Transaction {
  public static final int MAX_PARTIALS = 64 * 64;

  public PublishDecryption {
    Identifiers.require(electionId, "election id");
    partials = List.copyOf(partials);
    if (partials.isEmpty() || partials.size() > MAX_PARTIALS) {
      throw new IllegalArgumentException("1.." + MAX_PARTIALS + " partial decryptions");
    }
  }

  @Override
  public TxKind kind() {
    return TxKind.PUBLISH_DECRYPTION;
  }

  @Override
  public void writeFields(CanonicalWriter w) {
    w.text(electionId).list(partials, (cw, p) -> p.writeTo(cw));
  }

  static PublishDecryption readFields(CanonicalReader r) {
    String election = r.text(Identifiers.MAX_LENGTH);
    return new PublishDecryption(election, r.list(MAX_PARTIALS, PartialDecryption::readFrom));
  }
}
