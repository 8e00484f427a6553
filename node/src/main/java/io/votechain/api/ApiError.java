package io.votechain.api;

/**
 * The public API's own error codes (docs/api.md §3): everything that can go wrong with a request
 * before or beside the contracts. A refused transaction answers with the contracts' {@code
 * io.votechain.tx.ErrorCode} name instead, with that code's HTTP status. Names are part of the
 * public protocol: never rename or reuse one.
 */
public enum ApiError {
  INVALID_ID(400, "an identifier must match [A-Za-z0-9._-]{1,64}"),
  INVALID_HEX(400, "expected exactly 64 hexadecimal digits"),
  INVALID_HEIGHT(400, "a block height is a decimal integer from 1 to 2^63-1"),
  INVALID_QUERY(400, "a query parameter is missing, malformed or out of range"),
  NOT_FOUND(404, "no such route"),
  ELECTION_NOT_FOUND(404, "no election with this id"),
  BALLOT_NOT_FOUND(404, "no cast or spoiled ballot with this tracking code"),
  BLOCK_NOT_FOUND(404, "no committed block at this height"),
  TRANSACTION_NOT_FOUND(404, "the transaction is neither committed nor pending"),
  DEVICE_NOT_FOUND(404, "no device with this id"),
  EVIDENCE_NOT_FOUND(404, "this validator holds no equivocation evidence with this hash"),
  METHOD_NOT_ALLOWED(405, "this route does not accept this method"),
  ALREADY_COMMITTED(409, "the transaction is already committed"),
  RESULT_NOT_AVAILABLE(409, "the election has no decrypted result yet"),
  BODY_TOO_LARGE(413, "the request body exceeds the route's limit"),
  RATE_LIMITED(429, "too many requests from this client; retry after the Retry-After seconds"),
  MEMPOOL_FULL(
      429,
      "the validator's mempool, or its queue of transactions waiting for checks, is full; retry later"),
  SENDER_LIMIT(429, "this signer has too many pending transactions; retry later"),
  INTERNAL_ERROR(500, "the validator failed to answer; the request may be retried"),
  NOT_IMPLEMENTED(501, "this validator cannot serve this route yet"),
  STORE_UNAVAILABLE(503, "the ledger store did not answer in time"),
  TOO_MANY_STREAMS(503, "the validator serves its maximum number of event streams");

  private final int httpStatus;
  private final String meaning;

  ApiError(int httpStatus, String meaning) {
    this.httpStatus = httpStatus;
    this.meaning = meaning;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String meaning() {
    return meaning;
  }
}
