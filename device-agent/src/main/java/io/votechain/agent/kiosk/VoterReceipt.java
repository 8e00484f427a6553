package io.votechain.agent.kiosk;

import io.votechain.crypto.hash.Hash32;
import java.util.Objects;

/**
 * The voter's printed receipt: tracking code, full ballot hash, the block that committed the
 * ballot, and where to check it. Carries nothing about the marks. Immutable.
 */
public record VoterReceipt(
    String electionId,
    String trackingCode,
    Hash32 ballotHash,
    long blockHeight,
    String verificationUrl) {
  public VoterReceipt {
    Objects.requireNonNull(electionId, "electionId");
    Objects.requireNonNull(trackingCode, "trackingCode");
    Objects.requireNonNull(ballotHash, "ballotHash");
    Objects.requireNonNull(verificationUrl, "verificationUrl");
  }

  /** Plain text for the kiosk's receipt printer (fixed width, ASCII only). */
  public String printable() {
    return String.join(
            "\n",
            "VOTECHAIN BALLOT RECEIPT",
            "Election:      " + electionId,
            "Tracking code: " + trackingCode,
            "Ballot hash:   " + ballotHash.hex().substring(0, 32),
            "               " + ballotHash.hex().substring(32),
            "Block height:  " + (blockHeight > 0 ? Long.toString(blockHeight) : "pending"),
            "Verify at:     " + verificationUrl,
            "This receipt does not show how you voted.")
        + "\n";
  }

  /** The same receipt as a one-page PDF (Courier, sized to the text), for any printer driver. */
  public byte[] pdf() {
    return PlainTextPdf.render(printable());
  }
}
