package io.votechain.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.crypto.sig.PublicKey;
import io.votechain.state.StateKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateKeysTest {
  private static final Hash32 HASH = Sha256.hash("x".getBytes(StandardCharsets.UTF_8));
  private static final PublicKey VOTER =
      Ed25519Signer.generate(TestChain.seededRandom(7)).publicKey();

  private static String folderOf(StateKey key) {
    String path = key.path();
    return path.substring(0, path.lastIndexOf('/') + 1);
  }

  @Test
  void theFoldersOfPerBallotTransactionBlockAndVoterKeysAreNotListable() {
    for (StateKey key :
        List.of(
            StateKeys.ballot("e1", HASH),
            StateKeys.ballotId("e1", "b-17"),
            StateKeys.ballotTx("e1", HASH),
            StateKeys.meetingBallot("agm", HASH),
            StateKeys.receipt(HASH),
            StateKeys.nonce(VOTER),
            StateKeys.blockHash(42),
            StateKeys.rollEntry("e1", VOTER),
            StateKeys.vote("e1", VOTER),
            StateKeys.checkIn("e1", VOTER),
            StateKeys.holding("agm", VOTER),
            StateKeys.proxy("agm", VOTER),
            StateKeys.meetingVote("agm", VOTER))) {
      assertFalse(StateKeys.listable(folderOf(key)), key.path());
    }
  }

  @Test
  void everyFolderTheContractsOrTheApiListIsListable() {
    for (String folder :
        List.of(
            StateKeys.announcementPrefix("e1"),
            StateKeys.sharesPrefix("e1"),
            StateKeys.complaintPrefix("e1"),
            folderOf(StateKeys.complaint("e1", 1, 2)),
            StateKeys.disclosurePrefix("e1"),
            folderOf(StateKeys.disclosure("e1", 1, 2)),
            StateKeys.decryptionPrefix("e1"),
            StateKeys.turnoutPrefix("e1"),
            folderOf(StateKeys.turnout("e1", "s1")),
            folderOf(StateKeys.spoiled("e1", HASH)),
            folderOf(StateKeys.device("kiosk-1")),
            folderOf(StateKeys.proposal(HASH)),
            folderOf(StateKeys.electionStatus("e1")),
            "chain/",
            "election/")) {
      assertTrue(StateKeys.listable(folder), folder);
    }
  }

  @Test
  void anElectionNamedLikeAnUnlistedKindIsStillListed() {
    // Only the folder kind under an election decides, not an election id that happens to match.
    assertTrue(StateKeys.listable("election/ballot/"));
    assertTrue(StateKeys.listable("election/ballot/turnout/"));
    assertFalse(StateKeys.listable("election/ballot/ballot/"));
    assertEquals(
        "election/e1/ballot/", folderOf(StateKeys.ballot("e1", HASH)), "the layout tested above");
  }
}
