package io.votechain.contract;

import static io.votechain.tx.meeting.MeetingManifest.ABSTAIN;
import static io.votechain.tx.meeting.MeetingManifest.AGAINST;
import static io.votechain.tx.meeting.MeetingManifest.FOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.ballot.EncryptedBallot;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.state.InMemoryState;
import io.votechain.tx.AddCredentials;
import io.votechain.tx.AddHoldings;
import io.votechain.tx.AppointProxy;
import io.votechain.tx.CastMeetingVote;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.GovernedAction.AmendElection;
import io.votechain.tx.GovernedAction.CreateElection;
import io.votechain.tx.GovernedAction.CreateMeeting;
import io.votechain.tx.GovernedAction.RegisterTrustees;
import io.votechain.tx.Propose;
import io.votechain.tx.RevokeProxy;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import io.votechain.tx.election.RevotePolicy;
import io.votechain.tx.meeting.Holding;
import io.votechain.tx.meeting.MeetingManifest;
import io.votechain.tx.meeting.PassThreshold;
import io.votechain.tx.meeting.Quorum;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Shareholder meetings driven through the contracts alone (docs/contracts.md §8): share register,
 * weighted encrypted votes, proxies and the holder's override, threshold tally, quorum and pass
 * thresholds, vote confirmation.
 */
class ShareholderMeetingTest {
  private static final PassThreshold ORDINARY = PassThreshold.ORDINARY;
  private static final PassThreshold SPECIAL = PassThreshold.SPECIAL;

