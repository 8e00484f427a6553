package io.votechain.consensus.message;

/**
 * Why a piece of equivocation evidence does not prove equivocation (docs/consensus.md §8). The
 * names are part of the documented protocol: a validator counts refused gossip by them, and tests
 * assert them. Checked in this order, so the cheapest reason wins and no signature is verified for
 * evidence that could not prove anything even with valid signatures.
 */
public enum EvidenceFault {
  /** The bytes do not decode as evidence (unknown tag, truncated, trailing bytes, over size). */
  MALFORMED_EVIDENCE,
  /** The two messages are not for the same slot (author, height, round and step). */
  DIFFERENT_SLOT,
  /** The two messages sign the same value: nothing conflicts, so nothing is proven. */
  SAME_VALUE,
  /** The named author is not a validator of this chain's genesis. */
  UNKNOWN_VALIDATOR,
  /** A signature does not verify with the author's key for this chain. */
  BAD_SIGNATURE
}
