package io.votechain.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.votechain.ballot.BallotEncryptor;
import io.votechain.ballot.BallotNonces;
import io.votechain.ballot.BallotStyle;
import io.votechain.ballot.EncryptedBallot;
import io.votechain.ballot.EncryptedContest;
import io.votechain.ballot.EncryptionContext;
import io.votechain.ballot.PlaintextBallot;
import io.votechain.crypto.sig.EcdsaP256Signer;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.tx.AddCredentials;
import io.votechain.tx.AssignDevice;
import io.votechain.tx.AttestDevice;
import io.votechain.tx.AttestationEvidence;
import io.votechain.tx.CastBallot;
import io.votechain.tx.CheckIn;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.GovernedAction.CloseElection;
import io.votechain.tx.GovernedAction.CreateElection;
import io.votechain.tx.GovernedAction.OpenElection;
import io.votechain.tx.GovernedAction.RevokeDevice;
import io.votechain.tx.ProvisionDevice;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.SpoilBallot;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import io.votechain.tx.election.RevotePolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A municipal election driven through the contracts alone: 3 contests (mayor 1 of 3, council 2 of
 * 4, a yes/no measure), 1 000 voters at two stations, web ballots in blocks of 100 (batch
 * verification), web re-votes, in-person votes at two attested kiosks, challenged (spoiled)
 * ballots, one forged ballot, and a kiosk revoked mid-vote whose later check-ins and ballots are
 * rejected. The test chooses every plaintext; the decrypted tally must equal the sum of the ballots
 * that count.
 */
class MunicipalElectionTest {
  private static final String E = "city-2026";
  private static final int VOTERS = 1_000;
  private static final int BLOCK = 100;

  private final TestChain chain = new TestChain(41);
  private final List<Ed25519Signer> voters = new ArrayList<>();

  /** What counts for each voter (by index): the marks of its counted ballot. */
  private final Map<Integer, List<List<Integer>>> counted = new HashMap<>();

  private BallotEncryptor encryptor;
  private BallotStyle style;
  private int ballotCounter;
  private long attestationCounter;

  private static ElectionManifest manifest() {
    return new ElectionManifest(
        E,
        LocalizedText.of("en", "Municipal election", "zh", "市政选举"),
        List.of(
            contest("mayor", ContestKind.ONE_OF_N, 1, "ann", "ben", "cal"),
            contest("council", ContestKind.K_OF_N, 2, "dee", "eve", "fay", "gus"),
            contest("measure-a", ContestKind.YES_NO, 1, "yes", "no")),
        TestChain.START,
        TestChain.END,
        RevotePolicy.LAST_VOTE_COUNTS);
  }

  private static Contest contest(String id, ContestKind kind, int limit, String... choices) {
    List<Choice> list = new ArrayList<>();
    for (String c : choices) {
      list.add(new Choice(c, LocalizedText.of("en", c, "zh", c)));
    }
    return new Contest(id, kind, limit, LocalizedText.of("en", id, "zh", id), list);
  }

  /** Random marks: one mayor, 0 to 2 councillors, yes or no. */
  private List<List<Integer>> randomMarks() {
    List<Integer> mayor = new ArrayList<>(List.of(0, 0, 0));
    mayor.set(chain.random.nextInt(3), 1);
    List<Integer> council = new ArrayList<>(List.of(0, 0, 0, 0));
    int picks = chain.random.nextInt(3);
    for (int p = 0; p < picks; p++) {
      council.set(chain.random.nextInt(4), 1); // a repeated pick marks fewer: still within 2
    }
    List<Integer> measure = chain.random.nextBoolean() ? List.of(1, 0) : List.of(0, 1);
    return List.of(mayor, council, measure);
  }

  private BallotEncryptor.Encrypted encrypt(List<List<Integer>> marks) {
    return encryptor.encrypt(
        style, new PlaintextBallot("b-" + (++ballotCounter), E, marks), chain.random);
  }

  private void attest(EcdsaP256Signer kiosk, String deviceId) {
    long h = chain.height();
    TxReceipt r =
        chain.submit(
            kiosk,
            new AttestDevice(
                AttestationEvidence.sign(
                    kiosk,
                    TestChain.CHAIN_ID,
                    deviceId,
                    DeviceRegistryTest.REFERENCE,
                    ++attestationCounter,
                    h,
                    TestChain.blockHash(h))));
    assertEquals(ErrorCode.OK, r.code(), r.reason());
  }

