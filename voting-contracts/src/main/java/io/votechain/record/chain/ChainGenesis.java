package io.votechain.record.chain;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.EncodingException;
import java.util.ArrayList;
import java.util.List;

/**
 * The consensus genesis as the record carries it (docs/consensus.md §2), read independently of the
 * node's code: {@code text chainName, i64 genesisTime, fixed(32) initialStateHash, list<(fixed(32)
 * key, text address)> validators}. The chain id is {@code SHA-256(0x47 || encoding)}. Immutable.
 */
public final class ChainGenesis {
  public static final int MAX_VALIDATORS = 256;
  private static final int HASH_TAG = 0x47;

  private final String chainName;
  private final Hash32 chainId;
  private final List<Ed25519PublicKey> validators;

  private ChainGenesis(String chainName, Hash32 chainId, List<Ed25519PublicKey> validators) {
    this.chainName = chainName;
    this.chainId = chainId;
    this.validators = List.copyOf(validators);
  }

  /** Decodes the canonical encoding; throws only {@link EncodingException}. */
  public static ChainGenesis decode(byte[] encoding) {
    CanonicalReader r = new CanonicalReader(encoding);
    String name = r.text(64);
    r.i64();
    r.fixed(Hash32.LENGTH);
    int n = (int) r.varint(MAX_VALIDATORS);
    List<Ed25519PublicKey> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] raw = r.fixed(32);
      r.text(255);
      try {
        keys.add(Ed25519PublicKey.decode(raw));
      } catch (IllegalArgumentException e) {
        throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "validator key " + i);
      }
    }
    r.finish();
    if (n == 0 || name.isEmpty()) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "empty genesis");
    }
    if (keys.stream().distinct().count() != n) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "repeated validator");
    }
    return new ChainGenesis(name, Sha256.tagged(HASH_TAG, encoding), keys);
  }

  public String chainName() {
    return chainName;
  }

  /** SHA-256(0x47 || encoding): what every header and precommit is bound to. */
  public Hash32 chainId() {
    return chainId;
  }

  public List<Ed25519PublicKey> validators() {
    return validators;
  }

  /** n − f with f = ⌊(n−1)/3⌋ (docs/consensus.md §1). */
  public int quorum() {
    int n = validators.size();
    return n - (n - 1) / 3;
  }
}
