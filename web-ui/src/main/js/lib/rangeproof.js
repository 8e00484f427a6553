// The disjunctive Chaum–Pedersen range proof, prover side (docs/crypto.md §5.2), exactly as
// io.votechain.crypto.proof.RangeProof.prove makes it: same derived randomness, same challenge.
import { G, mod, mul } from "./group.js";
import { enc, toScalar } from "./hash.js";

export const DOMAIN_CHALLENGE = 0x21;
export const DOMAIN_PROOF_NONCE = 0x25;

/**
 * Proves that ciphertext (alpha, beta) = (r·G, m_l·G + r·K) encrypts values[trueIndex].
 * statement: { extendedBaseHash, context, key (Point), alpha, beta, values: bigint[] }.
 * Returns branches [{a, b, c, v}] (points and bigint scalars).
 */
export function proveRange(statement, trueIndex, nonce, proofSeed) {
  const { key, values } = statement;
  const k = values.length;
  if (trueIndex < 0 || trueIndex >= k) throw new RangeError("true index outside the value set");
  const a = new Array(k);
  const b = new Array(k);
  const c = new Array(k);
  const v = new Array(k);
  const trueValue = values[trueIndex];
  const u = toScalar(proofSeed, DOMAIN_PROOF_NONCE, enc.int(trueIndex), enc.int(0));
  let otherChallenges = 0n;
  for (let j = 0; j < k; j++) {
    if (j === trueIndex) {
      a[j] = mul(G, u);
      b[j] = mul(key, u);
      continue;
    }
    c[j] = toScalar(proofSeed, DOMAIN_PROOF_NONCE, enc.int(j), enc.int(1));
    v[j] = toScalar(proofSeed, DOMAIN_PROOF_NONCE, enc.int(j), enc.int(2));
    otherChallenges = mod(otherChallenges + c[j]);
    // Simulated branch through fixed bases only: t_j = v_j + c_j·r gives a_j = t_j·G and
    // b_j = t_j·K + c_j·(m_l − m_j)·G.
    const t = mod(v[j] + c[j] * nonce);
    a[j] = mul(G, t);
    const shift = mod(c[j] * (trueValue - values[j]));
    const tk = mul(key, t);
    b[j] = shift === 0n ? tk : tk.add(mul(G, shift));
  }
  const challenge = rangeChallenge(statement, a, b);
  c[trueIndex] = mod(challenge - otherChallenges);
  v[trueIndex] = mod(u - c[trueIndex] * nonce);
  const branches = [];
  for (let j = 0; j < k; j++) branches.push({ a: a[j], b: b[j], c: c[j], v: v[j] });
  return branches;
}

/** c = H_q(H_E; 0x21, ctx, K, alpha, beta, u32 k, i64 m_0.., a_0, b_0, ..) (docs/crypto.md §5.1). */
export function rangeChallenge(s, a, b) {
  const parts = [
    enc.hash(s.context),
    enc.point(s.key),
    enc.point(s.alpha),
    enc.point(s.beta),
    enc.int(s.values.length),
  ];
  for (const m of s.values) parts.push(enc.long(m));
  for (let j = 0; j < a.length; j++) parts.push(enc.point(a[j]), enc.point(b[j]));
  return toScalar(s.extendedBaseHash, DOMAIN_CHALLENGE, ...parts);
}

/** Checks a proof (docs/crypto.md §5.3); used by the browser to check its own output. */
export function verifyRange(statement, branches) {
  const k = statement.values.length;
  if (branches.length !== k) return "WRONG_BRANCH_COUNT";
  let sum = 0n;
  for (const br of branches) sum = mod(sum + br.c);
  const expected = rangeChallenge(
    statement,
    branches.map((br) => br.a),
    branches.map((br) => br.b),
  );
  if (sum !== expected) return "CHALLENGE_MISMATCH";
  for (let j = 0; j < k; j++) {
    const br = branches[j];
    if (!mul(G, br.v).add(mul(statement.alpha, br.c)).equals(br.a)) return "COMMITMENT_A_MISMATCH";
    const bj = mul(statement.key, br.v)
      .add(mul(statement.beta, br.c))
      .subtract(mul(G, br.c * statement.values[j]));
    if (!bj.equals(br.b)) return "COMMITMENT_B_MISMATCH";
  }
  return "VALID";
}
