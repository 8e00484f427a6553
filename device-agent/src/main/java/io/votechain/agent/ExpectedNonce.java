package io.votechain.agent;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the ledger's next nonce from the reason of a {@code BAD_NONCE} refusal (docs/mqtt.md §3:
 * exactly {@code "expected nonce N, got M"}, in the contracts' own words). The agent uses it to
 * resynchronise a nonce that fell behind the ledger (device data restored from an old backup)
 * instead of dropping the transaction.
 *
 * <p>A reason is accepted only when it is exactly that form, names the nonce the agent actually
 * sent as {@code M}, and names a different {@code N}: anything else is not a usable answer, and the
 * refusal then stands. Whether to follow an accepted hint at all is bounded by the caller (a lying
 * validator must not keep the agent re-signing forever).
 */
final class ExpectedNonce {
  /** Decimal nonces of at most 18 digits: always inside a {@code long}. */
  private static final Pattern REASON =
      Pattern.compile("expected nonce (0|[1-9][0-9]{0,17}), got (0|[1-9][0-9]{0,17})");

  private ExpectedNonce() {}

  /**
   * The nonce the ledger expects, if {@code reason} is a usable answer to a transaction {@code
   * sent}.
   */
  static OptionalLong parse(String reason, long sent) {
    Matcher m = REASON.matcher(reason);
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    long expected = Long.parseLong(m.group(1));
    long got = Long.parseLong(m.group(2));
    if (got != sent || expected == sent) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(expected);
  }
}
