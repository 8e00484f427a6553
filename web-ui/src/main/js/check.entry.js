// The "check my ballot" page (docs/web-voting.md §5): fetches the ledger's evidence for a tracking
// code and verifies it here — the ballot's hash, its transaction's Merkle path to the block's
// transaction root, the header hash and a quorum of validator signatures — then says in plain
// words what held. The server only relays ledger data; it is trusted for none of the checks.
import { ballotHash } from "./lib/ballot.js";
import { trackingCode } from "./lib/codes.js";
import { CanonicalReader, fromHex, toHex } from "./lib/encoding.js";
import { readHeader, verifyInclusion } from "./lib/ledger.js";

const app = document.getElementById("check-app");
const data = app.dataset;
const $ = (id) => document.getElementById(id);

function msg(name, ...args) {
  const key = "msg" + name.charAt(0).toUpperCase() + name.slice(1);
  return (data[key] || "").replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));
}

/** The election id and ballot encoding of a signed CastBallot (docs/contracts.md §2). */
function castBallotFields(tx) {
  const r = new CanonicalReader(tx);
  const signerTag = r.u8();
  r.fixed(signerTag === 1 ? 32 : 33);
  r.varint();
  if (r.u8() !== 12) throw new RangeError("not a CastBallot");
  const electionId = r.text(64);
  if (r.u8() !== 1) throw new RangeError("credential is not Ed25519");
  r.fixed(32);
  return { electionId, ballot: r.bytes(262144) };
}

function addStep(ok, text) {
  const li = document.createElement("li");
  li.className = ok ? "step-ok" : "step-failed";
  const mark = document.createElement("strong");
  // Words, not only colour or an icon, say whether the step held.
  mark.textContent = (ok ? msg("stepOk") : msg("stepFailed")) + " ";
  li.append(mark, document.createTextNode(text));
  $("check-steps").append(li);
}

function addDetail(term, value) {
  const dt = document.createElement("dt");
  dt.textContent = term;
  const dd = document.createElement("dd");
  const code = document.createElement("code");
  code.textContent = value;
  dd.append(code);
  $("check-details").append(dt, dd);
}

async function run() {
  if (!data.evidenceUrl) return;
  $("check-status").textContent = msg("loading");
  let response;
  try {
    response = await fetch(data.evidenceUrl, { credentials: "same-origin" });
  } catch (e) {
    $("check-status").textContent = msg("network");
    return;
  }
  if (response.status === 404) {
    $("check-status").textContent = msg("notFound");
    return;
  }
  const e = await response.json();
  $("check-status").textContent = "";
  const evidence = {
    transaction: fromHex(e.transaction),
    index: e.index,
    treeSize: e.treeSize,
    path: e.path.map(fromHex),
    header: fromHex(e.header),
    certificate: fromHex(e.certificate),
  };
  let ballotOk = false;
  try {
    const cast = castBallotFields(evidence.transaction);
    const hash = ballotHash(fromHex(e.extendedBaseHash), cast.ballot);
    ballotOk = cast.electionId === e.electionId && trackingCode(hash) === data.code;
  } catch (err) {
    ballotOk = false;
  }
  addStep(ballotOk, msg("stepBallot"));
  const validators = (e.validators || []).map(fromHex);
  let header = null;
  try {
    header = readHeader(evidence.header);
  } catch (err) {
    header = null;
  }
  const chainId = e.consensusChainId ? fromHex(e.consensusChainId) : header ? header.chainId : null;
  const result =
    chainId === null
      ? { ok: false, steps: [{ name: "decode", ok: false }], signatures: 0 }
      : verifyInclusion(evidence, validators, e.quorum, chainId);
  for (const s of result.steps) {
    if (s.name === "chain" && !e.consensusChainId) continue; // nothing independent to compare
    if (s.name === "quorum" && validators.length === 0) {
      addStep(false, msg("noValidators"));
      continue;
    }
    const text =
      s.name === "merkle"
        ? msg("stepMerkle", e.height)
        : s.name === "quorum"
          ? msg("stepQuorum", result.signatures, e.quorum)
          : msg("step" + s.name.charAt(0).toUpperCase() + s.name.slice(1));
    addStep(s.ok, text);
  }
  const ok = ballotOk && result.ok;
  $("check-summary").textContent = ok ? msg("ok") : msg("failed");
  addDetail("transaction", e.transactionId);
  addDetail("block", String(e.height));
  addDetail("merkle path", e.path.join(" "));
  addDetail("header", toHex(evidence.header));
  $("check-result").hidden = false;
  $("check-summary").focus();
}

run();
