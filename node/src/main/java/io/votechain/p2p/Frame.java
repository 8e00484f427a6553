package io.votechain.p2p;

import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;

/**
 * The frames of the peer protocol (docs/p2p.md §2). On the wire each is preceded by its length as a
 * 4-byte big-endian integer; the body is the canonical encoding, a tag byte first.
 */
sealed interface Frame {
  int NONCE_BYTES = 32;
  int SIGNATURE_BYTES = 64;

  /** Dialer → acceptor: who I am, whom I want, my fresh nonce and my ephemeral key share. */
  record Hello(Hash32 chainId, int dialer, int acceptor, byte[] dialerNonce, byte[] dialerShare)
      implements Frame {}

  /**
   * Acceptor → dialer: its fresh nonce and key share, and its signature over both nonces and both
   * shares (it is who it says, and the shares are the ones the two ends chose).
   */
  record Challenge(byte[] acceptorNonce, byte[] acceptorShare, byte[] signature) implements Frame {}

  /** Dialer → acceptor: the dialer's signature over the same (it is who it says). */
  record Auth(byte[] signature) implements Frame {}

  /**
   * Dialer → acceptor: a payload, numbered from 0 in this session, with its tag under the session's
   * key ({@link SessionMac}).
   */
  record Data(long sequence, byte[] payload, byte[] tag) implements Frame {}

  static byte[] encode(Frame frame) {
    // A data frame: tag, sequence (varint, at most 10 bytes), payload length and payload, MAC.
    CanonicalWriter w =
        new CanonicalWriter(
            frame instanceof Data d ? 16 + d.payload().length + d.tag().length : 128);
    if (frame instanceof Hello h) {
      w.u8(1)
          .fixed(h.chainId().bytes())
          .u32(h.dialer())
          .u32(h.acceptor())
          .fixed(h.dialerNonce())
          .fixed(h.dialerShare());
    } else if (frame instanceof Challenge c) {
      w.u8(2).fixed(c.acceptorNonce()).fixed(c.acceptorShare()).fixed(c.signature());
    } else if (frame instanceof Auth a) {
      w.u8(3).fixed(a.signature());
    } else if (frame instanceof Data d) {
      w.u8(4).varint(d.sequence()).bytes(d.payload()).fixed(d.tag());
    }
    return w.toByteArray();
  }

  /** Decodes a frame body; throws {@link io.votechain.encoding.EncodingException} on bad input. */
  static Frame decode(byte[] body, int maxPayload) {
    CanonicalReader r = new CanonicalReader(body);
    int tag = r.u8();
    Frame frame =
        switch (tag) {
          case 1 ->
              new Hello(
                  Hash32.of(r.fixed(Hash32.LENGTH)),
                  (int) Math.min(r.u32(), Integer.MAX_VALUE),
                  (int) Math.min(r.u32(), Integer.MAX_VALUE),
                  r.fixed(NONCE_BYTES),
                  r.fixed(SessionMac.SHARE_BYTES));
          case 2 ->
              new Challenge(
                  r.fixed(NONCE_BYTES), r.fixed(SessionMac.SHARE_BYTES), r.fixed(SIGNATURE_BYTES));
          case 3 -> new Auth(r.fixed(SIGNATURE_BYTES));
          case 4 ->
              new Data(
                  r.varint(Long.MAX_VALUE), r.bytes(maxPayload), r.fixed(SessionMac.TAG_BYTES));
          default -> throw CanonicalReader.unknownTag("frame", tag);
        };
    r.finish();
    return frame;
  }

  /** The values both handshake signatures cover. */
  record Handshake(
      Hash32 chainId,
      int dialer,
      int acceptor,
      byte[] dialerNonce,
      byte[] acceptorNonce,
      byte[] dialerShare,
      byte[] acceptorShare) {}

  /** What the acceptor signs in its Challenge. */
  static byte[] challengeStatement(Handshake h) {
    return statement("challenge", h);
  }

  /** What the dialer signs in its Auth; also the salt of the session's key ({@link SessionMac}). */
  static byte[] authStatement(Handshake h) {
    return statement("auth", h);
  }

  private static byte[] statement(String kind, Handshake h) {
    return new CanonicalWriter()
        .text("votechain/p2p/v2/" + kind)
        .fixed(h.chainId().bytes())
        .u32(h.dialer())
        .u32(h.acceptor())
        .fixed(h.dialerNonce())
        .fixed(h.acceptorNonce())
        .fixed(h.dialerShare())
        .fixed(h.acceptorShare())
        .toByteArray();
  }
}
