// "Check my ballot" from the node's public API alone (docs/web-voting.md §5, docs/api.md §2.2):
// the answer of GET /api/v1/elections/{id}/ballots/{code}, the election's H_E and the genesis
// validators are turned into the bytes the checks need, and every check recomputes its hash or
// signature from canonical encodings — the JSON's convenience fields (leafHash, root, block hash,
// signedBytes, quorum) are never trusted. Pure: no DOM, no fetch, so the browser tests run it on
// answers built by the Java classes.
import { ballotHash } from "./ballot.js";
import { CanonicalReader, fromHex, toHex } from "./encoding.js";
import { TAG_CAST_BALLOT, TAG_SPOIL_BALLOT } from "./transactions.js";
import { verifyInclusion } from "./ledger.js";

const MAX_BALLOT_BYTES = 262144;
const KEY_TAG_ED25519 = 1;

/**
 * The election id and ballot encoding carried by a signed CastBallot or SpoilBallot
 * (docs/contracts.md §2): signer || varint nonce || body || signature. Throws on anything else.
 */
export function ballotOfTransaction(tx) {
  const r = new CanonicalReader(tx);
  const signerTag = r.u8();
  r.fixed(signerTag === KEY_TAG_ED25519 ? 32 : 33);
  r.varint();
  const kind = r.u8();
  if (kind === TAG_CAST_BALLOT) {
    const electionId = r.text(64);
    if (r.u8() !== KEY_TAG_ED25519) throw new RangeError("credential is not Ed25519");
    r.fixed(32);
    return { kind: "cast", electionId, ballot: r.bytes(MAX_BALLOT_BYTES) };
  }
  if (kind === TAG_SPOIL_BALLOT) {
    const electionId = r.text(64);
    return { kind: "spoiled", electionId, ballot: r.bytes(MAX_BALLOT_BYTES) };
  }
  throw new RangeError("not a ballot transaction");
}

/** n − f for n = 3f + 1 (or more) validators: the quorum a commit certificate needs. */
export function quorumOf(n) {
  return n - Math.floor((n - 1) / 3);
}

/**
 * Runs every check. answer: the public API's ballot answer; electionId and ballotHashHex: what
 * the voter asked for; extendedBaseHashHex: H_E; validatorKeysHex: Ed25519 keys in genesis order;
 * chainIdHex: the consensus chain id (genesis hash). Returns { ok, steps: [{name, ok}],
 * signatures, quorum, height } with the steps in the order the page lists them.
 */
export function checkBallot(answer, electionId, ballotHashHex, extendedBaseHashHex, validatorKeysHex, chainIdHex) {
  let ballotOk = false;
  let transaction;
  try {
    transaction = fromHex(answer.transaction.encoding);
    const carried = ballotOfTransaction(transaction);
    const hash = toHex(ballotHash(fromHex(extendedBaseHashHex), carried.ballot));
    ballotOk = carried.electionId === electionId && hash === ballotHashHex.toLowerCase();
  } catch (e) {
    ballotOk = false;
  }
  const quorum = quorumOf(validatorKeysHex.length);
  let result;
  try {
    const proof = answer.inclusionProof;
    result = verifyInclusion(
      {
        transaction,
        index: proof.leafIndex,
        treeSize: proof.treeSize,
        path: proof.path.map(fromHex),
        header: fromHex(answer.block.header.encoding),
        certificate: fromHex(answer.certificate.encoding),
      },
      validatorKeysHex.map(fromHex),
      quorum,
      fromHex(chainIdHex),
    );
  } catch (e) {
    result = { ok: false, steps: [{ name: "decode", ok: false }], signatures: 0 };
  }
  // The block the proof is about must be the block the transaction is said to be in (header
  // heights are read as BigInt varints, the answer's height is a JSON number).
  const heightOk =
    result.height === undefined || result.height === BigInt(answer.transaction.height);
  const steps = [{ name: "ballot", ok: ballotOk }, ...result.steps];
  if (!heightOk) steps.push({ name: "height", ok: false });
  return {
    ok: steps.every((s) => s.ok) && validatorKeysHex.length > 0,
    steps,
    signatures: result.signatures || 0,
    quorum,
    height: answer.transaction.height,
  };
}
