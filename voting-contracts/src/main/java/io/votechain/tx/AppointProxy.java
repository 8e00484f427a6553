package io.votechain.tx;

import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.Objects;

/**
 * A holder (the signer) appoints {@code proxy} to vote its shares in a meeting, replacing any
 * earlier appointment. The holder's own vote always overrides the proxy's (docs/contracts.md §8.4).
 */
public record AppointProxy(String meetingId, Ed25519PublicKey proxy) implements Transaction {
  public AppointProxy {
    Identifiers.require(meetingId, "meeting id");
    Objects.requireNonNull(proxy, "proxy");
  }

  @Override
  public TxKind kind() {
    return TxKind.APPOINT_PROXY;
  }

  @Override
  public void writeFields(CanonicalWriter w) {
    w.text(meetingId);
    proxy.writeTo(w);
  }

  static AppointProxy readFields(CanonicalReader r) {
    String meeting = r.text(Identifiers.MAX_LENGTH);
    return new AppointProxy(meeting, Keys.readEd25519(r));
  }
}
