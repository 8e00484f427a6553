package io.votechain.agent.queue;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An unsettled entry of the {@link Outbox}: the transaction body to deliver and, once the agent has
 * signed it, the signed bytes and their nonce. Immutable.
 */
public record OutboxEntry(
    long seq, byte[] body, Optional<byte[]> signedTransaction, Optional<Long> nonce) {
  public OutboxEntry {
    Objects.requireNonNull(signedTransaction, "signedTransaction");
    Objects.requireNonNull(nonce, "nonce");
    body = body.clone();
    signedTransaction = signedTransaction.map(byte[]::clone);
  }

  OutboxEntry(long seq, byte[] body, Optional<byte[]> signed) {
    this(seq, body, signed, Optional.empty());
  }

  OutboxEntry withSigned(byte[] transaction, long nonceValue) {
    return new OutboxEntry(seq, body, Optional.of(transaction), Optional.of(nonceValue));
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public Optional<byte[]> signedTransaction() {
    return signedTransaction.map(byte[]::clone);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutboxEntry e
        && seq == e.seq
        && Arrays.equals(body, e.body)
        && signedTransaction.isPresent() == e.signedTransaction.isPresent()
        && (signedTransaction.isEmpty()
            || Arrays.equals(signedTransaction.get(), e.signedTransaction.get()))
        && nonce.equals(e.nonce);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(seq) * 31 + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "OutboxEntry[" + seq + (signedTransaction.isPresent() ? ", signed" : "") + "]";
  }
}
