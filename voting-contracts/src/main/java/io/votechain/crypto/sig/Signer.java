package io.votechain.crypto.sig;

/**
 * Holds a private key and signs with it. The private key never leaves an implementation: there is
 * no getter for it, and {@code toString} names only the public key. A PKCS#11 token or a TPM can
 * implement this interface later.
 */
public interface Signer {
  PublicKey publicKey();

  /** Signs {@code message}; deterministic for both schemes (RFC 8032, RFC 6979). */
  byte[] sign(byte[] message);
}
