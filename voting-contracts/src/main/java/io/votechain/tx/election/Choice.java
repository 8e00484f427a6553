package io.votechain.tx.election;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.tx.Identifiers;
import java.util.Objects;

/** One choice of a contest: an identifier and its label in the manifest's languages. */
public record Choice(String choiceId, LocalizedText label) {
  public Choice {
    Identifiers.require(choiceId, "choice id");
    Objects.requireNonNull(label, "label");
  }

  public void writeTo(CanonicalWriter w) {
    w.text(choiceId);
    label.writeTo(w);
  }

  public static Choice readFrom(CanonicalReader r) {
    return new Choice(r.text(Identifiers.MAX_LENGTH), LocalizedText.readFrom(r));
  }
}
