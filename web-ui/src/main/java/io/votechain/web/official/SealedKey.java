package io.votechain.web.official;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * An official's Ed25519 seed encrypted under a key derived from the password (docs/web-ui.md §2):
 * Argon2id (RFC 9106) over the password and a random 16-byte salt gives a 256-bit key; AES-256-GCM
 * encrypts the seed with a random 96-bit nonce and the account name as associated data, so a sealed
 * key copied onto another account does not open. A wrong password fails the GCM tag: nothing about
 * the password is stored that could be checked faster than by running Argon2id. Immutable.
 *
 * @param memoryKiB Argon2 memory (RFC 9106's second recommendation is 65 536 KiB with 3 passes)
 */
public record SealedKey(
    byte[] salt, int memoryKiB, int iterations, int parallelism, byte[] nonce, byte[] ciphertext) {
  private static final byte[] DOMAIN =
      "votechain/official-key/v1".getBytes(StandardCharsets.US_ASCII);

  public SealedKey {
    if (salt.length < 16 || nonce.length != 12 || ciphertext.length != 32 + 16) {
      throw new IllegalArgumentException("malformed sealed key");
    }
    if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
      throw new IllegalArgumentException("bad Argon2id parameters");
    }
    salt = salt.clone();
    nonce = nonce.clone();
    ciphertext = ciphertext.clone();
  }

  /** Seals {@code seed} for account {@code name} under {@code password}. */
  public static SealedKey seal(
      String name, byte[] seed, char[] password, int memoryKiB, int iterations, SecureRandom rnd) {
    byte[] salt = new byte[16];
    byte[] nonce = new byte[12];
    rnd.nextBytes(salt);
    rnd.nextBytes(nonce);
    byte[] key = derive(password, salt, memoryKiB, iterations, 1);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      c.updateAAD(aad(name));
      return new SealedKey(salt, memoryKiB, iterations, 1, nonce, c.doFinal(seed));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** The seed, or empty when {@code password} is wrong (or the record was moved or altered). */
  public Optional<byte[]> open(String name, char[] password) {
    byte[] key = derive(password, salt, memoryKiB, iterations, parallelism);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      c.updateAAD(aad(name));
      return Optional.of(c.doFinal(ciphertext));
    } catch (AEADBadTagException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static byte[] derive(
      char[] password, byte[] salt, int memoryKiB, int iterations, int parallelism) {
    Argon2BytesGenerator argon = new Argon2BytesGenerator();
    argon.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(salt)
            .withMemoryAsKB(memoryKiB)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .build());
    byte[] key = new byte[32];
    argon.generateBytes(password, key);
    return key;
  }

  private static byte[] aad(String name) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(DOMAIN, DOMAIN.length + n.length);
    System.arraycopy(n, 0, out, DOMAIN.length, n.length);
    return out;
  }

  public JsonObject toJson() {
    Base64.Encoder b = Base64.getEncoder();
    return new JsonObject()
        .put("kdf", "argon2id")
        .put("salt", b.encodeToString(salt))
        .put("memoryKiB", memoryKiB)
        .put("iterations", iterations)
        .put("parallelism", parallelism)
        .put("cipher", "aes-256-gcm")
        .put("nonce", b.encodeToString(nonce))
        .put("ciphertext", b.encodeToString(ciphertext));
  }

  public static SealedKey fromJson(JsonObject j) {
    if (!"argon2id".equals(j.getString("kdf")) || !"aes-256-gcm".equals(j.getString("cipher"))) {
      throw new IllegalArgumentException("unknown key sealing");
    }
    Base64.Decoder d = Base64.getDecoder();
    return new SealedKey(
        d.decode(j.getString("salt")),
        j.getInteger("memoryKiB"),
        j.getInteger("iterations"),
        j.getInteger("parallelism"),
        d.decode(j.getString("nonce")),
        d.decode(j.getString("ciphertext")));
  }

  @Override
  public String toString() {
    return "SealedKey[argon2id m=" + memoryKiB + " t=" + iterations + "]";
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealedKey s
        && Arrays.equals(salt, s.salt)
        && memoryKiB == s.memoryKiB
        && iterations == s.iterations
        && parallelism == s.parallelism
        && Arrays.equals(nonce, s.nonce)
        && Arrays.equals(ciphertext, s.ciphertext);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ciphertext);
  }
}
