package io.votechain.contract;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.state.StateEntry;
import io.votechain.state.StateView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One polling station's turnout in an election ({@code election/<id>/turnout/<station>}): the
 * credentials on its roll, those whose counted vote came over the web or from a kiosk, and the
 * poll-book check-ins. The station is the one the credential is on the roll for, web voters
 * included. The roll and ballot-box contracts keep it as they write roll entries, check-ins and
 * counted votes, so that turnout is read from one key per station instead of by listing the
 * per-voter folders, which grow with the election and are never listed (docs/contracts.md §1).
 */
public record StationTurnout(
    String stationId, long eligible, long web, long inPerson, long checkedIn) {
  public StationTurnout {
    if (eligible < 0 || web < 0 || inPerson < 0 || checkedIn < 0) {
      throw new IllegalArgumentException("a turnout count is negative");
    }
  }

  /** Credentials whose vote counts, by either channel. */
  public long counted() {
    return web + inPerson;
  }

  static StationTurnout empty(String stationId) {
    return new StationTurnout(stationId, 0, 0, 0, 0);
  }

  /** The station's counts, or zeros when nothing has been written for it yet. */
  static StationTurnout read(StateView state, String electionId, String stationId) {
    return find(state, electionId, stationId).orElse(empty(stationId));
  }

  public static Optional<StationTurnout> find(
      StateView state, String electionId, String stationId) {
    return state
        .get(StateKeys.turnout(electionId, stationId))
        .map(bytes -> decode(stationId, bytes));
  }

  /**
   * Every station's counts, in station-id order (a scan's order; the stations with a roll entry; a
   * listing of one key per station, which stays far below a store's listing limit).
   */
  public static List<StationTurnout> byStation(StateView state, String electionId) {
    String prefix = StateKeys.turnoutPrefix(electionId);
    List<StationTurnout> out = new ArrayList<>();
    for (StateEntry e : state.scan(prefix)) {
      out.add(decode(e.key().path().substring(prefix.length()), e.value()));
    }
    return out;
  }

  void write(StateView state, String electionId) {
    state.put(StateKeys.turnout(electionId, stationId), encode());
  }

  StationTurnout withEligible(long more) {
    return new StationTurnout(stationId, eligible + more, web, inPerson, checkedIn);
  }

  StationTurnout withCheckIn() {
    return new StationTurnout(stationId, eligible, web, inPerson, checkedIn + 1);
  }

  /** Counts a vote by {@code channel}; {@code delta} is −1 when a re-vote replaces it. */
  StationTurnout withVote(RevoteRule.Channel channel, int delta) {
    return channel == RevoteRule.Channel.WEB
        ? new StationTurnout(stationId, eligible, web + delta, inPerson, checkedIn)
        : new StationTurnout(stationId, eligible, web, inPerson + delta, checkedIn);
  }

  public byte[] encode() {
    return new CanonicalWriter()
        .varint(eligible)
        .varint(web)
        .varint(inPerson)
        .varint(checkedIn)
        .toByteArray();
  }

  public static StationTurnout decode(String stationId, byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    StationTurnout t =
        new StationTurnout(
            stationId,
            r.varint(Long.MAX_VALUE),
            r.varint(Long.MAX_VALUE),
            r.varint(Long.MAX_VALUE),
            r.varint(Long.MAX_VALUE));
    r.finish();
    return t;
  }
}
