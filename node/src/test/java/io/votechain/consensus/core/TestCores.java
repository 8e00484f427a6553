package io.votechain.consensus.core;

import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.validation.SignatureVerifier;
import io.votechain.crypto.sig.Ed25519Signer;

/** Test-only access to the package-private core variants (the broken lock rule). */
public final class TestCores {
  private TestCores() {}

  public static ConsensusCore create(
      Genesis genesis,
      int index,
      Ed25519Signer signer,
      ConsensusConfig config,
      SafetyStore safety,
      BlockStore blocks,
      Application app,
      Mempool mempool,
      SignatureVerifier.Check check,
      boolean lockRuleEnforced) {
    return new ConsensusCore(
        genesis, index, signer, config, safety, blocks, app, mempool, check, lockRuleEnforced);
  }
}