  /**
   * The AGM: 5 resolutions (r1, r2, r5 ordinary; r3, r4 special), quorum one half, six holders of
   * 1000, 3000, 500, 1500, 2000 and 2000 shares (10 000 issued), 3 trustees with threshold 2. The
   * test chooses every counted vote; the expected totals are computed from those choices in the
   * clear and must equal what the trustees decrypt.
   */
  @Test
  void annualGeneralMeetingTalliesTheChosenVotesWithProxiesAndOverrides() {
    TestChain chain = new TestChain(31);
    MeetingFixture agm =
        new MeetingFixture(
            chain,
            "agm-2026",
            new Quorum(1, 2),
            List.of(ORDINARY, ORDINARY, SPECIAL, SPECIAL, ORDINARY));
    agm.create();
    agm.register(1000, 3000, 500, 1500, 2000, 2000);
    Ed25519Signer chair = chain.newEd25519(); // a proxy that holds no shares itself
    for (int holder : new int[] {1, 2, 3, 5}) {
      assertEquals(
          ErrorCode.OK,
          chain.code(agm.holders.get(holder), new AppointProxy(agm.id, chair.publicKey())));
    }
    // holder 4 appoints holder 0, a shareholder who votes its own shares too
    assertEquals(
        ErrorCode.OK, chain.code(agm.holders.get(4), new AppointProxy(agm.id, agm.key(0))));
    agm.ceremonyAndOpen(3, 2);

    // What counts, chosen here; the totals below are derived from it.
    int[][] counted = new int[5][];
    counted[0] = new int[] {AGAINST, AGAINST, AGAINST, AGAINST, FOR};
    counted[1] = new int[] {FOR, FOR, FOR, FOR, ABSTAIN};
    counted[2] = new int[] {AGAINST, FOR, AGAINST, FOR, AGAINST};
    counted[3] = new int[] {AGAINST, AGAINST, FOR, FOR, ABSTAIN};
    counted[4] = new int[] {ABSTAIN, ABSTAIN, ABSTAIN, AGAINST, ABSTAIN};

    // Holder 1: the proxy votes first, then the holder — the holder's vote replaces it.
    EncryptedBallot byProxyFor1 = agm.ballot(1, AGAINST, AGAINST, AGAINST, AGAINST, AGAINST);
    assertEquals(ErrorCode.OK, agm.cast(chair, 1, byProxyFor1).code());
    TxReceipt own1 = agm.cast(agm.holders.get(1), 1, agm.ballot(1, counted[1]));
    assertEquals(ErrorCode.OK, own1.code(), own1.reason());
    Event.MeetingVoteCast cast1 = (Event.MeetingVoteCast) own1.events().get(0);
    assertTrue(cast1.supersedes());
    assertEquals(VoteSource.HOLDER, cast1.castBy());

    // Holder 2: the holder votes first; the proxy's later ballot is refused.
    assertEquals(ErrorCode.OK, agm.cast(agm.holders.get(2), 2, agm.ballot(2, counted[2])).code());
    TxReceipt late = agm.cast(chair, 2, agm.ballot(2, FOR, FOR, FOR, FOR, FOR));
    assertEquals(ErrorCode.HOLDER_HAS_VOTED, late.code());

    // Holder 3: only the proxy votes, and re-votes; the last proxy ballot counts.
    assertEquals(ErrorCode.OK, agm.cast(chair, 3, agm.ballot(3, FOR, FOR, FOR, FOR, FOR)).code());
    TxReceipt proxyRevote = agm.cast(chair, 3, agm.ballot(3, counted[3]));
    assertEquals(ErrorCode.OK, proxyRevote.code(), proxyRevote.reason());
    Hash32 countedFor3 = ((Event.MeetingVoteCast) proxyRevote.events().get(0)).ballotHash();

    // Holder 4 through holder 0 as proxy; holder 0 for itself.
    assertEquals(ErrorCode.OK, agm.cast(agm.holders.get(0), 4, agm.ballot(4, counted[4])).code());
    assertEquals(ErrorCode.OK, agm.cast(agm.holders.get(0), 0, agm.ballot(0, counted[0])).code());

    // Holder 5: the proxy votes, then the holder revokes the proxy: nothing counts for holder 5.
    TxReceipt for5 = agm.cast(chair, 5, agm.ballot(5, FOR, FOR, FOR, FOR, FOR));
    assertEquals(ErrorCode.OK, for5.code());
    Hash32 withdrawn = ((Event.MeetingVoteCast) for5.events().get(0)).ballotHash();
    TxReceipt revoked = chain.submit(agm.holders.get(5), new RevokeProxy(agm.id));
    assertEquals(ErrorCode.OK, revoked.code(), revoked.reason());
    assertTrue(((Event.ProxyRevoked) revoked.events().get(0)).withdrewVote());
    assertEquals(
        ErrorCode.NOT_A_PROXY, agm.cast(chair, 5, agm.ballot(5, FOR, FOR, FOR, FOR, FOR)).code());

    long represented = 1000 + 3000 + 500 + 1500 + 2000;
    assertEquals(represented, Meetings.representedShares(chain.state, agm.id));
    assertEquals(5, ElectionCrypto.counted(chain.state, agm.id));
    agm.close();
    TxReceipt tally = agm.tally(2);
    MeetingResult result = MeetingFixture.tallied(tally);

    long[][] expected = new long[5][3];
    for (int holder = 0; holder < 5; holder++) {
      for (int r = 0; r < 5; r++) {
        expected[r][counted[holder][r]] += agm.shares.get(holder);
      }
    }
    assertEquals(10_000, result.issuedShares());
    assertEquals(represented, result.representedShares());
    assertTrue(result.quorumMet(), "8000 of 10000 shares represented, quorum one half");
    for (int r = 0; r < 5; r++) {
      MeetingResult.Resolution res = result.resolutions().get(r);
      assertEquals("r" + (r + 1), res.resolutionId());
      assertEquals(expected[r][FOR], res.votesFor(), "for, r" + (r + 1));
      assertEquals(expected[r][AGAINST], res.votesAgainst(), "against, r" + (r + 1));
      assertEquals(expected[r][ABSTAIN], res.abstentions(), "abstain, r" + (r + 1));
    }
    // r1 ordinary: 3000 for, 3000 against — exactly 50 % is not "more than half"
    assertEquals(List.of(3000L, 3000L, 2000L), totals(result, 0));
    assertFalse(result.resolutions().get(0).passed());
    // r2 ordinary: 3500 for, 2500 against
    assertEquals(List.of(3500L, 2500L, 2000L), totals(result, 1));
    assertTrue(result.resolutions().get(1).passed());
    // r3 special: 4500 for, 1500 against — exactly 75 % is "at least three quarters"
    assertEquals(List.of(4500L, 1500L, 2000L), totals(result, 2));
    assertTrue(result.resolutions().get(2).passed());
    // r4 special: 5000 for, 3000 against — 62.5 %
    assertEquals(List.of(5000L, 3000L, 0L), totals(result, 3));
    assertFalse(result.resolutions().get(3).passed());
    // r5 ordinary: abstentions are not votes cast — 1000 for, 500 against passes
    assertEquals(List.of(1000L, 500L, 6500L), totals(result, 4));
    assertTrue(result.resolutions().get(4).passed());
    assertEquals(result, Meetings.result(chain.state, agm.id).orElseThrow());

    // Vote confirmation, by tracking code
    VoteConfirmation mine =
        VoteConfirmation.lookUp(chain.state, agm.id, cast1.ballotHash()).orElseThrow();
    assertEquals(VoteConfirmation.Status.COUNTED, mine.status());
    assertEquals(agm.key(1), mine.holder());
    assertEquals(VoteSource.HOLDER, mine.castBy());
    assertTrue(mine.tallied());
    assertEquals(own1.txId(), mine.txId().orElseThrow());
    Hash32 proxyBallot1 = byProxyFor1.hash(agm.context().extendedBaseHash());
    VoteConfirmation overridden =
        VoteConfirmation.lookUp(chain.state, agm.id, proxyBallot1).orElseThrow();
    assertEquals(VoteConfirmation.Status.SUPERSEDED, overridden.status());
    assertEquals(VoteSource.PROXY, overridden.castBy());
    assertEquals(
        VoteConfirmation.Status.COUNTED,
        VoteConfirmation.lookUp(chain.state, agm.id, countedFor3).orElseThrow().status());
    assertEquals(
        VoteConfirmation.Status.WITHDRAWN,
        VoteConfirmation.lookUp(chain.state, agm.id, withdrawn).orElseThrow().status());
    assertTrue(VoteConfirmation.lookUp(chain.state, agm.id, Hash32.ZERO).isEmpty());

    // a second validator replaying the blocks reaches the same state
    InMemoryState replica = new InMemoryState();
    List<BlockResult> replayed = chain.replayOnFreshValidator(replica, true);
    assertEquals(chain.stateHash, replayed.get(replayed.size() - 1).stateHash());
    assertEquals(chain.state.scan(""), replica.scan(""));
  }

