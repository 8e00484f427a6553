package io.votechain.web.voter;

import io.votechain.contract.StateKeys;
import io.votechain.crypto.hash.Hash32;
import io.votechain.web.LedgerPort;
import java.util.Optional;

/**
 * What the check page says without JavaScript (docs/web-voting.md §5): whether this site's node
 * holds a ballot with the tracking code, as cast or as challenged (spoiled), and the transaction
 * that carried it. This is the server's word, not a verification; the page says so, and the
 * browser's own checks (check.entry.js) are what a voter with JavaScript gets on top.
 *
 * @param outcome what the state says
 * @param transactionId the carrying transaction's id in hex, empty when not found
 */
public record ServerCheck(Outcome outcome, String transactionId) {
  /** Closed set of answers; each has a message {@code voter.check.server.<name>}. */
  public enum Outcome {
    NOT_ASKED,
    NOT_FOUND,
    RECORDED,
    SPOILED
  }

  static final ServerCheck NOT_ASKED = new ServerCheck(Outcome.NOT_ASKED, "");

  public ServerCheck {
    transactionId = transactionId == null ? "" : transactionId;
  }

  /** Reads the ballot's state keys (contracts.md §4.6). Blocking: call through {@code blocking}. */
  static ServerCheck of(LedgerPort ledger, String electionId, Hash32 ballotHash) {
    Optional<byte[]> tx = ledger.state(StateKeys.ballotTx(electionId, ballotHash));
    String txHex =
        tx.filter(b -> b.length == Hash32.LENGTH).map(b -> Hash32.of(b).hex()).orElse("");
    if (ledger.state(StateKeys.spoiled(electionId, ballotHash)).isPresent()) {
      return new ServerCheck(Outcome.SPOILED, txHex);
    }
    if (ledger.state(StateKeys.ballot(electionId, ballotHash)).isPresent()) {
      return new ServerCheck(Outcome.RECORDED, txHex);
    }
    return new ServerCheck(Outcome.NOT_FOUND, "");
  }

  /** The message key of the outcome, for the template. */
  public String messageKey() {
    return "voter.check.server." + outcome.name();
  }

  public boolean asked() {
    return outcome != Outcome.NOT_ASKED;
  }
}
