// The canonical binary encoding of docs/encoding.md, writer side: what the browser signs and
// submits must be byte-for-byte what io.votechain.encoding.CanonicalWriter produces.

const UTF8 = new TextEncoder();

/** Appends canonical fields to a growing byte buffer. */
export class CanonicalWriter {
  constructor() {
    this.parts = [];
    this.length = 0;
  }

  push(bytes) {
    this.parts.push(bytes);
    this.length += bytes.length;
    return this;
  }

  u8(v) {
    if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new RangeError("u8 out of range");
    return this.push(Uint8Array.of(v));
  }

  bool(v) {
    return this.u8(v ? 1 : 0);
  }

  u32(v) {
    return this.push(u32(v));
  }

  i64(v) {
    return this.push(i64(v));
  }

  /** Minimal unsigned LEB128, at most 63 bits. */
  varint(v) {
    let x = BigInt(v);
    if (x < 0n || x >= 1n << 63n) throw new RangeError("varint out of range");
    const out = [];
    do {
      let b = Number(x & 0x7fn);
      x >>= 7n;
      if (x !== 0n) b |= 0x80;
      out.push(b);
    } while (x !== 0n);
    return this.push(Uint8Array.from(out));
  }

  fixed(bytes) {
    return this.push(Uint8Array.from(bytes));
  }

  bytes(bytes) {
    return this.varint(bytes.length).fixed(bytes);
  }

  text(s) {
    return this.bytes(UTF8.encode(s));
  }

  list(items, writeItem) {
    this.varint(items.length);
    for (const item of items) writeItem(this, item);
    return this;
  }

  toBytes() {
    return concat(this.parts);
  }
}

/** 4 bytes big-endian; -1 gives ff ff ff ff (two's complement), as the contest-sum index needs. */
export function u32(v) {
  if (!Number.isInteger(v) || v < -0x80000000 || v > 0xffffffff) throw new RangeError("u32");
  const x = v >>> 0;
  return Uint8Array.of(x >>> 24, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff);
}

/** 8 bytes two's complement big-endian. */
export function i64(v) {
  const x = BigInt.asUintN(64, BigInt(v));
  const out = new Uint8Array(8);
  for (let i = 0; i < 8; i++) out[i] = Number((x >> BigInt(56 - 8 * i)) & 0xffn);
  return out;
}

export function utf8(s) {
  return UTF8.encode(s);
}

export function concat(parts) {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

export function toHex(bytes) {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

export function fromHex(hex) {
  if (typeof hex !== "string" || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new TypeError("not hex");
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(2 * i, 2), 16);
  return out;
}

/** Minimal reader for what the browser must parse (state values, proofs, headers, certificates). */
export class CanonicalReader {
  constructor(bytes) {
    this.b = bytes;
    this.p = 0;
  }

  need(n) {
    if (this.p + n > this.b.length) throw new RangeError("TRUNCATED");
  }

  u8() {
    this.need(1);
    return this.b[this.p++];
  }

  bool() {
    const v = this.u8();
    if (v > 1) throw new RangeError("NON_CANONICAL");
    return v === 1;
  }

  i64() {
    const bytes = this.fixed(8);
    let x = 0n;
    for (const byte of bytes) x = (x << 8n) | BigInt(byte);
    return BigInt.asIntN(64, x);
  }

  varint() {
    let x = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.u8();
      if (shift === 63n && b > 0) throw new RangeError("TOO_LARGE");
      x |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) {
        if (b === 0 && shift > 0n) throw new RangeError("NON_CANONICAL");
        return x;
      }
      shift += 7n;
      if (shift > 63n) throw new RangeError("TOO_LARGE");
    }
  }

  fixed(n) {
    this.need(n);
    const out = this.b.slice(this.p, this.p + n);
    this.p += n;
    return out;
  }

  bytes(max) {
    const n = Number(this.varint());
    if (n > max) throw new RangeError("TOO_LARGE");
    return this.fixed(n);
  }

  text(max) {
    return new TextDecoder("utf-8", { fatal: true }).decode(this.bytes(max));
  }

  list(max, readItem) {
    const n = Number(this.varint());
    if (n > max) throw new RangeError("TOO_LARGE");
    const out = [];
    for (let i = 0; i < n; i++) out.push(readItem(this));
    return out;
  }

  finish() {
    if (this.p !== this.b.length) throw new RangeError("TRAILING_BYTES");
  }
}