  private static List<Long> totals(MeetingResult result, int r) {
    MeetingResult.Resolution res = result.resolutions().get(r);
    return List.of(res.votesFor(), res.votesAgainst(), res.abstentions());
  }

  /** A small meeting with one trustee, for the rules; opened by {@link #open}. */
  private TestChain chain;

  private MeetingFixture meeting;

  @BeforeEach
  void setUp() {
    chain = new TestChain(32);
    meeting = new MeetingFixture(chain, "m1", new Quorum(3, 4), List.of(ORDINARY, SPECIAL));
    meeting.create();
    meeting.register(600, 400);
  }

  private void open() {
    meeting.ceremonyAndOpen(1, 1);
  }

  @Test
  void quorumNotMetPassesNothingEvenWithUnanimousSupport() {
    open();
    // 600 of 1000 represented: below the quorum of three quarters
    assertEquals(
        ErrorCode.OK, meeting.cast(meeting.holders.get(0), 0, meeting.ballot(0, FOR, FOR)).code());
    meeting.close();
    MeetingResult result = MeetingFixture.tallied(meeting.tally(1));
    assertFalse(result.quorumMet());
    assertEquals(List.of(600L, 0L, 0L), totals(result, 0));
    assertFalse(result.resolutions().get(0).passed());
    assertFalse(result.resolutions().get(1).passed());
  }

  @Test
  void quorumExactlyReachedCounts() {
    TestChain c = new TestChain(33);
    MeetingFixture m = new MeetingFixture(c, "m2", new Quorum(3, 4), List.of(ORDINARY));
    m.create();
    m.register(750, 250);
    m.ceremonyAndOpen(1, 1);
    assertEquals(ErrorCode.OK, m.cast(m.holders.get(0), 0, m.ballot(0, FOR)).code());
    m.close();
    MeetingResult result = MeetingFixture.tallied(m.tally(1));
    assertTrue(result.quorumMet(), "750 of 1000 is exactly three quarters");
    assertTrue(result.resolutions().get(0).passed());
  }

