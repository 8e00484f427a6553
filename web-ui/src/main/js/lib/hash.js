// ElectionGuard 2.1's H(key; domain || parts) = HMAC-SHA-256 (docs/crypto.md §2) and H_q, the
// unbiased reduction of 512 bits mod n used for every challenge and derived nonce.
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { concat, u32, i64, utf8 } from "./encoding.js";
import { mod, bytesToBigInt, scalarBytes, pointBytes } from "./group.js";

/** Fixed-width hash inputs (docs/crypto.md §2 table). Each returns bytes. */
export const enc = {
  scalar: (s) => scalarBytes(s),
  point: (p) => pointBytes(p),
  hash: (h) => {
    if (h.length !== 32) throw new RangeError("a hash is 32 bytes");
    return h;
  },
  int: (i) => u32(i),
  long: (l) => i64(l),
  bytes: (b) => concat([u32(b.length), b]),
  text: (s) => enc.bytes(utf8(s)),
};

function message(domain, parts) {
  if (!Number.isInteger(domain) || domain < 0 || domain > 0xff) throw new RangeError("domain");
  return concat([Uint8Array.of(domain), ...parts]);
}

/** H(key; domain, parts...) with parts already encoded by {@link enc}. */
export function electionHash(key, domain, ...parts) {
  return hmac(sha256, key, message(domain, parts));
}

/** H_q(key; domain, parts...): HMAC(M || 01) || HMAC(M || 02) as a 512-bit integer mod n. */
export function toScalar(key, domain, ...parts) {
  const m = message(domain, parts);
  const wide = concat([
    hmac(sha256, key, concat([m, Uint8Array.of(1)])),
    hmac(sha256, key, concat([m, Uint8Array.of(2)])),
  ]);
  return mod(bytesToBigInt(wide));
}

/** SHA-256(tag || bytes): transaction ids, header hashes. */
export function taggedSha256(tag, bytes) {
  return sha256(concat([Uint8Array.of(tag), bytes]));
}

export { sha256 };
