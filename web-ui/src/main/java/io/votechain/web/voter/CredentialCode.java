package io.votechain.web.voter;

import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.Ed25519Signer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A web voter's credential as the registrar hands it out (docs/web-voting.md §2): the 32-byte
 * Ed25519 seed of the key whose public half is on the voter roll, with a 2-byte checksum, written
 * {@code VC1-} then Crockford base32 in groups of 5 (55 characters). The voter types or pastes it
 * into the browser, which derives the key and signs there; the server never receives it.
 *
 * <p>The checksum is the first 2 bytes of {@code SHA-256("votechain/credential/v1" || seed)}: it
 * catches a mistyped code (all but 1 in 65 536) before a transaction is signed with a wrong key. It
 * is no secret and adds no security. Registrar-side only: the web pages never decode a code.
 */
public final class CredentialCode {
  static final String PREFIX = "VC1-";
  private static final byte[] CHECKSUM_DOMAIN =
      "votechain/credential/v1".getBytes(StandardCharsets.US_ASCII);

  private CredentialCode() {}

  /** The code of {@code credential}'s seed. The result is a secret: do not log it. */
  public static String of(Ed25519Signer credential) {
    byte[] seed = credential.exportSeed();
    byte[] raw = Arrays.copyOf(seed, 34);
    byte[] check = checksum(seed);
    raw[32] = check[0];
    raw[33] = check[1];
    Arrays.fill(seed, (byte) 0);
    return PREFIX + Base32.group(Base32.encode(raw), 5);
  }

  /** The credential a code names, or empty when it is malformed or its checksum fails. */
  public static Optional<Ed25519Signer> parse(String code) {
    if (code == null || code.length() > 128) {
      return Optional.empty();
    }
    String trimmed = code.trim().toUpperCase(Locale.ROOT);
    if (!trimmed.startsWith(PREFIX)) {
      return Optional.empty();
    }
    Optional<byte[]> raw = Base32.decode(trimmed.substring(PREFIX.length()), 34);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    byte[] seed = Arrays.copyOf(raw.get(), 32);
    byte[] check = checksum(seed);
    boolean ok =
        MessageDigest.isEqual(
            new byte[] {check[0], check[1]}, Arrays.copyOfRange(raw.get(), 32, 34));
    Optional<Ed25519Signer> result =
        ok ? Optional.of(Ed25519Signer.fromSeed(seed)) : Optional.empty();
    Arrays.fill(seed, (byte) 0);
    Arrays.fill(raw.get(), (byte) 0);
    return result;
  }

  private static byte[] checksum(byte[] seed) {
    byte[] message = new byte[CHECKSUM_DOMAIN.length + seed.length];
    System.arraycopy(CHECKSUM_DOMAIN, 0, message, 0, CHECKSUM_DOMAIN.length);
    System.arraycopy(seed, 0, message, CHECKSUM_DOMAIN.length, seed.length);
    return Sha256.hash(message).bytes();
  }
}
