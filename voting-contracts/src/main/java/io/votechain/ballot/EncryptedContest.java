package io.votechain.ballot;

import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.proof.RangeProof;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The encrypted selections of one contest and the proof that their sum is within the selection
 * limit (docs/crypto.md §6.3). The sum itself is not stored: anyone recomputes it by adding the
 * selection ciphertexts. Immutable.
 */
public record EncryptedContest(
    String contestId, List<EncryptedSelection> selections, RangeProof sumProof) {
  public EncryptedContest {
    BallotStyle.checkId(contestId, "contest id");
    selections = List.copyOf(selections);
    if (selections.isEmpty() || selections.size() > ContestDescription.MAX_SELECTIONS) {
      throw new IllegalArgumentException(
          "1 to " + ContestDescription.MAX_SELECTIONS + " selections");
    }
    if (sumProof == null) {
      throw new IllegalArgumentException("the sum proof must be present");
    }
  }

  /**
   * The homomorphic sum of the selection ciphertexts, the statement of the sum proof; added in
   * projective coordinates and normalised once.
   */
  public Ciphertext sum() {
    ECPoint alpha = selections.get(0).ciphertext().alpha().ecPoint();
    ECPoint beta = selections.get(0).ciphertext().beta().ecPoint();
    for (int j = 1; j < selections.size(); j++) {
      alpha = alpha.add(selections.get(j).ciphertext().alpha().ecPoint());
      beta = beta.add(selections.get(j).ciphertext().beta().ecPoint());
    }
    return new Ciphertext(GroupElement.of(alpha), GroupElement.of(beta));
  }

  void writeTo(CanonicalWriter w) {
    w.text(contestId);
    w.list(selections, (out, s) -> s.writeTo(out));
    sumProof.writeTo(w);
  }

  static EncryptedContest readFrom(CanonicalReader r) {
    String id = r.text(ContestDescription.MAX_ID_BYTES);
    List<EncryptedSelection> selections =
        r.list(ContestDescription.MAX_SELECTIONS, EncryptedSelection::readFrom);
    RangeProof sumProof = RangeProof.readFrom(r, ContestDescription.MAX_SELECTION_LIMIT + 1);
    return new EncryptedContest(id, selections, sumProof);
  }
}
