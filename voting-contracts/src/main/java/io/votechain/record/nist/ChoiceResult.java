package io.votechain.record.nist;

/**
 * One choice of a contest (a candidate, "yes", "for", ...) with its decrypted total: a number of
 * votes, or of shares in a shareholder meeting. Instances are immutable.
 */
public record ChoiceResult(String id, LocalizedText label, long total) {
  public ChoiceResult {
    Checks.id(id, "choice id");
    Checks.present(label, "label of choice " + id);
    Checks.count(total, "total of choice " + id);
  }
}
