package io.votechain.web.official;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.sig.Ed25519Signer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SealedKeyTest {
  private static SecureRandom random() throws Exception {
    SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
    r.setSeed(3);
    return r;
  }

  @Test
  void theRightPasswordOpensTheKey() throws Exception {
    byte[] seed = new byte[32];
    seed[0] = 9;
    SealedKey k = SealedKey.seal("ann", seed, "secret".toCharArray(), 1024, 1, random());
    assertArrayEquals(seed, k.open("ann", "secret".toCharArray()).orElseThrow());
  }

  @Test
  void aWrongPasswordOrAnotherAccountNameOpensNothing() throws Exception {
    SealedKey k = SealedKey.seal("ann", new byte[32], "secret".toCharArray(), 1024, 1, random());
    assertTrue(k.open("ann", "Secret".toCharArray()).isEmpty());
    assertTrue(k.open("bo", "secret".toCharArray()).isEmpty(), "bound to the account name");
  }

  @Test
  void anAlteredCiphertextOpensNothing() throws Exception {
    SealedKey k = SealedKey.seal("ann", new byte[32], "secret".toCharArray(), 1024, 1, random());
    byte[] c = k.ciphertext();
    c[0] ^= 1;
    SealedKey altered = new SealedKey(k.salt(), 1024, 1, 1, k.nonce(), c);
    assertTrue(altered.open("ann", "secret".toCharArray()).isEmpty());
  }

  @Test
  void theJsonFormRoundTripsAndNamesNoSecret() throws Exception {
    SealedKey k = SealedKey.seal("ann", new byte[32], "secret".toCharArray(), 1024, 1, random());
    assertEquals(k, SealedKey.fromJson(k.toJson()));
    assertFalse(k.toString().contains("secret"));
  }

  @Test
  void fiveWrongPasswordsLockTheAccountUntilTheLockoutEnds() throws Exception {
    Ed25519Signer key = Ed25519Signer.generate(random());
    OfficialAccount ann =
        OfficialAccount.enroll(
            "ann", Set.of(Role.REGISTRAR), key, "pw".toCharArray(), 1024, 1, random());
    MutableClock clock = new MutableClock(Instant.parse("2026-11-27T00:00:00Z"));
    OfficialAccounts accounts = new OfficialAccounts(List.of(ann), clock);
    for (int i = 0; i < OfficialAccounts.MAX_FAILURES - 1; i++) {
      assertInstanceOf(
          OfficialAccounts.SignIn.Failed.class, accounts.signIn("ann", "no".toCharArray()));
    }
    assertInstanceOf(
        OfficialAccounts.SignIn.Locked.class, accounts.signIn("ann", "no".toCharArray()));
    assertInstanceOf(
        OfficialAccounts.SignIn.Locked.class,
        accounts.signIn("ann", "pw".toCharArray()),
        "even the right password is refused while locked");
    clock.now = clock.now.plus(OfficialAccounts.LOCKOUT).plus(Duration.ofSeconds(1));
    var ok =
        assertInstanceOf(
            OfficialAccounts.SignIn.Success.class, accounts.signIn("ann", "pw".toCharArray()));
    assertEquals(key.publicKey(), ok.official().signer().publicKey());
    assertInstanceOf(
        OfficialAccounts.SignIn.Failed.class, accounts.signIn("nobody", "pw".toCharArray()));
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
