package io.votechain.crypto.threshold;

import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.hash.ElectionHash;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.proof.SchnorrProof;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The public checks and computations of the key ceremony that anyone can run from the ledger
 * (docs/crypto-threshold.md §3–§8). Stateless.
 */
public final class KeyCeremony {
  /** Domain separator of the extended base hash {@code H_E = H(H_B; 0x12, K)}. */
  public static final int EXTENDED_BASE_HASH_DOMAIN = 0x12;

  private KeyCeremony() {}

  /** Why an announcement was refused; {@link #VALID} when it was not. */
  public enum AnnouncementVerification {
    VALID,
    /** The dealer index is not in {@code [1, n]}. */
    UNKNOWN_DEALER,
    /** Not exactly {@code k} commitments. */
    WRONG_NUMBER_OF_COMMITMENTS,
    /** A coefficient's Schnorr proof fails. */
    COEFFICIENT_PROOF_INVALID,
    /** The share-encryption key's Schnorr proof fails. */
    SHARE_ENCRYPTION_KEY_PROOF_INVALID;

    public boolean isValid() {
      return this == VALID;
    }
  }

  /**
   * Checks trustee {@code i}'s announcement (docs/crypto-threshold.md §3.4): {@code k} commitments,
   * the Schnorr proof of each {@code K_{i,j}} at {@code (i, j)} and that of {@code κ_i} at {@code
   * (i, k)}, all bound to {@code H_B}.
   */
  public static AnnouncementVerification verifyAnnouncement(
      CeremonyParameters parameters, KeyCeremonyAnnouncement announcement) {
    if (!parameters.isTrustee(announcement.dealer())) {
      return AnnouncementVerification.UNKNOWN_DEALER;
    }
    int k = parameters.threshold();
    if (announcement.commitments().size() != k) {
      return AnnouncementVerification.WRONG_NUMBER_OF_COMMITMENTS;
    }
    Hash32 hb = parameters.electionBaseHash();
    for (int j = 0; j < k; j++) {
      SchnorrProof.Verification v =
          announcement
              .coefficientProofs()
              .get(j)
              .verify(hb, announcement.dealer(), j, announcement.commitments().get(j));
      if (!v.isValid()) {
        return AnnouncementVerification.COEFFICIENT_PROOF_INVALID;
      }
    }
    SchnorrProof.Verification kappa =
        announcement
            .shareEncryptionKeyProof()
            .verify(hb, announcement.dealer(), k, announcement.shareEncryptionKey());
    return kappa.isValid()
        ? AnnouncementVerification.VALID
        : AnnouncementVerification.SHARE_ENCRYPTION_KEY_PROOF_INVALID;
  }

  /**
   * Whether {@code share} is dealer {@code i}'s polynomial evaluated at {@code recipient}: {@code
   * share·G == Σ_j ℓ^j·K_{i,j}} (Feldman's check, docs/crypto-threshold.md §6).
   */
  public static boolean verifyShare(KeyCeremonyAnnouncement dealer, int recipient, Scalar share) {
    return P256.G.multiplyFixed(share).equals(evaluateCommitments(dealer.commitments(), recipient));
  }

  /** {@code Σ_j x^j·C_j} as one multi-scalar multiplication. */
  static GroupElement evaluateCommitments(List<GroupElement> commitments, int x) {
    int k = commitments.size();
    ECPoint[] points = new ECPoint[k];
    BigInteger[] scalars = new BigInteger[k];
    BigInteger power = BigInteger.ONE;
    BigInteger bx = BigInteger.valueOf(x);
    for (int j = 0; j < k; j++) {
      points[j] = commitments.get(j).ecPoint();
      scalars[j] = power;
      power = power.multiply(bx).mod(P256.ORDER);
    }
    return GroupElement.of(ECAlgorithms.sumOfMultiplies(points, scalars));
  }

  /**
   * Computes the joint election key, {@code H_E} and every verification key from all {@code n}
   * announcements (docs/crypto-threshold.md §8).
   *
   * @throws IllegalArgumentException unless there is exactly one announcement per trustee {@code
   *     1..n} and each passes {@link #verifyAnnouncement}; the message names the dealer and reason
   */
  public static JointElectionKey jointKey(
      CeremonyParameters parameters, List<KeyCeremonyAnnouncement> announcements) {
    int n = parameters.trusteeCount();
    KeyCeremonyAnnouncement[] byDealer = new KeyCeremonyAnnouncement[n + 1];
    for (KeyCeremonyAnnouncement a : announcements) {
      AnnouncementVerification v = verifyAnnouncement(parameters, a);
      if (!v.isValid()) {
        throw new IllegalArgumentException("announcement of trustee " + a.dealer() + ": " + v);
      }
      if (byDealer[a.dealer()] != null) {
        throw new IllegalArgumentException("two announcements of trustee " + a.dealer());
      }
      byDealer[a.dealer()] = a;
    }
    if (announcements.size() != n) {
      throw new IllegalArgumentException(
          "need one announcement per trustee: " + announcements.size() + " of " + n);
    }
    // C_j = Σ_i K_{i,j}: then K_ℓ = Σ_j ℓ^j C_j costs k multiplications per trustee, not n·k.
    List<GroupElement> summed = new ArrayList<>(parameters.threshold());
    for (int j = 0; j < parameters.threshold(); j++) {
      GroupElement c = P256.IDENTITY;
      for (int i = 1; i <= n; i++) {
        c = c.add(byDealer[i].commitments().get(j));
      }
      summed.add(c);
    }
    GroupElement k = summed.get(0);
    List<GroupElement> verificationKeys = new ArrayList<>(n);
    for (int l = 1; l <= n; l++) {
      verificationKeys.add(evaluateCommitments(summed, l));
    }
    return new JointElectionKey(parameters, k, extendedBaseHash(parameters, k), verificationKeys);
  }

  /** {@code H_E = H(H_B; 0x12, K)} (EG 2.1 section 3.2.3). */
  public static Hash32 extendedBaseHash(CeremonyParameters parameters, GroupElement jointKey) {
    return ElectionHash.hash(parameters.electionBaseHash(), EXTENDED_BASE_HASH_DOMAIN, jointKey);
  }
}
