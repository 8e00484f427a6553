// The voter's ballot page (docs/web-voting.md §3): sign in with a credential code, mark, review,
// encrypt in this browser, then cast or challenge. Secrets — the credential seed and the ballot's
// primary nonce — live only in this module's variables: never in the DOM, storage, logs or a
// request (a challenge discloses the primary nonce on purpose, after which the ballot never counts).
import { encryptBallot, encodeBallot, ballotHash, encodeNonces } from "./lib/ballot.js";
import { parseCredentialCode, trackingCode } from "./lib/codes.js";
import { fromHex, toHex } from "./lib/encoding.js";
import { decodePoint } from "./lib/group.js";
import { randomBytes } from "./lib/random.js";
import {
  castBallotBody,
  credentialPublicKey,
  keyHex,
  signTransaction,
  spoilBallotBody,
} from "./lib/transactions.js";

const app = document.getElementById("voter-app");
const data = app.dataset;
const $ = (id) => document.getElementById(id);
const RECEIPT_POLL_MS = 500;
const RECEIPT_POLLS = 240;

/** A message from the page's bundle (data-msg-*), with {0}, {1} replaced. */
function msg(name, ...args) {
  const key = "msg" + name.charAt(0).toUpperCase() + name.slice(1);
  return (data[key] || "").replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));
}

function status(text) {
  $("status").textContent = text;
}

const STEP_OF_PANEL = {
  "credential-form": 1,
  "ballot-form": 2,
  review: 3,
  decide: 4,
  challenged: 4,
};

function show(panelId) {
  for (const id of Object.keys(STEP_OF_PANEL)) {
    const el = $(id);
    if (el) el.hidden = id !== panelId;
  }
  // The step list says where the voter is to assistive technology, not only by style.
  for (let step = 1; step <= 4; step++) {
    const li = $(`step-${step}`);
    if (step === STEP_OF_PANEL[panelId]) li.setAttribute("aria-current", "step");
    else li.removeAttribute("aria-current");
  }
  const heading = $(panelId).querySelector("h2");
  if (heading) heading.focus();
}

const style = data.style ? JSON.parse(data.style) : null;
let context = null;
let seed = null; // the credential's Ed25519 seed: secret
let publicKey = null;
let pending = null; // { ballotId, primaryNonce (secret), encoding, code, marks }

function electionContext() {
  if (context === null) {
    const key = decodePoint(fromHex(data.electionKey));
    try {
      key.precompute(8); // a fixed-base table for K: every proof multiplies K
    } catch (e) {
      // precomputation is only an optimisation
    }
    context = { extendedBaseHash: fromHex(data.extendedBaseHash), electionKey: key };
  }
  return context;
}

async function getJson(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  return { status: response.status, body: await response.json() };
}

async function credentialState() {
  return getJson(`/vote/api/credential/${encodeURIComponent(data.electionId)}/${keyHex(publicKey)}`);
}

async function submit(bytes) {
  const response = await fetch("/vote/api/submit", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/octet-stream", [data.csrfHeader]: data.csrf },
    body: bytes,
  });
  return { status: response.status, body: await response.json() };
}

/** Waits for the transaction's committed receipt; answers its code. */
async function committedCode(txId) {
  for (let i = 0; i < RECEIPT_POLLS; i++) {
    const { body } = await getJson(`/vote/api/receipt/${txId}`);
    if (body.committed) return body.code;
    await new Promise((resolve) => setTimeout(resolve, RECEIPT_POLL_MS));
  }
  return "TIMEOUT";
}

/** Signs body with the credential at its next nonce, submits, waits: the committed code. */
async function signAndSend(makeBody) {
  const state = await credentialState();
  const tx = signTransaction(seed, state.body.nonce, makeBody(), "" + data.chainId);
  status(msg("sending"));
  const sent = await submit(tx.bytes);
  if (sent.status !== 202) return sent.body.error || "HTTP_" + sent.status;
  status(msg("waiting"));
  return committedCode(sent.body.id);
}

function marks() {
  return style.contests.map((c, i) =>
    Array.from({ length: c.selectionCount }, (_, j) => ($(`c-${i}-${j}`).checked ? 1 : 0)),
  );
}

