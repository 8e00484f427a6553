// The "check my ballot" page (docs/web-voting.md §5): fetches the evidence for a tracking code from
// the node's public API (/api/v1, docs/api.md §2.2) and verifies it here — the ballot's hash, its
// transaction's Merkle path to the block's transaction root, the header hash and a quorum of the
// genesis validators' signatures — then says in plain words what held. The server only relays
// ledger data; it is trusted for none of the checks (lib/check.js).
import { checkBallot } from "./lib/check.js";

const app = document.getElementById("check-app");
const data = app.dataset;
const $ = (id) => document.getElementById(id);

function msg(name, ...args) {
  const key = "msg" + name.charAt(0).toUpperCase() + name.slice(1);
  return (data[key] || "").replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));
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

class Missing extends Error {}

async function getJson(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (response.status === 404) throw new Missing(url);
  if (!response.ok) throw new Error(url + " " + response.status);
  return response.json();
}

/** The validator keys: pinned by the site's configuration if it has them, else the genesis's. */
async function validatorSet() {
  if (data.pinnedValidators) {
    return { keys: data.pinnedValidators.split(","), chainId: data.pinnedChainId, pinned: true };
  }
  const v = await getJson(data.validatorsUrl);
  return { keys: v.validators.map((x) => x.publicKey), chainId: v.chainId, pinned: false };
}

function stepText(step, result) {
  switch (step.name) {
    case "merkle":
      return msg("stepMerkle", result.height);
    case "quorum":
      return msg("stepQuorum", result.signatures, result.quorum);
    default:
      return msg("step" + step.name.charAt(0).toUpperCase() + step.name.slice(1));
  }
}

async function run() {
  if (!data.ballotUrl) return;
  $("check-status").textContent = msg("loading");
  let answer, election, validators;
  try {
    [answer, election, validators] = await Promise.all([
      getJson(data.ballotUrl),
      getJson(data.electionUrl),
      validatorSet(),
    ]);
  } catch (e) {
    $("check-status").textContent = e instanceof Missing ? msg("notFound") : msg("network");
    return;
  }
  $("check-status").textContent = "";
  const result = checkBallot(
    answer,
    data.election,
    data.hash,
    election.extendedBaseHash || "",
    validators.keys,
    validators.chainId || "",
  );
  for (const s of result.steps) {
    if (s.name === "quorum" && validators.keys.length === 0) {
      addStep(false, msg("noValidators"));
      continue;
    }
    addStep(s.ok, stepText(s, result));
  }
  $("check-summary").textContent = result.ok ? msg("ok") : msg("failed");
  $("check-state").textContent = msg("state" + answer.state.charAt(0) + answer.state.slice(1).toLowerCase());
  $("check-keys").textContent = validators.pinned ? msg("keysPinned") : msg("keysGenesis");
  addDetail("transaction", answer.transaction.id);
  addDetail("block", String(answer.transaction.height));
  addDetail("merkle path", answer.inclusionProof.path.join(" "));
  addDetail("header", answer.block.header.encoding);
  addDetail("certificate", answer.certificate.encoding);
  addDetail("validators", validators.keys.join(" "));
  $("check-result").hidden = false;
  $("check-summary").focus();
}

run();