  private EcdsaP256Signer kiosk(String deviceId, String station) {
    EcdsaP256Signer kiosk = chain.newDevice();
    ProvisionDevice provision =
        new ProvisionDevice(
            deviceId,
            kiosk.publicKey(),
            "VX-2000",
            DeviceRegistryTest.REFERENCE,
            chain.newEd25519().publicKey());
    assertEquals(ErrorCode.OK, chain.code(chain.officials.get(0), provision));
    assertEquals(
        ErrorCode.OK, chain.code(chain.officials.get(0), new AssignDevice(deviceId, station)));
    return kiosk;
  }

  /** Web ballots for {@code who}, in blocks of {@link #BLOCK}; all must be accepted. */
  private void castWeb(List<Integer> who) {
    for (int from = 0; from < who.size(); from += BLOCK) {
      List<SignedTransaction> block = new ArrayList<>();
      List<Integer> slice = who.subList(from, Math.min(who.size(), from + BLOCK));
      List<List<List<Integer>>> marks = new ArrayList<>();
      List<PlaintextBallot> plaintexts = new ArrayList<>();
      List<BallotNonces> nonces = new ArrayList<>();
      for (int i = 0; i < slice.size(); i++) {
        List<List<Integer>> m = randomMarks();
        marks.add(m);
        PlaintextBallot plain = new PlaintextBallot("b-" + (++ballotCounter), E, m);
        plaintexts.add(plain);
        nonces.add(BallotNonces.random(plain.ballotId(), chain.random));
      }
      // encryption is deterministic given the nonces drawn above, so it may run on both cores
      List<EncryptedBallot> ballots =
          IntStream.range(0, slice.size())
              .parallel()
              .mapToObj(i -> encryptor.encrypt(style, plaintexts.get(i), nonces.get(i)))
              .toList();
      for (int i = 0; i < slice.size(); i++) {
        Ed25519Signer voter = voters.get(slice.get(i));
        block.add(chain.sign(voter, new CastBallot(E, voter.publicKey(), ballots.get(i))));
      }
      BlockResult result = chain.block(block);
      for (int i = 0; i < slice.size(); i++) {
        TxReceipt r = result.receipts().get(i);
        assertEquals(ErrorCode.OK, r.code(), r.reason());
        counted.put(slice.get(i), marks.get(i));
      }
    }
  }

  /** Kiosk {@code kiosk} checks voter {@code v} in and casts its ballot, in one block. */
  private List<TxReceipt> castInPerson(EcdsaP256Signer kiosk, String deviceId, int v) {
    List<List<Integer>> m = randomMarks();
    Ed25519PublicKey credential = voters.get(v).publicKey();
    List<SignedTransaction> txs = new ArrayList<>();
    txs.add(chain.sign(kiosk, new CheckIn(E, deviceId, credential)));
    SignedTransaction checkIn = txs.get(0);
    SignedTransaction cast =
        SignedTransaction.sign(
            kiosk,
            checkIn.nonce() + 1,
            new CastBallot(E, credential, encrypt(m).ballot()),
            TestChain.CHAIN_ID);
    txs.add(cast);
    List<TxReceipt> receipts = chain.block(txs).receipts();
    if (receipts.get(1).code() == ErrorCode.OK) {
      counted.put(v, m);
    }
    return receipts;
  }