  @Nested
  class Setup {
    @Test
    void resolutionWithoutForAgainstAbstainIsAnInvalidMeeting() {
      ElectionManifest e = MeetingFixture.election("bad", 1, RevotePolicy.LAST_VOTE_COUNTS);
      Contest yesNo =
          new Contest(
              "r1",
              ContestKind.YES_NO,
              1,
              e.contests().get(0).title(),
              List.of(
                  new Choice("yes", LocalizedText.of("en", "Yes", "zh", "是")),
                  new Choice("no", LocalizedText.of("en", "No", "zh", "否"))));
      ElectionManifest bad =
          new ElectionManifest(
              "bad", e.name(), List.of(yesNo), e.votingStart(), e.votingEnd(), e.revotePolicy());
      MeetingManifest m =
          new MeetingManifest(bad, TestChain.START, new Quorum(1, 2), List.of(ORDINARY));
      TxReceipt r =
          chain.submit(
              chain.officials.get(0), new Propose(new CreateMeeting(m), chain.height() + 3));
      assertEquals(ErrorCode.INVALID_MEETING, r.code());
      MeetingManifest wrongRules =
          new MeetingManifest(
              MeetingFixture.election("bad2", 2, RevotePolicy.LAST_VOTE_COUNTS),
              TestChain.START,
              new Quorum(1, 2),
              List.of(ORDINARY));
      assertEquals(
          ErrorCode.INVALID_MEETING,
          chain.code(
              chain.officials.get(0),
              new Propose(new CreateMeeting(wrongRules), chain.height() + 3)));
    }

    @Test
    void meetingIdCannotReuseAnElectionId() {
      assertEquals(ErrorCode.OK, chain.govern(new CreateElection(TestChain.manifest("e1"))).code());
      MeetingFixture clash = new MeetingFixture(chain, "e1", new Quorum(1, 2), List.of(ORDINARY));
      TxReceipt proposed =
          chain.submit(
              chain.officials.get(0),
              new Propose(new CreateMeeting(clash.manifest), chain.height() + 3));
      TxReceipt approved =
          chain.submit(chain.officials.get(1), new io.votechain.tx.Approve(proposed.txId()));
      assertEquals(ErrorCode.ELECTION_EXISTS, approved.code());
    }

    @Test
    void holderCannotBeRegisteredTwice() {
      Holding again = new Holding(meeting.key(0), 5);
      assertEquals(
          ErrorCode.HOLDER_EXISTS,
          chain.code(chain.officials.get(0), new AddHoldings("m1", List.of(again))));
      Holding fresh = new Holding(chain.newEd25519().publicKey(), 5);
      assertEquals(
          ErrorCode.INVALID_ARGUMENT,
          chain.code(chain.officials.get(0), new AddHoldings("m1", List.of(fresh, fresh))));
      assertEquals(1000, Meetings.issuedShares(chain.state, "m1"));
    }

    @Test
    void onlyOfficialsLoadTheRegisterAndOnlyForAMeeting() {
      Holding h = new Holding(chain.newEd25519().publicKey(), 5);
      assertEquals(
          ErrorCode.NOT_AN_OFFICIAL,
          chain.code(meeting.holders.get(0), new AddHoldings("m1", List.of(h))));
      assertEquals(ErrorCode.OK, chain.govern(new CreateElection(TestChain.manifest("e1"))).code());
      assertEquals(
          ErrorCode.UNKNOWN_MEETING,
          chain.code(chain.officials.get(0), new AddHoldings("e1", List.of(h))));
    }

    @Test
    void registerIsFrozenOnceTheMeetingLeavesDraft() {
      assertEquals(
          ErrorCode.OK,
          chain
              .govern(new RegisterTrustees("m1", List.of(chain.newEd25519().publicKey()), 1))
              .code());
      Holding late = new Holding(chain.newEd25519().publicKey(), 5);
      assertEquals(
          ErrorCode.REGISTER_CLOSED,
          chain.code(chain.officials.get(0), new AddHoldings("m1", List.of(late))));
    }

