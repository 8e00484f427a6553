package io.votechain.consensus.validation;

import io.votechain.consensus.genesis.Genesis;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.util.BoundedLruCache;
import java.security.MessageDigest;

/**
 * Verifies validator signatures (Ed25519, BouncyCastle) and remembers the last {@code capacity}
 * valid (signer, message, signature) triples, so a vote seen once as a message and again inside a
 * proof of lock or a commit certificate costs one verification. Only successes are cached, keyed by
 * SHA-256 over the whole triple, so a cache hit means exactly this signature was checked before.
 *
 * <p>Not thread safe: one per core.
 */
public final class SignatureVerifier {
  /**
   * The actual signature check behind the cache. The default asks the genesis key; a simulation may
   * share one memoizing check among its simulated validators (each check is still a real Ed25519
   * verification the first time a triple is seen).
   */
  @FunctionalInterface
  public interface Check {
    boolean verify(int validator, byte[] message, byte[] signature);
  }

  private final Genesis genesis;
  private final Check check;
  private final BoundedLruCache<Hash32, Boolean> verified;
  private long verifications;

  public SignatureVerifier(Genesis genesis, int capacity) {
    this(genesis, capacity, (v, m, s) -> genesis.validator(v).key().verify(m, s));
  }

  public SignatureVerifier(Genesis genesis, int capacity, Check check) {
    this.genesis = genesis;
    this.check = check;
    this.verified = new BoundedLruCache<>(capacity);
  }

  /** True only if {@code validator} is in the genesis and signed exactly {@code message}. */
  public boolean verify(int validator, byte[] message, byte[] signature) {
    if (!genesis.isValidator(validator)) {
      return false;
    }
    MessageDigest d = Sha256.newDigest();
    d.update((byte) (validator >>> 8));
    d.update((byte) validator);
    d.update(signature);
    d.update(message);
    Hash32 key = Hash32.of(d.digest());
    // get, not containsKey: a hit must count as a use, or the cache evicts in insertion order and
    // drops the signatures still being checked (a commit certificate's, say) before stale ones.
    if (verified.get(key) != null) {
      return true;
    }
    verifications++;
    boolean ok = check.verify(validator, message, signature);
    if (ok) {
      verified.put(key, Boolean.TRUE);
    }
    return ok;
  }

  /** Signature verifications actually performed (cache misses), for measurements. */
  public long verifications() {
    return verifications;
  }
}