  @Test
  void municipalElectionTalliesExactlyTheChosenBallotsThatCount() {
    assertEquals(ErrorCode.OK, chain.govern(new CreateElection(manifest())).code());
    for (int i = 0; i < VOTERS; i++) {
      voters.add(chain.newEd25519());
    }
    for (String station : List.of("s1", "s2")) {
      int offset = station.equals("s1") ? 0 : VOTERS / 2;
      List<Ed25519PublicKey> keys =
          voters.subList(offset, offset + VOTERS / 2).stream()
              .map(Ed25519Signer::publicKey)
              .toList();
      assertEquals(
          ErrorCode.OK, chain.code(chain.officials.get(0), new AddCredentials(E, station, keys)));
    }
    LedgerCeremony ceremony = new LedgerCeremony(chain, E);
    ceremony.run(3, 2);
    EcdsaP256Signer kioskA = kiosk("kiosk-a", "s1");
    EcdsaP256Signer kioskB = kiosk("kiosk-b", "s2");
    chain.time = TestChain.START;
    assertEquals(ErrorCode.OK, chain.govern(new OpenElection(E)).code());
    EncryptionContext context = ElectionCrypto.context(chain.state, E);
    encryptor = new BallotEncryptor(context);
    style = ElectionCrypto.style(manifest());

    // 900 web voters: voters 0..449 (station s1) and 500..949 (station s2)
    List<Integer> web = new ArrayList<>();
    for (int v = 0; v < VOTERS; v++) {
      if (v % 500 < 450) {
        web.add(v);
      }
    }
    castWeb(web);

    // 60 web re-votes: the last ballot counts
    List<Integer> revoters = new ArrayList<>();
    for (int v = 0; v < 60; v++) {
      revoters.add(v * 15);
    }
    castWeb(revoters);

    // a forged ballot (contests spliced from two honest ballots) in a batch with honest ones
    EncryptedBallot left = encrypt(randomMarks()).ballot();
    EncryptedBallot right = encrypt(randomMarks()).ballot();
    List<EncryptedContest> spliced =
        List.of(left.contests().get(0), right.contests().get(1), left.contests().get(2));
    Ed25519Signer forger = voters.get(450);
    List<SignedTransaction> mixed = new ArrayList<>();
    mixed.add(
        chain.sign(
            forger,
            new CastBallot(E, forger.publicKey(), new EncryptedBallot("forged", E, spliced))));
    List<List<Integer>> honest = randomMarks();
    Ed25519Signer other = voters.get(451);
    mixed.add(chain.sign(other, new CastBallot(E, other.publicKey(), encrypt(honest).ballot())));
    List<TxReceipt> mixedReceipts = chain.block(mixed).receipts();
    assertEquals(ErrorCode.BALLOT_INVALID, mixedReceipts.get(0).code());
    assertEquals(ErrorCode.OK, mixedReceipts.get(1).code());
    counted.put(451, honest);

    // in person at kiosk A (station s1): 3 challenged ballots, then 20 voters
    attest(kioskA, "kiosk-a");
    for (int s = 0; s < 3; s++) {
      List<List<Integer>> shown = randomMarks();
      PlaintextBallot plain = new PlaintextBallot("spoil-" + s, E, shown);
      BallotEncryptor.Encrypted e = encryptor.encrypt(style, plain, chain.random);
      TxReceipt r = chain.submit(kioskA, new SpoilBallot(E, e.ballot(), e.nonces(), plain));
      assertEquals(ErrorCode.OK, r.code(), r.reason());
    }
    for (int v = 452; v < 472; v++) {
      if (v % 4 == 0) {
        attest(kioskA, "kiosk-a"); // attestations go stale after 5 blocks
      }
      List<TxReceipt> r = castInPerson(kioskA, "kiosk-a", v);
      assertEquals(ErrorCode.OK, r.get(0).code(), r.get(0).reason());
      assertEquals(ErrorCode.OK, r.get(1).code(), r.get(1).reason());
    }

    // kiosk B (station s2) serves 8 voters, then is revoked
    attest(kioskB, "kiosk-b");
    for (int v = 950; v < 958; v++) {
      if (v % 4 == 0) {
        attest(kioskB, "kiosk-b");
      }
      assertEquals(ErrorCode.OK, castInPerson(kioskB, "kiosk-b", v).get(1).code());
    }
    attest(kioskB, "kiosk-b");
    assertEquals(
        ErrorCode.OK, chain.code(kioskB, new CheckIn(E, "kiosk-b", voters.get(958).publicKey())));
    assertEquals(ErrorCode.OK, chain.govern(new RevokeDevice("kiosk-b", "seal broken")).code());
    // its later ballots are rejected: for a voter it had checked in, and for a new voter
    EncryptedBallot late = encrypt(randomMarks()).ballot();
    assertEquals(
        ErrorCode.DEVICE_REVOKED,
        chain.code(kioskB, new CastBallot(E, voters.get(958).publicKey(), late)));
    List<TxReceipt> afterRevocation = castInPerson(kioskB, "kiosk-b", 959);
    assertEquals(ErrorCode.DEVICE_REVOKED, afterRevocation.get(0).code());
    assertEquals(ErrorCode.DEVICE_REVOKED, afterRevocation.get(1).code());
    // the voters turned away vote on the web instead
    castWeb(List.of(958, 959));

    assertEquals(counted.size(), ElectionCrypto.counted(chain.state, E));
    chain.time = TestChain.END;
    assertEquals(ErrorCode.OK, chain.govern(new CloseElection(E)).code());
    TxReceipt tally = ceremony.tally(2);

    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < 3 + 4 + 2; i++) {
      expected.add(0L);
    }
    for (List<List<Integer>> marks : counted.values()) {
      int i = 0;
      for (List<Integer> contest : marks) {
        for (int mark : contest) {
          expected.set(i, expected.get(i) + mark);
          i++;
        }
      }
    }
    Event.ElectionTallied tallied =
        tally.events().stream()
            .filter(e -> e instanceof Event.ElectionTallied)
            .map(e -> (Event.ElectionTallied) e)
            .findFirst()
            .orElseThrow();
    assertEquals(expected, tallied.counts());
    assertEquals(
        counted.size(),
        expected.get(0) + expected.get(1) + expected.get(2),
        "one mayor mark per counted ballot");
  }
}