    @Test
    void meetingIsNeitherAmendedNorGivenAVoterRoll() {
      ElectionManifest amended = MeetingFixture.election("m1", 1, RevotePolicy.LAST_VOTE_COUNTS);
      TxReceipt proposed =
          chain.submit(
              chain.officials.get(0), new Propose(new AmendElection(amended), chain.height() + 3));
      TxReceipt approved =
          chain.submit(chain.officials.get(1), new io.votechain.tx.Approve(proposed.txId()));
      assertEquals(ErrorCode.WRONG_ELECTION_KIND, approved.code());
      assertEquals(
          ErrorCode.WRONG_ELECTION_KIND,
          chain.code(
              chain.officials.get(0),
              new AddCredentials("m1", "s1", List.of(chain.newEd25519().publicKey()))));
    }
  }

  @Nested
  class Proxies {
    @Test
    void holderCannotAppointItselfOrTheSameProxyTwice() {
      Ed25519Signer h = meeting.holders.get(0);
      assertEquals(ErrorCode.INVALID_PROXY, chain.code(h, new AppointProxy("m1", h.publicKey())));
      Ed25519Signer p = chain.newEd25519();
      assertEquals(ErrorCode.OK, chain.code(h, new AppointProxy("m1", p.publicKey())));
      assertEquals(ErrorCode.INVALID_PROXY, chain.code(h, new AppointProxy("m1", p.publicKey())));
    }

    @Test
    void onlyHoldersAppointAndRevokeAndOnlyAnAppointedProxy() {
      Ed25519Signer stranger = chain.newEd25519();
      assertEquals(
          ErrorCode.UNKNOWN_HOLDER,
          chain.code(stranger, new AppointProxy("m1", chain.newEd25519().publicKey())));
      assertEquals(
          ErrorCode.PROXY_NOT_APPOINTED, chain.code(meeting.holders.get(0), new RevokeProxy("m1")));
      assertEquals(
          ErrorCode.UNKNOWN_MEETING,
          chain.code(meeting.holders.get(0), new RevokeProxy("no-such-meeting")));
    }

    @Test
    void replacingTheProxyWithdrawsTheOldProxysVote() {
      Ed25519Signer first = chain.newEd25519();
      Ed25519Signer second = chain.newEd25519();
      Ed25519Signer holder = meeting.holders.get(1);
      assertEquals(ErrorCode.OK, chain.code(holder, new AppointProxy("m1", first.publicKey())));
      open();
      assertEquals(ErrorCode.OK, meeting.cast(first, 1, meeting.ballot(1, FOR, FOR)).code());
      assertEquals(400, Meetings.representedShares(chain.state, "m1"));
      TxReceipt replaced = chain.submit(holder, new AppointProxy("m1", second.publicKey()));
      assertEquals(ErrorCode.OK, replaced.code());
      assertTrue(((Event.ProxyAppointed) replaced.events().get(0)).withdrewVote());
      assertEquals(0, Meetings.representedShares(chain.state, "m1"));
      assertEquals(
          ErrorCode.NOT_A_PROXY, meeting.cast(first, 1, meeting.ballot(1, FOR, FOR)).code());
      assertEquals(
          ErrorCode.OK, meeting.cast(second, 1, meeting.ballot(1, AGAINST, ABSTAIN)).code());
      meeting.close();
      assertEquals(ErrorCode.WRONG_ELECTION_STATUS, chain.code(holder, new RevokeProxy("m1")));
      MeetingResult result = MeetingFixture.tallied(meeting.tally(1));
      assertEquals(List.of(0L, 400L, 0L), totals(result, 0));
      assertEquals(List.of(0L, 0L, 400L), totals(result, 1));
    }
  }

  @Nested
  class Casting {
    @BeforeEach
    void openMeeting() {
      open();
    }

