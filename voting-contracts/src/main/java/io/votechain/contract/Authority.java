package io.votechain.contract;

import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.sig.PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.tx.Keys;
import java.util.Comparator;
import java.util.List;

/** The election authority: officials (sorted by key) and the M of its M-of-N rule. Immutable. */
record Authority(List<Ed25519PublicKey> officials, int threshold) {
  static final Comparator<PublicKey> BY_KEY = Comparator.comparing(Keys::hex);

  Authority {
    officials = officials.stream().sorted(BY_KEY).toList();
  }

  boolean isOfficial(PublicKey key) {
    return key instanceof Ed25519PublicKey && officials.contains(key);
  }

  byte[] encode() {
    return new CanonicalWriter()
        .list(officials, (w, k) -> k.writeTo(w))
        .varint(threshold)
        .toByteArray();
  }

  static Authority decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    Authority a =
        new Authority(r.list(GenesisConfig.MAX_OFFICIALS, Keys::readEd25519), (int) r.varint(64));
    r.finish();
    return a;
  }
}