function checkLimits() {
  let firstBad = null;
  for (const fieldset of app.querySelectorAll("fieldset.contest")) {
    const i = fieldset.dataset.contest;
    const chosen = fieldset.querySelectorAll("input:checked").length;
    const over = chosen > Number(fieldset.dataset.limit);
    $(`contest-${i}-error`).textContent = over ? msg("tooMany") : "";
    fieldset.classList.toggle("invalid", over);
    if (over && firstBad === null) firstBad = fieldset;
  }
  return firstBad;
}

/** The chosen labels per contest, read as text from the page (never as markup). */
function fillChoices(list) {
  list.replaceChildren();
  for (const fieldset of app.querySelectorAll("fieldset.contest")) {
    const dt = document.createElement("dt");
    dt.textContent = fieldset.querySelector("legend").textContent;
    list.append(dt);
    const chosen = fieldset.querySelectorAll("input:checked");
    if (chosen.length === 0) {
      const dd = document.createElement("dd");
      dd.textContent = msg("noChoice");
      list.append(dd);
    }
    for (const input of chosen) {
      const dd = document.createElement("dd");
      dd.textContent = app.querySelector(`label[for="${input.id}"]`).textContent;
      list.append(dd);
    }
  }
}

function forget() {
  if (pending) pending.primaryNonce.fill(0);
  pending = null;
}

const credentialForm = $("credential-form");
if (credentialForm) {
  credentialForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = $("credential");
    const parsed = parseCredentialCode(input.value);
    if (parsed === null) {
      $("credential-error").textContent = msg("badCredential");
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    try {
      seed = parsed;
      publicKey = credentialPublicKey(seed);
      const state = await credentialState();
      if (state.status !== 200 || !state.body.onRoll) {
        seed = null;
        $("credential-error").textContent = msg("notOnRoll");
        input.setAttribute("aria-invalid", "true");
        input.focus();
        return;
      }
    } catch (e) {
      seed = null;
      status(msg("network"));
      return;
    }
    input.value = "";
    input.removeAttribute("aria-invalid");
    $("credential-error").textContent = "";
    status(msg("signedIn"));
    show("ballot-form");
  });
}

app.addEventListener("change", (event) => {
  if (event.target.matches("fieldset.contest input")) checkLimits();
});

$("ballot-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const bad = checkLimits();
  if (bad !== null) {
    bad.querySelector("input").focus();
    return;
  }
  fillChoices($("review-list"));
  status("");
  show("review");
});

$("change").addEventListener("click", () => show("ballot-form"));

$("encrypt").addEventListener("click", () => {
  status(msg("encrypting"));
  // Let the status be painted and announced before the CPU-bound encryption runs.
  setTimeout(() => {
    forget();
    const ballotId = "w-" + toHex(randomBytes(16));
    const primaryNonce = randomBytes(32);
    const plain = { ballotId, styleId: style.styleId, marks: marks() };
    const ballot = encryptBallot(electionContext(), style, plain, primaryNonce);
    const encoding = encodeBallot(ballot);
    const code = trackingCode(ballotHash(electionContext().extendedBaseHash, encoding));
    pending = { ballotId, primaryNonce, encoding, code, plain };
    $("tracking-code").textContent = code;
    status("");
    show("decide");
  }, 30);
});

$("cast").addEventListener("click", async () => {
  const { encoding, code } = pending;
  $("cast").disabled = true;
  try {
    const result = await signAndSend(() => castBallotBody(data.electionId, publicKey, encoding));
    if (result === "OK") {
      forget();
      seed.fill(0);
      seed = null;
      window.location.assign(
        `/vote/election/${encodeURIComponent(data.electionId)}/receipt/${code}`,
      );
      return;
    }
    status(msg("refused", result));
  } catch (e) {
    status(msg("network"));
  } finally {
    $("cast").disabled = false;
  }
});

$("challenge").addEventListener("click", async () => {
  const { ballotId, primaryNonce, encoding, code, plain } = pending;
  fillChoices($("challenge-list"));
  $("challenge-ballot-id").textContent = ballotId;
  $("challenge-code").textContent = code;
  $("challenge-nonce").textContent = toHex(primaryNonce);
  show("challenged");
  try {
    const result = await signAndSend(() =>
      spoilBallotBody(data.electionId, encoding, encodeNonces(ballotId, primaryNonce), plain),
    );
    status(result === "OK" ? msg("spoilRecorded") : msg("spoilRefused", result));
  } catch (e) {
    status(msg("network"));
  }
  // The disclosed ballot must never be cast: drop it, the next encryption gets a new id.
  forget();
});

$("vote-again").addEventListener("click", () => {
  status("");
  show("ballot-form");
});