    @Test
    void ballotEncryptedWithAnotherWeightIsInvalid() {
      EncryptedBallot inflated = meeting.ballotWithWeight(601, FOR, FOR);
      TxReceipt r = meeting.cast(meeting.holders.get(0), 0, inflated);
      assertEquals(ErrorCode.BALLOT_INVALID, r.code());
      assertTrue(r.reason().startsWith("SELECTION_PROOF_INVALID at resolution 0"), r.reason());
    }

    @Test
    void anotherHoldersBallotCannotBeCastForMe() {
      // holder 1's ballot (weight 400) cast for holder 0 (weight 600): the weight does not match
      EncryptedBallot b = meeting.ballot(1, FOR, FOR);
      assertEquals(ErrorCode.BALLOT_INVALID, meeting.cast(meeting.holders.get(0), 0, b).code());
    }

    @Test
    void strangersAndUnknownHoldersCannotCast() {
      Ed25519Signer stranger = chain.newEd25519();
      assertEquals(
          ErrorCode.NOT_A_PROXY, meeting.cast(stranger, 0, meeting.ballot(0, FOR, FOR)).code());
      assertEquals(
          ErrorCode.UNKNOWN_HOLDER,
          chain.code(
              stranger,
              new CastMeetingVote(
                  "m1", stranger.publicKey(), meeting.ballotWithWeight(5, FOR, FOR))));
      assertEquals(
          ErrorCode.UNKNOWN_MEETING,
          chain.code(
              stranger,
              new CastMeetingVote(
                  "m9", stranger.publicKey(), meeting.ballotWithWeight(5, FOR, FOR))));
    }

    @Test
    void sameBallotCannotBeRecordedTwice() {
      EncryptedBallot b = meeting.ballot(0, FOR, FOR);
      assertEquals(ErrorCode.OK, meeting.cast(meeting.holders.get(0), 0, b).code());
      assertEquals(ErrorCode.DUPLICATE_BALLOT, meeting.cast(meeting.holders.get(0), 0, b).code());
    }

    @Test
    void holderReVoteReplacesTheHoldersEarlierBallot() {
      Ed25519Signer h = meeting.holders.get(0);
      assertEquals(ErrorCode.OK, meeting.cast(h, 0, meeting.ballot(0, FOR, FOR)).code());
      TxReceipt again = meeting.cast(h, 0, meeting.ballot(0, AGAINST, AGAINST));
      assertEquals(ErrorCode.OK, again.code());
      assertEquals(600, Meetings.representedShares(chain.state, "m1"));
      meeting.close();
      MeetingResult result = MeetingFixture.tallied(meeting.tally(1));
      assertEquals(List.of(0L, 600L, 0L), totals(result, 0));
    }

    @Test
    void castingAfterCloseIsRejected() {
      meeting.close();
      assertEquals(
          ErrorCode.ELECTION_NOT_OPEN,
          meeting.cast(meeting.holders.get(0), 0, meeting.ballot(0, FOR, FOR)).code());
    }
  }

  @Test
  void singleVoteMeetingRefusesASecondBallotFromTheSameSourceButLetsTheHolderOverride() {
    TestChain c = new TestChain(34);
    MeetingFixture m =
        new MeetingFixture(
            c,
            new MeetingManifest(
                MeetingFixture.election("m3", 1, RevotePolicy.SINGLE_VOTE),
                TestChain.START,
                new Quorum(0, 1),
                List.of(ORDINARY)));
    m.create();
    m.register(10);
    Ed25519Signer proxy = c.newEd25519();
    assertEquals(ErrorCode.OK, c.code(m.holders.get(0), new AppointProxy("m3", proxy.publicKey())));
    m.ceremonyAndOpen(1, 1);
    assertEquals(ErrorCode.OK, m.cast(proxy, 0, m.ballot(0, FOR)).code());
    assertEquals(ErrorCode.ALREADY_VOTED, m.cast(proxy, 0, m.ballot(0, AGAINST)).code());
    assertEquals(ErrorCode.OK, m.cast(m.holders.get(0), 0, m.ballot(0, AGAINST)).code());
    assertEquals(ErrorCode.ALREADY_VOTED, m.cast(m.holders.get(0), 0, m.ballot(0, FOR)).code());
  }
}
