package io.votechain.p2p;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Mutual TLS between validators, optional (configuration section {@code peerTls}, docs/node.md):
 * every connection, in either direction, presents a certificate issued by one of the network's
 * certificate authorities ({@code caPath}, PEM, one or more certificates) and refuses a peer that
 * presents none or another.
 *
 * <p>TLS adds confidentiality and keeps strangers from reaching the frame parser. It does not
 * replace the transport's own authentication: which validator is at the other end is still proven
 * by its Ed25519 signature over the handshake and over every frame, so a certificate that leaked
 * from one validator cannot be used to speak as another. For that reason the peer's host name is
 * not checked against its certificate: validators are named by their keys, not by host names.
 *
 * @param certPath this validator's certificate chain (PEM)
 * @param keyPath its private key (PEM, PKCS#8)
 * @param caPath the certificate authorities whose certificates peers must present (PEM)
 */
public record PeerTls(Path certPath, Path keyPath, Path caPath) {
  public PeerTls {
    for (Path p : new Path[] {certPath, keyPath, caPath}) {
      if (p == null || !Files.isReadable(p)) {
        throw new IllegalArgumentException("peerTls: cannot read " + p);
      }
    }
  }

  /**
   * From the {@code peerTls} section: {@code {"certPath": ..., "keyPath": ..., "caPath": ...}},
   * paths as written (relative ones from the working directory, as the {@code mqtt.tls} section's).
   */
  public static PeerTls fromJson(JsonObject section) {
    for (String field : section.fieldNames()) {
      if (!field.equals("certPath") && !field.equals("keyPath") && !field.equals("caPath")) {
        throw new IllegalArgumentException("peerTls: unknown field " + field);
      }
    }
    return new PeerTls(
        path(section, "certPath"), path(section, "keyPath"), path(section, "caPath"));
  }

  private static Path path(JsonObject section, String field) {
    String value = section.getString(field);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("peerTls." + field + " is required");
    }
    return Path.of(value);
  }
}
