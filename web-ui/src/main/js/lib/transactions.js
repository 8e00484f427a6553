// Signed CastBallot and SpoilBallot transactions (docs/contracts.md §2), as
// io.votechain.tx.SignedTransaction encodes and signs them, with an Ed25519 credential.
import { ed25519 } from "@noble/curves/ed25519.js";
import { CanonicalWriter, toHex, utf8 } from "./encoding.js";
import { taggedSha256 } from "./hash.js";

export const TAG_CAST_BALLOT = 12;
export const TAG_SPOIL_BALLOT = 14;
const KEY_TAG_ED25519 = 0x01;
const SIGNING_DOMAIN = utf8("votechain/tx/v1");
const TX_ID_DOMAIN = 0x54;

/** The credential's public key as a PublicKey field: tag 0x01 || 32 bytes. */
export function publicKeyField(publicKey) {
  return Uint8Array.of(KEY_TAG_ED25519, ...publicKey);
}

/** Keys.hex: the state-key form of a public key. */
export function keyHex(publicKey) {
  return toHex(publicKeyField(publicKey));
}

export function credentialPublicKey(seed) {
  return ed25519.getPublicKey(seed);
}

export function castBallotBody(electionId, credentialPublicKey, ballotEncoding) {
  return new CanonicalWriter()
    .u8(TAG_CAST_BALLOT)
    .text(electionId)
    .fixed(publicKeyField(credentialPublicKey))
    .bytes(ballotEncoding)
    .toBytes();
}

/** marks: number[][] (0/1). */
export function spoilBallotBody(electionId, ballotEncoding, noncesEncoding, plaintext) {
  const w = new CanonicalWriter().u8(TAG_SPOIL_BALLOT).text(electionId);
  w.bytes(ballotEncoding).bytes(noncesEncoding);
  w.text(plaintext.ballotId).text(plaintext.styleId);
  w.list(plaintext.marks, (cw, contest) => cw.list(contest, (sw, mark) => sw.u8(mark)));
  return w.toBytes();
}

/**
 * signer || varint nonce || body || signature, the signature over
 * "votechain/tx/v1" || text(chainId) || signer || varint(nonce) || body.
 * Returns { bytes, id } (id = SHA-256(0x54 || bytes), lower-case hex).
 */
export function signTransaction(seed, nonce, body, chainId) {
  const publicKey = ed25519.getPublicKey(seed);
  const unsigned = new CanonicalWriter()
    .fixed(publicKeyField(publicKey))
    .varint(nonce)
    .fixed(body)
    .toBytes();
  const message = new CanonicalWriter()
    .fixed(SIGNING_DOMAIN)
    .text(chainId)
    .fixed(unsigned)
    .toBytes();
  const signature = ed25519.sign(message, seed);
  const bytes = new CanonicalWriter().fixed(unsigned).fixed(signature).toBytes();
  return { bytes, id: toHex(taggedSha256(TX_ID_DOMAIN, bytes)) };
}
