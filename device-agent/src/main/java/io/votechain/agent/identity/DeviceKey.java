package io.votechain.agent.identity;

import io.votechain.crypto.sig.EcdsaP256PublicKey;
import io.votechain.crypto.sig.Signer;

/**
 * The device's ECDSA P-256 identity key (docs/device-agent.md §1). The private key never leaves an
 * implementation: the agent only ever asks for the public key and for signatures, so a PKCS#11
 * token or a TPM-resident key can implement this interface without the agent changing. Signatures
 * are {@code r || s} over SHA-256 of the message, low-S, as the ledger verifies them.
 */
public interface DeviceKey extends Signer {
  @Override
  EcdsaP256PublicKey publicKey();

  @Override
  byte[] sign(byte[] message);
}
