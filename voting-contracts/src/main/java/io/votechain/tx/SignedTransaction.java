package io.votechain.tx;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.PublicKey;
import io.votechain.crypto.sig.Signer;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A transaction as submitted and stored (docs/contracts.md §2): signer's public key, nonce (the
 * signer's sequence number, for replay protection), body, and a 64-byte signature over
 *
 * <pre>
 * "votechain/tx/v1" || text(chainId) || signer || varint(nonce) || body
 * </pre>
 *
 * The chain id is signed but not transmitted, so a transaction replayed on another chain fails its
 * signature check. Immutable.
 */
public final class SignedTransaction {
  static final byte[] DOMAIN = "votechain/tx/v1".getBytes(StandardCharsets.US_ASCII);

  /** Domain tag 'T' of the transaction id. */
  public static final int ID_DOMAIN = 0x54;

  private final PublicKey signer;
  private final long nonce;
  private final Transaction body;
  private final byte[] signature;

  /**
   * The encoding, made once: a validator asks a ballot for its id and its signed bytes several
   * times, and encoding one compresses some forty curve points. Racy but benign (every thread
   * computes the same bytes); never handed out without copying.
   */
  private volatile byte[] encoding;

  private volatile Hash32 id;

  public SignedTransaction(PublicKey signer, long nonce, Transaction body, byte[] signature) {
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(signature, "signature");
    if (nonce < 0) {
      throw new IllegalArgumentException("nonce must be non-negative");
    }
    if (signature.length != signer.algorithm().signatureLength()) {
      throw new IllegalArgumentException("signature has the wrong length");
    }
    this.signer = signer;
    this.nonce = nonce;
    this.body = body;
    this.signature = signature.clone();
  }

  public PublicKey signer() {
    return signer;
  }

  public long nonce() {
    return nonce;
  }

  public Transaction body() {
    return body;
  }

  /** Signs {@code body} as {@code signer}'s transaction number {@code nonce} on {@code chainId}. */
  public static SignedTransaction sign(
      Signer signer, long nonce, Transaction body, String chainId) {
    byte[] message = signingMessage(chainId, unsignedBytes(signer.publicKey(), nonce, body));
    return new SignedTransaction(signer.publicKey(), nonce, body, signer.sign(message));
  }

  public byte[] signature() {
    return signature.clone();
  }

  public TxKind kind() {
    return body.kind();
  }

  public boolean verifySignature(String chainId) {
    byte[] encoded = encoding();
    byte[] unsigned = Arrays.copyOf(encoded, encoded.length - signature.length);
    return signer.verify(signingMessage(chainId, unsigned), signature);
  }

  public byte[] encode() {
    return encoding().clone();
  }

  private byte[] encoding() {
    byte[] e = encoding;
    if (e == null) {
      CanonicalWriter w = new CanonicalWriter();
      writeUnsigned(w, signer, nonce, body);
      e = w.fixed(signature).toByteArray();
      encoding = e;
    }
    return e;
  }

  /** SHA-256(0x54 || encoding): the transaction id used in receipts and as proposal id. */
  public Hash32 id() {
    Hash32 i = id;
    if (i == null) {
      i = Sha256.tagged(ID_DOMAIN, encoding());
      id = i;
    }
    return i;
  }

  /**
   * Decodes hostile bytes; throws only {@link EncodingException} ({@code TOO_LARGE} above the
   * kind's maximum size).
   */
  public static SignedTransaction decode(byte[] bytes) {
    if (bytes.length > TxKind.MAX_SIZE) {
      throw new EncodingException(
          EncodingException.Reason.TOO_LARGE, "transaction above " + TxKind.MAX_SIZE + " bytes");
    }
    CanonicalReader r = new CanonicalReader(bytes);
    SignedTransaction tx =
        Decoding.guard(
            () -> {
              PublicKey signer = PublicKey.readFrom(r);
              long nonce = r.varint(Long.MAX_VALUE);
              Transaction body = Transaction.readFrom(r);
              return new SignedTransaction(
                  signer, nonce, body, r.fixed(signer.algorithm().signatureLength()));
            });
    r.finish();
    if (bytes.length > tx.kind().maxSize()) {
      throw new EncodingException(
          EncodingException.Reason.TOO_LARGE,
          tx.kind() + " above " + tx.kind().maxSize() + " bytes");
    }
    return tx;
  }

  /** The public code for bytes that did not decode. */
  public static Validation rejection(EncodingException e) {
    return e.reason() == EncodingException.Reason.TOO_LARGE
        ? Validation.reject(ErrorCode.TRANSACTION_TOO_LARGE, e.getMessage())
        : Validation.reject(ErrorCode.MALFORMED_TRANSACTION, e.getMessage());
  }

  private static byte[] unsignedBytes(PublicKey signer, long nonce, Transaction body) {
    CanonicalWriter w = new CanonicalWriter();
    writeUnsigned(w, signer, nonce, body);
    return w.toByteArray();
  }

  private static void writeUnsigned(
      CanonicalWriter w, PublicKey signer, long nonce, Transaction body) {
    signer.writeTo(w);
    w.varint(nonce);
    body.writeTo(w);
  }

  private static byte[] signingMessage(String chainId, byte[] unsigned) {
    return new CanonicalWriter().fixed(DOMAIN).text(chainId).fixed(unsigned).toByteArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedTransaction other && Arrays.equals(encoding(), other.encoding());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoding());
  }

  @Override
  public String toString() {
    return "SignedTransaction[" + body.kind() + " by " + signer + " #" + nonce + "]";
  }
}
