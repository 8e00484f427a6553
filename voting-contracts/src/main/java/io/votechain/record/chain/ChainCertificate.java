package io.votechain.record.chain;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A commit certificate (docs/consensus.md §3), re-implemented from the document: {@code varint
 * height, varint round, fixed(32) blockHash, list<(varint validator, fixed(64) signature)>},
 * signers strictly increasing. Each signature is an Ed25519 signature over the precommit's sign
 * bytes {@code text("votechain/consensus/v1") || chainId || u8 3 || u8 2, varint h, varint r, bool
 * true, fixed(32) blockHash, varint validator} (docs/consensus.md §4). Immutable.
 */
public record ChainCertificate(
    long height, int round, Hash32 blockHash, List<ChainCertificate.Signature> signatures) {
  public static final String SIGN_DOMAIN = "votechain/consensus/v1";
  public static final int SIGN_KIND_PRECOMMIT = 3;
  public static final int VOTE_TYPE_PRECOMMIT = 2;
  private static final int LAST_COMMIT_TAG = 0x43;

  /** One validator's precommit signature. */
  public record Signature(int validator, byte[] signature) {
    public Signature {
      if (validator < 0 || signature.length != 64) {
        throw new IllegalArgumentException("invalid commit signature");
      }
      signature = signature.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Signature s
          && s.validator == validator
          && Arrays.equals(s.signature, signature);
    }

    @Override
    public int hashCode() {
      return validator * 31 + Arrays.hashCode(signature);
    }
  }

  public ChainCertificate {
    Objects.requireNonNull(blockHash, "blockHash");
    signatures = List.copyOf(signatures);
    if (height < 1 || round < 0 || signatures.isEmpty()) {
      throw new IllegalArgumentException("invalid certificate");
    }
    for (int i = 1; i < signatures.size(); i++) {
      if (signatures.get(i).validator() <= signatures.get(i - 1).validator()) {
        throw new IllegalArgumentException("signers must be strictly increasing");
      }
    }
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter().varint(height).varint(round).fixed(blockHash.bytes());
    w.list(signatures, (x, s) -> x.varint(s.validator()).fixed(s.signature));
    return w.toByteArray();
  }

  /** Decodes exactly one certificate; throws only {@link EncodingException}. */
  public static ChainCertificate decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    ChainCertificate c = readFrom(r);
    r.finish();
    return c;
  }

  /**
   * Reads one certificate from a longer encoding (a stored block ends with its parent's); throws
   * only {@link EncodingException}.
   */
  public static ChainCertificate readFrom(CanonicalReader r) {
    long height = r.varint(Long.MAX_VALUE);
    int round = (int) r.varint(Integer.MAX_VALUE);
    Hash32 hash = Hash32.of(r.fixed(Hash32.LENGTH));
    List<Signature> sigs =
        r.list(
            ChainGenesis.MAX_VALIDATORS,
            x -> new Signature((int) x.varint(ChainGenesis.MAX_VALIDATORS), x.fixed(64)));
    try {
      return new ChainCertificate(height, round, hash, sigs);
    } catch (IllegalArgumentException e) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, e.getMessage());
    }
  }

  /**
   * {@code SHA-256(0x43 || encoding)}: what the next block's header commits to as its {@code
   * lastCommitHash} (docs/consensus.md §3).
   */
  public static Hash32 lastCommitHash(byte[] encoding) {
    return Sha256.tagged(LAST_COMMIT_TAG, encoding);
  }

  /** The bytes validator {@code validator} signed for this certificate's precommit. */
  public byte[] precommitSignBytes(Hash32 chainId, int validator) {
    byte[] body =
        new CanonicalWriter()
            .u8(VOTE_TYPE_PRECOMMIT)
            .varint(height)
            .varint(round)
            .bool(true)
            .fixed(blockHash.bytes())
            .varint(validator)
            .toByteArray();
    return new CanonicalWriter()
        .text(SIGN_DOMAIN)
        .fixed(chainId.bytes())
        .u8(SIGN_KIND_PRECOMMIT)
        .fixed(body)
        .toByteArray();
  }

  /**
   * Why this certificate does not commit {@code blockHash} at {@code height}, or null if it does.
   */
  public String problem(ChainGenesis genesis, long expectedHeight, Hash32 expectedBlock) {
    if (height != expectedHeight || !blockHash.equals(expectedBlock)) {
      return "certificate is for another block";
    }
    if (signatures.size() < genesis.quorum()) {
      return signatures.size() + " signatures, quorum is " + genesis.quorum();
    }
    List<Ed25519PublicKey> keys = genesis.validators();
    for (Signature s : signatures) {
      if (s.validator() >= keys.size()) {
        return "unknown validator " + s.validator();
      }
      if (!keys.get(s.validator())
          .verify(precommitSignBytes(genesis.chainId(), s.validator()), s.signature)) {
        return "bad signature of validator " + s.validator();
      }
    }
    return null;
  }
}
