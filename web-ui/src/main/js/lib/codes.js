// Human-readable codes (docs/web-voting.md §2, §4): the voter credential code and the tracking code,
// both Crockford base32 (no I, L, O, U; case-insensitive) in groups separated by '-'.
import { sha256 } from "@noble/hashes/sha2.js";
import { concat, utf8 } from "./encoding.js";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CREDENTIAL_PREFIX = "VC1";
const CHECKSUM_DOMAIN = utf8("votechain/credential/v1");

export function base32(bytes) {
  let out = "";
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(acc << (5 - bits)) & 31];
  return out;
}

/** Decodes Crockford base32 of exactly `length` bytes; null if malformed. */
export function unbase32(text, length) {
  const clean = text
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (clean.length !== Math.ceil((length * 8) / 5)) return null;
  const out = new Uint8Array(length);
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    acc = ((acc << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      if (n < length) out[n++] = (acc >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  // The padding bits of the last character must be zero, so each byte string has one code.
  if ((acc & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

function group(text, size) {
  const groups = [];
  for (let i = 0; i < text.length; i += size) groups.push(text.slice(i, i + size));
  return groups.join("-");
}

/** Tracking code: the 32-byte ballot hash in base32, 13 groups of 4 (52 characters). */
export function trackingCode(ballotHash) {
  return group(base32(ballotHash), 4);
}

export function trackingCodeToHash(code) {
  return unbase32(code, 32);
}

/**
 * Credential code: "VC1-" then base32 of seed (32) || first 2 bytes of
 * SHA-256("votechain/credential/v1" || seed), 55 characters in groups of 5. The checksum catches
 * typing errors before anything is signed.
 */
export function credentialCode(seed) {
  const check = sha256(concat([CHECKSUM_DOMAIN, seed])).slice(0, 2);
  return CREDENTIAL_PREFIX + "-" + group(base32(concat([seed, check])), 5);
}

/** The 32-byte Ed25519 seed, or null when the code is mistyped. */
export function parseCredentialCode(code) {
  const trimmed = code.trim().toUpperCase();
  if (!trimmed.startsWith(CREDENTIAL_PREFIX + "-")) return null;
  const raw = unbase32(trimmed.slice(CREDENTIAL_PREFIX.length + 1), 34);
  if (raw === null) return null;
  const seed = raw.slice(0, 32);
  const check = sha256(concat([CHECKSUM_DOMAIN, seed])).slice(0, 2);
  if (check[0] !== raw[32] || check[1] !== raw[33]) return null;
  return seed;
}
