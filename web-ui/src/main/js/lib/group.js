// P-256 scalars and points as docs/crypto.md §1 encodes them, on @noble/curves.
import { p256 } from "@noble/curves/nist.js";

export const Point = p256.Point;
export const N = Point.Fn.ORDER;
export const G = Point.BASE;
export const IDENTITY = Point.ZERO;

/** The representative in [0, n). */
export function mod(x) {
  const r = x % N;
  return r < 0n ? r + N : r;
}

/** Scalar multiplication that, unlike noble's, accepts 0 (giving the identity). */
export function mul(point, scalar) {
  const s = mod(scalar);
  return s === 0n ? IDENTITY : point.multiply(s);
}

export function scalarBytes(s) {
  const out = new Uint8Array(32);
  let x = mod(s);
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

export function bytesToBigInt(bytes) {
  let x = 0n;
  for (const b of bytes) x = (x << 8n) | BigInt(b);
  return x;
}

/** 33 bytes: compressed SEC1, the identity as 33 zero bytes. */
export function pointBytes(p) {
  return p.equals(IDENTITY) ? new Uint8Array(33) : p.toBytes(true);
}

/** Decodes a 33-byte point; the identity only when allowed. Throws on anything non-canonical. */
export function decodePoint(bytes, allowIdentity = false) {
  if (bytes.length !== 33) throw new RangeError("a point is 33 bytes");
  if (bytes.every((b) => b === 0)) {
    if (!allowIdentity) throw new RangeError("identity not allowed");
    return IDENTITY;
  }
  if (bytes[0] !== 2 && bytes[0] !== 3) throw new RangeError("not a compressed point");
  const p = Point.fromBytes(bytes);
  p.assertValidity();
  return p;
}
