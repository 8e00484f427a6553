package io.votechain.web.official;

import io.votechain.crypto.sig.Ed25519Signer;
import java.util.Set;

/**
 * A signed-in official: kept only in the server-side session (never in a cookie), holding the
 * unsealed key that signs the official's transactions. {@link #toString()} names no secret.
 */
public final class Official {
  private final String name;
  private final Set<Role> roles;
  private final Ed25519Signer signer;

  Official(String name, Set<Role> roles, Ed25519Signer signer) {
    this.name = name;
    this.roles = Set.copyOf(roles);
    this.signer = signer;
  }

  public String name() {
    return name;
  }

  public Set<Role> roles() {
    return roles;
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** For templates: {@code user.hasRole('REGISTRAR')}. */
  public boolean hasRole(String role) {
    return roles.stream().anyMatch(r -> r.name().equals(role));
  }

  Ed25519Signer signer() {
    return signer;
  }

  public String publicKeyHex() {
    return io.votechain.tx.Keys.hex(signer.publicKey());
  }

  @Override
  public String toString() {
    return "Official[" + name + ", " + roles + "]";
  }
}
