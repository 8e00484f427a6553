package io.votechain.consensus.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.genesis.ValidatorInfo;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519Signer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {
  private final List<Ed25519Signer> keys = new ArrayList<>();
  private final Genesis genesis;

  SignatureVerifierTest() {
    List<ValidatorInfo> vs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      byte[] seed = new byte[32];
      seed[2] = (byte) (i + 1);
      keys.add(Ed25519Signer.fromSeed(seed));
      vs.add(new ValidatorInfo(keys.get(i).publicKey(), "v" + i + ":1"));
    }
    genesis = new Genesis("signatures", 0, Hash32.ZERO, vs);
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aSignatureCheckedAgainIsTheLeastRecentlyUsedToBeEvicted() {
    SignatureVerifier sigs = new SignatureVerifier(genesis, 2);
    byte[] a = text("a");
    byte[] b = text("b");
    byte[] c = text("c");
    assertTrue(sigs.verify(0, a, keys.get(0).sign(a)));
    assertTrue(sigs.verify(0, b, keys.get(0).sign(b)));
    assertTrue(sigs.verify(0, a, keys.get(0).sign(a)));
    assertEquals(2, sigs.verifications(), "the second check of a is a hit");
    // c evicts the least recently used: b (a was used after b).
    assertTrue(sigs.verify(0, c, keys.get(0).sign(c)));
    assertTrue(sigs.verify(0, a, keys.get(0).sign(a)));
    assertEquals(3, sigs.verifications(), "a is still remembered");
    assertTrue(sigs.verify(0, b, keys.get(0).sign(b)));
    assertEquals(4, sigs.verifications(), "b was the one evicted");
  }

  @Test
  void onlyValidSignaturesOfGenesisValidatorsAreRemembered() {
    SignatureVerifier sigs = new SignatureVerifier(genesis, 8);
    byte[] m = text("m");
    byte[] bySomeoneElse = keys.get(1).sign(m);
    assertFalse(sigs.verify(0, m, bySomeoneElse));
    assertFalse(sigs.verify(0, m, bySomeoneElse));
    assertEquals(2, sigs.verifications(), "a failed check is not remembered");
    assertFalse(sigs.verify(7, m, keys.get(0).sign(m)), "7 is not a validator");
    assertEquals(2, sigs.verifications(), "no key to verify with");
  }
}
