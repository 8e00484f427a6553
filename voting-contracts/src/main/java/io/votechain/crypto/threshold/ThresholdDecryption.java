package io.votechain.crypto.threshold;

import io.votechain.crypto.dlog.DiscreteLog;
import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.proof.ChaumPedersenProof;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Combines partial decryptions of {@code k} or more trustees into the plaintext (docs/crypto-
 * threshold.md §7.3): every proof is checked, then {@code T = B − Σ_{ℓ∈U} w_ℓ·M_ℓ = t·G} and {@code
 * t} is recovered by a bounded discrete log. Fewer than {@code k} partial decryptions are refused:
 * with them the Lagrange sum is not {@code s·A} and the result would be garbage. Stateless.
 */
public final class ThresholdDecryption {
  private ThresholdDecryption() {}

  /** Why a decryption was refused. */
  public enum Reason {
    /** Fewer than {@code k} partial decryptions. */
    TOO_FEW_SHARES,
    /** Two partial decryptions of the same trustee. */
    DUPLICATE_TRUSTEE,
    /** A partial decryption of an index that is not a trustee. */
    UNKNOWN_TRUSTEE,
    /** A Chaum–Pedersen proof fails. */
    INVALID_PROOF,
    /** {@code T} is not {@code t·G} for any {@code t} within the discrete log's bound. */
    NOT_WITHIN_BOUND
  }

  /** The outcome of {@link #combine}. */
  public sealed interface Combination permits Combined, Refused {}

  /** The outcome of {@link #decrypt}. */
  public sealed interface Decryption permits Decrypted, Refused {}

  /** {@code T = t·G}. */
  public record Combined(GroupElement plaintextPoint) implements Combination {}

  /** The plaintext {@code t}. */
  public record Decrypted(long value) implements Decryption {}

  /**
   * A refusal; {@code trustee} names the offending trustee, or is 0 when none is to blame ({@link
   * Reason#TOO_FEW_SHARES}, {@link Reason#NOT_WITHIN_BOUND}).
   */
  public record Refused(Reason reason, int trustee) implements Combination, Decryption {}

  /** Verifies every partial decryption and combines them into {@code T = t·G}. */
  public static Combination combine(
      JointElectionKey jointKey, Ciphertext ciphertext, List<PartialDecryption> partials) {
    CeremonyParameters parameters = jointKey.parameters();
    boolean[] seen = new boolean[parameters.trusteeCount() + 1];
    List<Integer> indices = new ArrayList<>(partials.size());
    for (PartialDecryption p : partials) {
      if (!parameters.isTrustee(p.trustee())) {
        return new Refused(Reason.UNKNOWN_TRUSTEE, p.trustee());
      }
      if (seen[p.trustee()]) {
        return new Refused(Reason.DUPLICATE_TRUSTEE, p.trustee());
      }
      seen[p.trustee()] = true;
      indices.add(p.trustee());
    }
    if (indices.size() < parameters.threshold()) {
      return new Refused(Reason.TOO_FEW_SHARES, 0);
    }
    for (PartialDecryption p : partials) {
      ChaumPedersenProof.Verification v = p.verify(jointKey, ciphertext);
      if (!v.isValid()) {
        return new Refused(Reason.INVALID_PROOF, p.trustee());
      }
    }
    GroupElement sum = ciphertext.beta();
    for (PartialDecryption p : partials) {
      Scalar w = Lagrange.coefficient(p.trustee(), indices);
      sum = sum.subtract(p.share().multiply(w));
    }
    return new Combined(sum);
  }

  /** {@link #combine}, then the discrete log of {@code T} within {@code dlog}'s bound. */
  public static Decryption decrypt(
      JointElectionKey jointKey,
      Ciphertext ciphertext,
      List<PartialDecryption> partials,
      DiscreteLog dlog) {
    Combination c = combine(jointKey, ciphertext, partials);
    if (c instanceof Refused refused) {
      return refused;
    }
    OptionalLong t = dlog.solve(((Combined) c).plaintextPoint());
    return t.isPresent() ? new Decrypted(t.getAsLong()) : new Refused(Reason.NOT_WITHIN_BOUND, 0);
  }
}
