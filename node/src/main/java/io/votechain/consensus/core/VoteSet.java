package io.votechain.consensus.core;

import io.votechain.consensus.message.SignedVote;
import io.votechain.crypto.hash.Hash32;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verified votes of one type in one round. As in the paper, "2f+1 ⟨PREVOTE, h, r, id(v)⟩"
 * counts distinct validators that voted for id(v): an equivocating validator counts for each value
 * it signed (that is what it signed; quorum intersection still holds because it is among the f).
 * Counting only a validator's first vote would let an equivocator split the honest validators'
 * views of a proof of lock and stall the protocol. Each validator may occupy at most {@link
 * #MAX_VALUES_PER_VALIDATOR} values, which bounds memory; dropping further votes of an equivocator
 * is the same as it withholding them. Insertion order is kept (LinkedHashMap) so anything built
 * from the votes is deterministic.
 */
final class VoteSet {
  static final int MAX_VALUES_PER_VALIDATOR = 3;

  /** What {@link #add} did. {@code existing} is an earlier, different vote on a conflict. */
  record Added(Kind kind, SignedVote existing) {
    enum Kind {
      ADDED,
      DUPLICATE,
      CONFLICT,
      OVER_LIMIT
    }
  }

  private final Map<Optional<Hash32>, Map<Integer, SignedVote>> byValue = new LinkedHashMap<>();
  private final Map<Integer, SignedVote> firstByValidator = new LinkedHashMap<>();
  private final Map<Integer, Integer> valuesByValidator = new LinkedHashMap<>();
  private final BitSet voters = new BitSet();

  Added add(SignedVote vote) {
    int validator = vote.vote().validator();
    Map<Integer, SignedVote> forValue =
        byValue.computeIfAbsent(vote.vote().blockHash(), k -> new LinkedHashMap<>());
    if (forValue.containsKey(validator)) {
      return new Added(Added.Kind.DUPLICATE, forValue.get(validator));
    }
    int values = valuesByValidator.getOrDefault(validator, 0);
    if (values >= MAX_VALUES_PER_VALIDATOR) {
      return new Added(Added.Kind.OVER_LIMIT, firstByValidator.get(validator));
    }
    forValue.put(validator, vote);
    valuesByValidator.put(validator, values + 1);
    voters.set(validator);
    SignedVote first = firstByValidator.putIfAbsent(validator, vote);
    return first == null
        ? new Added(Added.Kind.ADDED, null)
        : new Added(Added.Kind.CONFLICT, first);
  }

  /** Distinct validators with any vote here ("2f+1 ⟨PREVOTE, h, r, ∗⟩"). */
  int total() {
    return voters.cardinality();
  }

  /** Distinct validators that voted for {@code value}. */
  int count(Optional<Hash32> value) {
    Map<Integer, SignedVote> votes = byValue.get(value);
    return votes == null ? 0 : votes.size();
  }

  /** The blocks (never nil) that at least {@code count} distinct validators voted for. */
  List<Hash32> blocksWithAtLeast(int count) {
    List<Hash32> out = new ArrayList<>();
    for (Map.Entry<Optional<Hash32>, Map<Integer, SignedVote>> e : byValue.entrySet()) {
      if (e.getKey().isPresent() && e.getValue().size() >= count) {
        out.add(e.getKey().get());
      }
    }
    return out;
  }

  List<SignedVote> votesFor(Optional<Hash32> value) {
    Map<Integer, SignedVote> votes = byValue.get(value);
    return votes == null ? List.of() : List.copyOf(votes.values());
  }

  /** Every stored vote, for relaying. */
  List<SignedVote> all() {
    List<SignedVote> out = new ArrayList<>();
    for (Map<Integer, SignedVote> votes : byValue.values()) {
      out.addAll(votes.values());
    }
    return out;
  }
}
