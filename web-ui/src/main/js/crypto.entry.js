// The browser cryptography as one ES module, imported by the voter pages' scripts and by the
// browser tests (which check it against the Java implementation). Public functions only: no state.
export * as encoding from "./lib/encoding.js";
export * as group from "./lib/group.js";
export * as hash from "./lib/hash.js";
export * as rangeproof from "./lib/rangeproof.js";
export * as ballot from "./lib/ballot.js";
export * as codes from "./lib/codes.js";
export * as transactions from "./lib/transactions.js";
export * as ledger from "./lib/ledger.js";
export * as check from "./lib/check.js";
