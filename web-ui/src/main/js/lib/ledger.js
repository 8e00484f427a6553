// What the "check my ballot" page verifies (docs/web-voting.md §5): the transaction's Merkle
// inclusion in a block (RFC 9162 §2.1.3.2), the block header's hash, and a quorum of validators'
// Ed25519 precommit signatures on that hash (docs/consensus.md).
import { ed25519 } from "@noble/curves/ed25519.js";
import { CanonicalReader, CanonicalWriter, concat, utf8 } from "./encoding.js";
import { sha256, taggedSha256 } from "./hash.js";

const HEADER_TAG = 0x42;
const CONSENSUS_DOMAIN = "votechain/consensus/v1";
const SIGN_KIND_PRECOMMIT = 3;
const VOTE_TYPE_PRECOMMIT = 2;

export function leafHash(leaf) {
  return sha256(concat([Uint8Array.of(0), leaf]));
}

function nodeHash(left, right) {
  return sha256(concat([Uint8Array.of(1), left, right]));
}

function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i];
  return d === 0;
}

/** RFC 9162 §2.1.3.2: the root the path gives for `leaf` at `index` in a tree of `treeSize`. */
export function inclusionRoot(leaf, index, treeSize, path) {
  if (index < 0 || index >= treeSize) return null;
  let fn = BigInt(index);
  let sn = BigInt(treeSize - 1);
  let r = leafHash(leaf);
  for (const p of path) {
    if (sn === 0n) return null;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n ? r : null;
}

/** Decodes the fields of a BlockHeader encoding that the check needs. */
export function readHeader(bytes) {
  const r = new CanonicalReader(bytes);
  const header = {
    chainId: r.fixed(32),
    height: r.varint(),
    round: r.varint(),
    timestamp: r.i64(),
    previousBlockHash: r.fixed(32),
    transactionsRoot: r.fixed(32),
    transactionCount: r.varint(),
    stateHash: r.fixed(32),
    lastCommitHash: r.fixed(32),
    proposer: r.varint(),
  };
  r.finish();
  return header;
}

export function readCertificate(bytes) {
  const r = new CanonicalReader(bytes);
  const cert = {
    height: r.varint(),
    round: r.varint(),
    blockHash: r.fixed(32),
    signatures: r.list(1024, (x) => ({ validator: Number(x.varint()), signature: x.fixed(64) })),
  };
  r.finish();
  return cert;
}

/** SignBytes(chainId, PRECOMMIT, vote): what each validator signed for the block. */
export function precommitSignBytes(chainId, height, round, blockHash, validator) {
  const vote = new CanonicalWriter()
    .u8(VOTE_TYPE_PRECOMMIT)
    .varint(height)
    .varint(round)
    .bool(true)
    .fixed(blockHash)
    .varint(validator)
    .toBytes();
  return new CanonicalWriter()
    .text(CONSENSUS_DOMAIN)
    .fixed(chainId)
    .u8(SIGN_KIND_PRECOMMIT)
    .fixed(vote)
    .toBytes();
}

/**
 * Checks a ballot's inclusion evidence. evidence: { transaction, index, treeSize, path[],
 * header, certificate } as bytes; validators: Ed25519 public keys (genesis order); quorum: n − f.
 * Returns { ok, steps: [{ name, ok }] } — every step is reported, so the page can say what held.
 */
export function verifyInclusion(evidence, validators, quorum, consensusChainId) {
  const steps = [];
  const step = (name, ok) => {
    steps.push({ name, ok });
    return ok;
  };
  let header;
  let cert;
  try {
    header = readHeader(evidence.header);
    cert = readCertificate(evidence.certificate);
  } catch (e) {
    step("decode", false);
    return { ok: false, steps };
  }
  const root = inclusionRoot(evidence.transaction, evidence.index, evidence.treeSize, evidence.path);
  step("merkle", root !== null && equalBytes(root, header.transactionsRoot));
  step("chain", equalBytes(header.chainId, consensusChainId));
  const blockHash = taggedSha256(HEADER_TAG, evidence.header);
  step("header", equalBytes(blockHash, cert.blockHash) && cert.height === header.height);
  let good = 0;
  let last = -1;
  for (const s of cert.signatures) {
    if (s.validator <= last || s.validator >= validators.length) continue;
    last = s.validator;
    const message = precommitSignBytes(
      consensusChainId,
      cert.height,
      cert.round,
      cert.blockHash,
      s.validator,
    );
    try {
      if (ed25519.verify(s.signature, message, validators[s.validator])) good++;
    } catch (e) {
      // A malformed signature counts as no signature.
    }
  }
  step("quorum", good >= quorum);
  return { ok: steps.every((s) => s.ok), steps, signatures: good, height: header.height };
}

export { utf8 };
