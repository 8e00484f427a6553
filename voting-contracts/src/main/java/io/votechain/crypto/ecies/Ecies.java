package io.votechain.crypto.ecies;

import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * ECIES on P-256 (docs/crypto-threshold.md §4): ephemeral-static ECDH, HKDF-SHA-256 (RFC 5869) and
 * AES-256-GCM with caller-supplied associated data. Used to send each trustee its polynomial shares
 * through the public ledger.
 *
 * <p>Every encryption draws a fresh ephemeral key, so every AES key encrypts exactly one message:
 * that is why the GCM nonce can be the constant zero (docs/crypto-threshold.md §4.1). Stateless and
 * thread safe.
 */
public final class Ecies {
  /** HKDF info prefix; the ephemeral and recipient keys follow it. */
  static final byte[] INFO_LABEL =
      "votechain/ecies/p256-hkdf-sha256-aes256gcm/v1".getBytes(StandardCharsets.US_ASCII);

  static final int KEY_LENGTH = 32;
  static final int NONCE_LENGTH = 12;

  private Ecies() {}

  /** Encrypts {@code plaintext} to {@code recipientKey}, authenticating {@code associatedData}. */
  public static EciesCiphertext encrypt(
      GroupElement recipientKey, byte[] plaintext, byte[] associatedData, SecureRandom random) {
    return encryptWithEphemeral(
        recipientKey, plaintext, associatedData, Scalar.randomNonZero(random));
  }

  /**
   * As {@link #encrypt} with the ephemeral secret {@code e} given. {@code e} must be uniformly
   * random, secret and used once: reusing it with the same recipient reuses the AES key and the
   * zero nonce. This entry point exists for known-answer tests.
   */
  public static EciesCiphertext encryptWithEphemeral(
      GroupElement recipientKey, byte[] plaintext, byte[] associatedData, Scalar ephemeralSecret) {
    if (recipientKey.isIdentity()) {
      throw new IllegalArgumentException("recipient key must be a finite point");
    }
    if (ephemeralSecret.isZero()) {
      throw new IllegalArgumentException("ephemeral secret must be non-zero");
    }
    if (plaintext.length + EciesCiphertext.TAG_LENGTH > EciesCiphertext.MAX_SEALED_LENGTH) {
      throw new IllegalArgumentException("plaintext too long");
    }
    GroupElement ephemeralKey = P256.G.multiplyFixed(ephemeralSecret);
    byte[] key = deriveKey(recipientKey.multiply(ephemeralSecret), ephemeralKey, recipientKey);
    try {
      return new EciesCiphertext(
          ephemeralKey, aesGcm(Cipher.ENCRYPT_MODE, key, plaintext, associatedData));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is available on every Java platform", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Decrypts with the recipient's secret {@code d}; empty if the ciphertext, the associated data or
   * the key do not match (the GCM tag fails). Never throws for bad input.
   */
  public static Optional<byte[]> decrypt(
      Scalar recipientSecret, EciesCiphertext ciphertext, byte[] associatedData) {
    GroupElement recipientKey = P256.G.multiplyFixed(recipientSecret);
    GroupElement shared = ciphertext.ephemeralKey().multiply(recipientSecret);
    if (shared.isIdentity()) {
      return Optional.empty();
    }
    byte[] key = deriveKey(shared, ciphertext.ephemeralKey(), recipientKey);
    try {
      return Optional.of(aesGcm(Cipher.DECRYPT_MODE, key, ciphertext.sealed(), associatedData));
    } catch (AEADBadTagException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is available on every Java platform", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * {@code HKDF-SHA-256(IKM = x(Z), salt = none (RFC 5869: 32 zero bytes), info = label || E || R,
   * L = 32)}: binding both public keys into the KDF rules out a key-substitution where one ECDH
   * value serves two pairs.
   */
  static byte[] deriveKey(GroupElement shared, GroupElement ephemeralKey, GroupElement recipient) {
    byte[] z = shared.ecPoint().getAffineXCoord().getEncoded();
    byte[] info = new byte[INFO_LABEL.length + 2 * GroupElement.LENGTH];
    System.arraycopy(INFO_LABEL, 0, info, 0, INFO_LABEL.length);
    System.arraycopy(ephemeralKey.encode(), 0, info, INFO_LABEL.length, GroupElement.LENGTH);
    System.arraycopy(
        recipient.encode(), 0, info, INFO_LABEL.length + GroupElement.LENGTH, GroupElement.LENGTH);
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(z, null, info));
    byte[] key = new byte[KEY_LENGTH];
    hkdf.generateBytes(key, 0, KEY_LENGTH);
    Arrays.fill(z, (byte) 0);
    return key;
  }

  private static byte[] aesGcm(int mode, byte[] key, byte[] input, byte[] associatedData)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        mode,
        new SecretKeySpec(key, "AES"),
        new GCMParameterSpec(8 * EciesCiphertext.TAG_LENGTH, new byte[NONCE_LENGTH]));
    cipher.updateAAD(associatedData);
    return cipher.doFinal(input);
  }
}
