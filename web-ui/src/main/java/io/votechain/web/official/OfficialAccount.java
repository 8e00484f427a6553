package io.votechain.web.official;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.sig.Ed25519Signer;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An official's account in the console: name, roles, public key, and the private key sealed under
 * the password ({@link SealedKey}). Immutable.
 */
public record OfficialAccount(
    String name, Set<Role> roles, Ed25519PublicKey publicKey, SealedKey sealedKey) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public OfficialAccount {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("account names match [A-Za-z0-9._-]{1,64}");
    }
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
  }

  /** Creates an account for {@code key}, sealing it under {@code password}. */
  public static OfficialAccount enroll(
      String name,
      Set<Role> roles,
      Ed25519Signer key,
      char[] password,
      int memoryKiB,
      int iterations,
      java.security.SecureRandom random) {
    byte[] seed = key.exportSeed();
    try {
      return new OfficialAccount(
          name,
          roles,
          key.publicKey(),
          SealedKey.seal(name, seed, password, memoryKiB, iterations, random));
    } finally {
      java.util.Arrays.fill(seed, (byte) 0);
    }
  }

  /**
   * Opens the sealed key with {@code password}: the signed-in official, or empty for a wrong
   * password. Also empty if the unsealed key is not this account's public key (a tampered file).
   */
  public Optional<Official> signIn(char[] password) {
    Optional<byte[]> seed = sealedKey.open(name, password);
    if (seed.isEmpty()) {
      return Optional.empty();
    }
    Ed25519Signer signer = Ed25519Signer.fromSeed(seed.get());
    java.util.Arrays.fill(seed.get(), (byte) 0);
    if (!signer.publicKey().equals(publicKey)) {
      return Optional.empty();
    }
    return Optional.of(new Official(name, roles, signer));
  }

  public JsonObject toJson() {
    JsonArray r = new JsonArray();
    roles.stream().sorted().forEach(x -> r.add(x.name()));
    return new JsonObject()
        .put("name", name)
        .put("roles", r)
        .put("publicKey", HexFormat.of().formatHex(publicKey.encoded()))
        .put("sealedKey", sealedKey.toJson());
  }

  public static OfficialAccount fromJson(JsonObject j) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Object r : j.getJsonArray("roles", new JsonArray())) {
      roles.add(Role.valueOf((String) r));
    }
    return new OfficialAccount(
        j.getString("name"),
        roles,
        Ed25519PublicKey.decode(HexFormat.of().parseHex(j.getString("publicKey"))),
        SealedKey.fromJson(j.getJsonObject("sealedKey")));
  }
}
