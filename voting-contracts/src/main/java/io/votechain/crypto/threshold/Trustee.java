package io.votechain.crypto.threshold;

import io.votechain.crypto.ecies.Ecies;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.proof.SchnorrProof;
import io.votechain.encoding.EncodingException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One trustee's side of the key ceremony (docs/crypto-threshold.md §3–§6). It holds, in memory
 * only, its polynomial {@code P_i}, its share-encryption secret {@code ζ_i} and the shares {@code
 * P_j(i)} it has accepted from the other dealers; {@link #toString} reveals none of them. All
 * messages it produces are public values ({@link KeyCeremonyAnnouncement}, {@link EncryptedShare},
 * {@link Complaint}); it does no I/O.
 *
 * <p>Not thread safe: one trustee is driven by one caller. Its secrets are the election's secrets;
 * a trustee program must keep them out of logs and swap.
 */
public final class Trustee {
  private final CeremonyParameters parameters;
  private final int index;
  private final Polynomial polynomial;
  private final Scalar shareEncryptionSecret;
  private final KeyCeremonyAnnouncement announcement;
  private final TreeMap<Integer, Scalar> acceptedShares = new TreeMap<>();

  private Trustee(
      CeremonyParameters parameters,
      int index,
      Polynomial polynomial,
      Scalar shareEncryptionSecret,
      SecureRandom proofRandom) {
    parameters.requireTrustee(index);
    if (polynomial.coefficients().size() != parameters.threshold()) {
      throw new IllegalArgumentException("polynomial must have k = threshold coefficients");
    }
    if (shareEncryptionSecret.isZero()) {
      throw new IllegalArgumentException("share-encryption secret must be non-zero");
    }
    this.parameters = parameters;
    this.index = index;
    this.polynomial = polynomial;
    this.shareEncryptionSecret = shareEncryptionSecret;
    this.announcement = announce(proofRandom);
    acceptedShares.put(index, polynomial.evaluate(index));
  }

  /** A trustee with a fresh random polynomial of degree {@code k − 1} and share-encryption key. */
  public static Trustee generate(CeremonyParameters parameters, int index, SecureRandom random) {
    Polynomial p = Polynomial.random(parameters.threshold(), random);
    return new Trustee(parameters, index, p, Scalar.randomNonZero(random), random);
  }

  /**
   * A trustee with given secrets (restored from the trustee's own backup, or fixed for known-answer
   * tests): {@code coefficients} are {@code a_{i,0..k−1}}, all non-zero.
   */
  public static Trustee fromSecrets(
      CeremonyParameters parameters,
      int index,
      List<Scalar> coefficients,
      Scalar shareEncryptionSecret,
      SecureRandom proofRandom) {
    return new Trustee(
        parameters, index, new Polynomial(coefficients), shareEncryptionSecret, proofRandom);
  }

  private KeyCeremonyAnnouncement announce(SecureRandom random) {
    List<GroupElement> commitments = polynomial.commitments();
    List<SchnorrProof> proofs = new ArrayList<>(commitments.size());
    for (int j = 0; j < commitments.size(); j++) {
      proofs.add(
          SchnorrProof.prove(
              parameters.electionBaseHash(),
              index,
              j,
              polynomial.coefficients().get(j),
              commitments.get(j),
              random));
    }
    GroupElement kappa = P256.G.multiplyFixed(shareEncryptionSecret);
    SchnorrProof kappaProof =
        SchnorrProof.prove(
            parameters.electionBaseHash(),
            index,
            parameters.threshold(),
            shareEncryptionSecret,
            kappa,
            random);
    return new KeyCeremonyAnnouncement(index, commitments, proofs, kappa, kappaProof);
  }

  public int index() {
    return index;
  }

  public CeremonyParameters parameters() {
    return parameters;
  }

  /** This trustee's public first-round message. */
  public KeyCeremonyAnnouncement announcement() {
    return announcement;
  }

  /**
   * Encrypts {@code P_i(ℓ)} for the trustee that made {@code recipient} (docs/crypto-threshold.md
   * §5). The caller has checked that announcement ({@link KeyCeremony#verifyAnnouncement}).
   */
  public EncryptedShare shareFor(KeyCeremonyAnnouncement recipient, SecureRandom random) {
    int l = recipient.dealer();
    parameters.requireTrustee(l);
    if (l == index) {
      throw new IllegalArgumentException("a trustee keeps its own share");
    }
    byte[] plaintext = polynomial.evaluate(l).encode();
    return new EncryptedShare(
        index,
        l,
        Ecies.encrypt(
            recipient.shareEncryptionKey(),
            plaintext,
            EncryptedShare.associatedData(parameters, index, l),
            random));
  }

  /**
   * Opens and checks the share {@code dealer} sent to this trustee (docs/crypto-threshold.md §6).
   * An accepted share is kept; a refused one yields the complaint to publish.
   *
   * @throws IllegalArgumentException if the share is not addressed to this trustee from that dealer
   *     (a routing error, not a dealer's fault)
   * @throws IllegalStateException if a share of that dealer was already accepted
   */
  public Optional<Complaint> receiveShare(KeyCeremonyAnnouncement dealer, EncryptedShare share) {
    int i = dealer.dealer();
    parameters.requireTrustee(i);
    if (share.recipient() != index || share.dealer() != i) {
      throw new IllegalArgumentException(
          "share " + share.dealer() + "->" + share.recipient() + " is not for trustee " + index);
    }
    if (acceptedShares.containsKey(i)) {
      throw new IllegalStateException("already holds the share of trustee " + i);
    }
    if (!KeyCeremony.verifyAnnouncement(parameters, dealer).isValid()) {
      return Optional.of(new Complaint(i, index, Complaint.Reason.ANNOUNCEMENT_INVALID));
    }
    Optional<byte[]> plaintext =
        Ecies.decrypt(
            shareEncryptionSecret,
            share.ciphertext(),
            EncryptedShare.associatedData(parameters, i, index));
    if (plaintext.isEmpty()) {
      return Optional.of(new Complaint(i, index, Complaint.Reason.DECRYPTION_FAILED));
    }
    Scalar value;
    try {
      value = Scalar.decode(plaintext.get());
    } catch (EncodingException e) {
      return Optional.of(new Complaint(i, index, Complaint.Reason.SHARE_MALFORMED));
    }
    if (!KeyCeremony.verifyShare(dealer, index, value)) {
      return Optional.of(new Complaint(i, index, Complaint.Reason.SHARE_NOT_ON_COMMITMENTS));
    }
    acceptedShares.put(i, value);
    return Optional.empty();
  }

  /**
   * Answers a complaint against this trustee: the share for {@code recipient} in clear, published
   * so that anyone can check it with {@link KeyCeremony#verifyShare} (docs/crypto-threshold.md
   * §6.2). Disclosing it is safe: fewer than {@code k} shares reveal nothing of the polynomial.
   */
  public Scalar discloseShare(int recipient) {
    parameters.requireTrustee(recipient);
    if (recipient == index) {
      throw new IllegalArgumentException("a trustee never discloses its own share");
    }
    return polynomial.evaluate(recipient);
  }

  /**
   * Takes a share that {@code dealer} disclosed in answer to this trustee's complaint; it is kept
   * only if it passes Feldman's check. Returns whether it was accepted.
   */
  public boolean acceptDisclosedShare(KeyCeremonyAnnouncement dealer, Scalar share) {
    int i = dealer.dealer();
    parameters.requireTrustee(i);
    if (i == index || acceptedShares.containsKey(i)) {
      throw new IllegalStateException("no complaint outstanding against trustee " + i);
    }
    if (!KeyCeremony.verifyAnnouncement(parameters, dealer).isValid()
        || !KeyCeremony.verifyShare(dealer, index, share)) {
      return false;
    }
    acceptedShares.put(i, share);
    return true;
  }

  /** Whether a verified share of every dealer (this one included) is held. */
  public boolean hasAllShares() {
    return acceptedShares.size() == parameters.trusteeCount();
  }

  /**
   * Ends the ceremony: {@code s_ℓ = Σ_i P_i(ℓ)} (docs/crypto-threshold.md §8), checked against the
   * public verification key.
   *
   * @throws IllegalStateException if a share is missing or the joint key was built from other
   *     announcements than the shares came with
   */
  public DecryptingTrustee finish(JointElectionKey jointKey) {
    if (!jointKey.parameters().equals(parameters)) {
      throw new IllegalArgumentException("joint key of another ceremony");
    }
    if (!hasAllShares()) {
      throw new IllegalStateException(
          "trustee "
              + index
              + " holds "
              + acceptedShares.size()
              + " of "
              + parameters.trusteeCount()
              + " shares");
    }
    Scalar s = Scalar.ZERO;
    for (Scalar share : acceptedShares.values()) {
      s = s.add(share);
    }
    try {
      return DecryptingTrustee.of(jointKey, index, s);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "shares of trustee " + index + " do not match the joint key's announcements", e);
    }
  }

  @Override
  public String toString() {
    return "Trustee[index="
        + index
        + ", of="
        + parameters.trusteeCount()
        + ", threshold="
        + parameters.threshold()
        + ", secrets=<hidden>]";
  }
}
