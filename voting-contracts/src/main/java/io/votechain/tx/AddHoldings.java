package io.votechain.tx;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.tx.meeting.Holding;
import java.util.List;

/**
 * An official loads lines of a meeting's share register (the snapshot at the record date), up to
 * 1000 per transaction; the register is frozen when the meeting leaves DRAFT (docs/contracts.md
 * §8.2).
 */
public record AddHoldings(String meetingId, List<Holding> holdings) implements Transaction {
  public static final int MAX_HOLDINGS = 1000;

  public AddHoldings {
    Identifiers.require(meetingId, "meeting id");
    holdings = List.copyOf(holdings);
    if (holdings.isEmpty() || holdings.size() > MAX_HOLDINGS) {
      throw new IllegalArgumentException("1.." + MAX_HOLDINGS + " holdings");
    }
  }

  @Override
  public TxKind kind() {
    return TxKind.ADD_HOLDINGS;
  }

  @Override
  public void writeFields(CanonicalWriter w) {
    w.text(meetingId).list(holdings, (cw, h) -> h.writeTo(cw));
  }

  static AddHoldings readFields(CanonicalReader r) {
    String meeting = r.text(Identifiers.MAX_LENGTH);
    return new AddHoldings(meeting, r.list(MAX_HOLDINGS, Holding::readFrom));
  }
}
