package io.votechain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.genesis.ValidatorInfo;
import io.votechain.consensus.message.EquivocationEvidence;
import io.votechain.consensus.message.EvidenceFault;
import io.votechain.consensus.message.SignedVote;
import io.votechain.consensus.message.Vote;
import io.votechain.consensus.message.VoteType;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.store.EvidenceInsert;
import io.votechain.store.LedgerStore;
import io.votechain.store.rocksdb.RocksDbLedgerStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keeper over a real RocksDB store: genuine evidence is stored once and gossiped once; forged
 * evidence from a peer is refused with its code, never stored and never passed on.
 */
class EvidenceKeeperTest {
  @TempDir Path dir;
  private final List<Ed25519Signer> keys = new ArrayList<>();
  private final Ed25519Signer stranger = key("stranger");
  private Genesis genesis;
  private LedgerStore store;
  private final List<byte[]> gossiped = new ArrayList<>();
  private final List<Integer> counted = new ArrayList<>();
  private EvidenceKeeper keeper;

  private static Ed25519Signer key(String seed) {
    return Ed25519Signer.fromSeed(Sha256.hash(seed.getBytes(StandardCharsets.UTF_8)).bytes());
  }

  @BeforeEach
  void open() {
    List<ValidatorInfo> validators = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      keys.add(key("keeper-" + i));
      validators.add(new ValidatorInfo(keys.get(i).publicKey(), "127.0.0.1:" + (26600 + i)));
    }
    genesis = new Genesis("keeper", 1_000, Hash32.ZERO, validators);
    store = RocksDbLedgerStore.open(dir.resolve("ledger"));
    keeper = newKeeper();
  }

  private EvidenceKeeper newKeeper() {
    return new EvidenceKeeper(genesis, store, gossiped::add, counted::add);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private SignedVote vote(Ed25519Signer signer, int author, String value) {
    Vote v =
        new Vote(
            VoteType.PRECOMMIT,
            3,
            0,
            Optional.of(Sha256.hash(value.getBytes(StandardCharsets.UTF_8))),
            author);
    return new SignedVote(v, signer.sign(v.signBytes(genesis.hash())));
  }

  private EquivocationEvidence genuine() {
    return new EquivocationEvidence.DuplicateVote(
        vote(keys.get(1), 1, "a"), vote(keys.get(1), 1, "b"));
  }

  @Test
  void evidenceFoundByTheCoreIsStoredCountedAndGossipedOnce() {
    EquivocationEvidence e = genuine();
    assertEquals(new EvidenceKeeper.Outcome.Kept(e.hash(), EvidenceInsert.ADDED), keeper.found(e));
    assertEquals(
        new EvidenceKeeper.Outcome.Kept(e.hash(), EvidenceInsert.ALREADY_HELD), keeper.found(e));
    assertEquals(
        new EvidenceKeeper.Outcome.Kept(e.hash(), EvidenceInsert.ALREADY_HELD),
        keeper.offer(e.encode()));
    assertEquals(1, gossiped.size());
    assertTrue(java.util.Arrays.equals(e.encode(), gossiped.get(0)));
    assertEquals(List.of(1), counted);
    assertEquals(List.of(e.hash()), keeper.held().stream().map(s -> s.hash()).toList());
  }

  @Test
  void evidenceFromAPeerIsVerifiedStoredAndPassedOn() {
    EquivocationEvidence e = genuine();
    assertEquals(
        new EvidenceKeeper.Outcome.Kept(e.hash(), EvidenceInsert.ADDED), keeper.offer(e.encode()));
    assertEquals(1, gossiped.size());
    assertEquals(List.of(1), keeper.offendersHeld());
  }

  @Test
  void forgedEvidenceIsRefusedWithItsCodeAndNeitherStoredNorPassedOn() {
    SignedVote a = vote(keys.get(1), 1, "a");
    SignedVote b = vote(keys.get(1), 1, "b");
    byte[] sig = b.signature();
    sig[0] ^= 1;
    Map<EvidenceFault, byte[]> forged =
        Map.of(
            EvidenceFault.BAD_SIGNATURE,
            new EquivocationEvidence.DuplicateVote(a, new SignedVote(b.vote(), sig)).encode(),
            EvidenceFault.SAME_VALUE,
            new EquivocationEvidence.DuplicateVote(a, vote(keys.get(1), 1, "a")).encode(),
            EvidenceFault.UNKNOWN_VALIDATOR,
            new EquivocationEvidence.DuplicateVote(vote(stranger, 7, "a"), vote(stranger, 7, "b"))
                .encode(),
            EvidenceFault.DIFFERENT_SLOT,
            new EquivocationEvidence.DuplicateVote(a, vote(keys.get(2), 2, "b")).encode(),
            EvidenceFault.MALFORMED_EVIDENCE,
            new byte[] {9, 1, 2, 3});
    for (var entry : forged.entrySet()) {
      assertEquals(
          new EvidenceKeeper.Outcome.Refused(entry.getKey()),
          keeper.offer(entry.getValue()),
          entry.getKey().name());
    }
    assertEquals(List.of(), keeper.held());
    assertEquals(List.of(), gossiped);
    assertEquals(List.of(), counted);
    assertEquals(1L, keeper.refused().get(EvidenceFault.BAD_SIGNATURE));
    assertEquals(5, keeper.refused().size());
  }

  @Test
  void oneOffenderCannotCrowdOutAnotherBecauseEachHasItsShareOfTheBound() {
    EvidenceKeeper keeper = new EvidenceKeeper(genesis, store, gossiped::add, counted::add, 2);
    List<EquivocationEvidence> againstOne = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      againstOne.add(
          new EquivocationEvidence.DuplicateVote(
              vote(keys.get(1), 1, "a" + i), vote(keys.get(1), 1, "b" + i)));
    }
    assertEquals(EvidenceInsert.ADDED, kept(keeper.offer(againstOne.get(0).encode())));
    assertEquals(EvidenceInsert.ADDED, kept(keeper.offer(againstOne.get(1).encode())));
    assertEquals(EvidenceInsert.FULL, kept(keeper.offer(againstOne.get(2).encode())));
    var againstTwo =
        new EquivocationEvidence.DuplicateVote(
            vote(keys.get(2), 2, "a"), vote(keys.get(2), 2, "b"));
    assertEquals(EvidenceInsert.ADDED, kept(keeper.offer(againstTwo.encode())));
    assertEquals(List.of(1, 1, 2), counted);
    // The share survives a restart: the counts come from the store.
    EvidenceKeeper restarted = new EvidenceKeeper(genesis, store, gossiped::add, counted::add, 2);
    assertEquals(EvidenceInsert.FULL, kept(restarted.offer(againstOne.get(2).encode())));
  }

  private static EvidenceInsert kept(EvidenceKeeper.Outcome outcome) {
    return ((EvidenceKeeper.Outcome.Kept) outcome).insert();
  }

  @Test
  void heldEvidenceSurvivesARestartAndIsAnnouncedAgain() {
    EquivocationEvidence e = genuine();
    keeper.found(e);
    store.close();
    store = RocksDbLedgerStore.open(dir.resolve("ledger"));
    gossiped.clear();
    EvidenceKeeper restarted = newKeeper();
    assertEquals(List.of(1), restarted.offendersHeld());
    restarted.announceAll();
    assertEquals(1, gossiped.size());
    assertTrue(java.util.Arrays.equals(e.encode(), gossiped.get(0)));
  }
}
