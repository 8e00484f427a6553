// The browser's CSPRNG. Only raw bytes are drawn: every scalar is derived from them by H_q, which
// reduces 512 bits mod n, so no modular bias arises here.
export function randomBytes(n) {
  const out = new Uint8Array(n);
  crypto.getRandomValues(out);
  return out;
}
