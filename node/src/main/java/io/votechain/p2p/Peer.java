package io.votechain.p2p;

import io.votechain.crypto.sig.Ed25519PublicKey;

/** A validator as the transport knows it: its index, its Ed25519 key and where it listens. */
public record Peer(int id, Ed25519PublicKey publicKey, String host, int port) {
  public Peer {
    if (id < 0) {
      throw new IllegalArgumentException("peer id must be non-negative");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("bad port " + port);
    }
  }
}
