// EncryptBallot (docs/crypto.md §6.2), the encrypted-ballot encoding (§6.4), the ballot hash (§6.5)
// and the challenge disclosure (§6.7), matching io.votechain.ballot.BallotEncryptor bit for bit.
import { CanonicalWriter } from "./encoding.js";
import { G, mod, mul, pointBytes, scalarBytes } from "./group.js";
import { electionHash, enc, toScalar } from "./hash.js";
import { proveRange } from "./rangeproof.js";

export const DOMAIN_BALLOT_BINDING = 0x20;
export const DOMAIN_SELECTION_NONCE = 0x22;
export const DOMAIN_PROOF_SEED = 0x26;
export const DOMAIN_PROOF_CONTEXT = 0x27;
export const DOMAIN_BALLOT_HASH = 0x29;
export const CONTEST_SUM_INDEX = -1;

/** H_I = H(H_E; 0x20, text ballotId). */
export function ballotBinding(extendedBaseHash, ballotId) {
  return electionHash(extendedBaseHash, DOMAIN_BALLOT_BINDING, enc.text(ballotId));
}

export function selectionNonce(binding, i, j, primaryNonce) {
  return toScalar(binding, DOMAIN_SELECTION_NONCE, enc.int(i), enc.int(j), enc.hash(primaryNonce));
}

export function proofSeed(binding, i, j, primaryNonce) {
  return electionHash(binding, DOMAIN_PROOF_SEED, enc.int(i), enc.int(j), enc.hash(primaryNonce));
}

export function proofContext(binding, i, j) {
  return electionHash(binding, DOMAIN_PROOF_CONTEXT, enc.int(i), enc.int(j));
}

/** Enc(m; r) = (r·G, m·G + r·K). */
export function encrypt(key, m, r) {
  return { alpha: mul(G, r), beta: mul(G, BigInt(m)).add(mul(key, r)) };
}

/**
 * style: { styleId, contests: [{ contestId, selectionCount, selectionLimit, weight }] }.
 * plaintext: { ballotId, styleId, marks: number[][] } with marks 0/1 within the limits.
 * primaryNonce: 32 secret bytes, fresh for every ballot.
 * Returns { ballotId, styleId, contests: [{ contestId, selections: [{alpha, beta, proof}], sumProof }] }.
 */
export function encryptBallot(context, style, plaintext, primaryNonce) {
  checkPlaintext(style, plaintext);
  if (primaryNonce.length !== 32) throw new RangeError("the primary nonce is 32 bytes");
  const { extendedBaseHash, electionKey } = context;
  const binding = ballotBinding(extendedBaseHash, plaintext.ballotId);
  const contests = style.contests.map((description, i) => {
    const w = BigInt(description.weight ?? 1);
    const marks = plaintext.marks[i];
    let nonceSum = 0n;
    let markSum = 0;
    let sum = null;
    const selections = marks.map((mark, j) => {
      const nonce = selectionNonce(binding, i, j, primaryNonce);
      const ct = encrypt(electionKey, BigInt(mark) * w, nonce);
      const statement = {
        extendedBaseHash,
        context: proofContext(binding, i, j),
        key: electionKey,
        alpha: ct.alpha,
        beta: ct.beta,
        values: [0n, w],
      };
      const proof = proveRange(statement, mark, nonce, proofSeed(binding, i, j, primaryNonce));
      nonceSum = mod(nonceSum + nonce);
      markSum += mark;
      sum = sum === null ? ct : { alpha: sum.alpha.add(ct.alpha), beta: sum.beta.add(ct.beta) };
      return { alpha: ct.alpha, beta: ct.beta, proof };
    });
    const sumValues = [];
    for (let t = 0; t <= description.selectionLimit; t++) sumValues.push(BigInt(t) * w);
    const sumStatement = {
      extendedBaseHash,
      context: proofContext(binding, i, CONTEST_SUM_INDEX),
      key: electionKey,
      alpha: sum.alpha,
      beta: sum.beta,
      values: sumValues,
    };
    const sumProof = proveRange(
      sumStatement,
      markSum,
      nonceSum,
      proofSeed(binding, i, CONTEST_SUM_INDEX, primaryNonce),
    );
    return { contestId: description.contestId, selections, sumProof };
  });
  return { ballotId: plaintext.ballotId, styleId: style.styleId, contests };
}

function checkPlaintext(style, plaintext) {
  if (style.styleId !== plaintext.styleId) throw new RangeError("plaintext is for another style");
  if (plaintext.marks.length !== style.contests.length) throw new RangeError("marks per contest");
  style.contests.forEach((d, i) => {
    const marks = plaintext.marks[i];
    if (marks.length !== d.selectionCount) throw new RangeError(`contest ${i}: one mark each`);
    let count = 0;
    for (const m of marks) {
      if (m !== 0 && m !== 1) throw new RangeError(`contest ${i}: a mark is 0 or 1`);
      count += m;
    }
    if (count > d.selectionLimit) throw new RangeError(`contest ${i}: more marks than the limit`);
  });
}

export function writeRangeProof(w, branches) {
  w.list(branches, (out, br) =>
    out.fixed(pointBytes(br.a)).fixed(pointBytes(br.b)).fixed(scalarBytes(br.c)).fixed(scalarBytes(br.v)),
  );
}

/** text ballotId || text styleId || list<contest>; contest = text id || list<selection> || proof. */
export function encodeBallot(ballot) {
  const w = new CanonicalWriter();
  w.text(ballot.ballotId).text(ballot.styleId);
  w.list(ballot.contests, (cw, contest) => {
    cw.text(contest.contestId);
    cw.list(contest.selections, (sw, s) => {
      sw.fixed(pointBytes(s.alpha)).fixed(pointBytes(s.beta));
      writeRangeProof(sw, s.proof);
    });
    writeRangeProof(cw, contest.sumProof);
  });
  return w.toBytes();
}

/** h = H(H_E; 0x29, bytes encoding). */
export function ballotHash(extendedBaseHash, encoding) {
  return electionHash(extendedBaseHash, DOMAIN_BALLOT_HASH, enc.bytes(encoding));
}

/** The challenge disclosure: text ballotId || fixed(32) primary nonce (BallotNonces.encode). */
export function encodeNonces(ballotId, primaryNonce) {
  return new CanonicalWriter().text(ballotId).fixed(primaryNonce).toBytes();
}
