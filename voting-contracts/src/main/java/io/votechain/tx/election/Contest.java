package io.votechain.tx.election;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import io.votechain.tx.Identifiers;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A contest: its kind, how many choices a voter may select ({@code selectionLimit}), a title and
 * the choices in ballot order. Structural bounds are enforced here; the manifest rules (kind versus
 * limit and choice count) are reported by {@link #problem()} so that the contract can reject them
 * with {@code INVALID_MANIFEST} and a reason.
 */
public record Contest(
    String contestId,
    ContestKind kind,
    int selectionLimit,
    LocalizedText title,
    List<Choice> choices) {
  public static final int MAX_CHOICES = 64;

  public Contest {
    Identifiers.require(contestId, "contest id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    choices = List.copyOf(choices);
    if (choices.size() > MAX_CHOICES) {
      throw new IllegalArgumentException("at most " + MAX_CHOICES + " choices");
    }
    if (selectionLimit < 0 || selectionLimit > MAX_CHOICES) {
      throw new IllegalArgumentException("selection limit out of range");
    }
  }

  /** The first manifest rule this contest breaks, if any. */
  public Optional<String> problem() {
    int n = choices.size();
    switch (kind) {
      case YES_NO -> {
        if (n != 2 || selectionLimit != 1) {
          return Optional.of(contestId + ": a yes/no contest has two choices and limit 1");
        }
      }
      case ONE_OF_N -> {
        if (n < 2 || selectionLimit != 1) {
          return Optional.of(contestId + ": a 1-of-n contest has at least two choices and limit 1");
        }
      }
      case K_OF_N -> {
        if (n < 2 || selectionLimit < 1 || selectionLimit > n) {
          return Optional.of(contestId + ": a k-of-n contest needs 1 <= k <= n and n >= 2");
        }
      }
    }
    Set<String> ids = new HashSet<>();
    for (Choice c : choices) {
      if (!ids.add(c.choiceId())) {
        return Optional.of(contestId + ": duplicate choice id " + c.choiceId());
      }
    }
    return Optional.empty();
  }

  public void writeTo(CanonicalWriter w) {
    w.text(contestId).u8(kind.tag()).varint(selectionLimit);
    title.writeTo(w);
    w.list(choices, (cw, c) -> c.writeTo(cw));
  }

  public static Contest readFrom(CanonicalReader r) {
    String id = r.text(Identifiers.MAX_LENGTH);
    int tag = r.u8();
    ContestKind kind = ContestKind.ofTag(tag);
    if (kind == null) {
      throw new EncodingException(EncodingException.Reason.UNKNOWN_TAG, "contest kind " + tag);
    }
    int limit = (int) r.varint(MAX_CHOICES);
    LocalizedText title = LocalizedText.readFrom(r);
    return new Contest(id, kind, limit, title, r.list(MAX_CHOICES, Choice::readFrom));
  }
}
