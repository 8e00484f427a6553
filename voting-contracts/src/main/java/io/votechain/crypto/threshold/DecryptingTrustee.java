package io.votechain.crypto.threshold;

import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.proof.ChaumPedersenProof;
import java.security.SecureRandom;

/**
 * A trustee after the ceremony: its secret share {@code s_ℓ} of the election key, used only to make
 * partial decryptions of aggregate ciphertexts with their proofs (docs/crypto-threshold.md §7).
 * {@link #toString} does not show the share. Immutable and thread safe.
 */
public final class DecryptingTrustee {
  private final JointElectionKey jointKey;
  private final int index;
  private final Scalar secretShare;

  private DecryptingTrustee(JointElectionKey jointKey, int index, Scalar secretShare) {
    this.jointKey = jointKey;
    this.index = index;
    this.secretShare = secretShare;
  }

  /**
   * A decrypting trustee for {@code secretShare}, which must match the public verification key.
   *
   * @throws IllegalArgumentException if {@code s_ℓ·G != K_ℓ}
   */
  public static DecryptingTrustee of(JointElectionKey jointKey, int index, Scalar secretShare) {
    GroupElement expected = jointKey.verificationKey(index);
    if (!P256.G.multiplyFixed(secretShare).equals(expected)) {
      throw new IllegalArgumentException("secret share does not match verification key " + index);
    }
    return new DecryptingTrustee(jointKey, index, secretShare);
  }

  public int index() {
    return index;
  }

  public JointElectionKey jointKey() {
    return jointKey;
  }

  /**
   * The secret share, for the trustee's own sealed storage between the ceremony and the tally (the
   * dev network's trustee files). Never log it or send it anywhere.
   */
  public Scalar exportSecretShare() {
    return secretShare;
  }

  /** {@code M_ℓ = s_ℓ·A} with its Chaum–Pedersen proof (docs/crypto-threshold.md §7.1). */
  public PartialDecryption partialDecrypt(Ciphertext ciphertext, SecureRandom random) {
    GroupElement m = ciphertext.alpha().multiply(secretShare);
    ChaumPedersenProof proof =
        ChaumPedersenProof.prove(
            jointKey.extendedBaseHash(),
            index,
            ciphertext,
            secretShare,
            jointKey.verificationKey(index),
            m,
            random);
    return new PartialDecryption(index, m, proof);
  }

  @Override
  public String toString() {
    return "DecryptingTrustee[index=" + index + ", share=<secret>]";
  }
}
