package io.votechain.node.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.ballot.BallotEncryptor;
import io.votechain.ballot.EncryptionContext;
import io.votechain.ballot.PlaintextBallot;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.contract.ElectionCrypto;
import io.votechain.contract.ElectionStatus;
import io.votechain.contract.GenesisConfig;
import io.votechain.contract.StateKeys;
import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.elgamal.ElectionKey;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.crypto.sig.Signer;
import io.votechain.crypto.threshold.CeremonyParameters;
import io.votechain.crypto.threshold.DecryptingTrustee;
import io.votechain.crypto.threshold.KeyCeremony;
import io.votechain.crypto.threshold.PartialDecryption;
import io.votechain.crypto.threshold.Trustee;
import io.votechain.encoding.CanonicalReader;
import io.votechain.mempool.Admission;
import io.votechain.node.ContractsStateMachine;
import io.votechain.node.GenesisFile;
import io.votechain.node.KeyFile;
import io.votechain.node.LocalNetwork;
import io.votechain.node.NodeConfig;
import io.votechain.node.ValidatorNode;
import io.votechain.record.NistResults;
import io.votechain.record.nist.Authority;
import io.votechain.record.nist.ElectionKind;
import io.votechain.record.nist.Jurisdiction;
import io.votechain.record.nist.JurisdictionType;
import io.votechain.record.nist.LocalizedText;
import io.votechain.testing.Await;
import io.votechain.tx.AddCredentials;
import io.votechain.tx.AnnounceKey;
import io.votechain.tx.Approve;
import io.votechain.tx.CastBallot;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.Propose;
import io.votechain.tx.PublishDecryption;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.Transaction;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.RevotePolicy;
import io.votechain.verifier.ElectionRecordVerifier;
import io.votechain.verifier.VerifiedElection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four in-process validators with RocksDB run a whole election through the contracts (one trustee,
 * three voters, one re-vote, tally); the record exported from validator 0's store verifies with the
 * independent verifier, which recomputes the stored result — so the verifier's own header,
 * certificate and genesis code agrees with the node's. About a minute: the election cannot close
 * before the end of its voting window.
 */
class ElectionRecordNetworkIT {
  private static final String E = "city-2027";

  @TempDir Path dir;
  private final List<ValidatorNode> nodes = new ArrayList<>();
  private final Map<Signer, Long> nonces = new HashMap<>();
  private final SecureRandom random = seeded();
  private String chainId;

  @AfterEach
  void stop() throws Exception {
    for (ValidatorNode n : nodes) {
      n.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
  }

  private static SecureRandom seeded() {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(2027);
      return r;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void recordExportedFromRocksDbVerifiesAndRecomputesTheResult() throws Exception {
    List<Path> configs =
        LocalNetwork.initWithContracts(
            dir,
            4,
            io.votechain.node.LoopbackPorts.freeBlock(40),
            "rocksdb",
            System.currentTimeMillis());
    GenesisConfig contracts = GenesisFile.readContracts(dir.resolve("genesis.json")).orElseThrow();
    Genesis genesis = GenesisFile.read(dir.resolve("genesis.json"));
    chainId = contracts.chainId();
    for (Path c : configs) {
      ValidatorNode node =
          new ValidatorNode(NodeConfig.load(c, Map.of()), new ContractsStateMachine(contracts));
      node.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      nodes.add(node);
    }
    Ed25519Signer official0 = KeyFile.read(dir.resolve("officials/official-0.json"));
    Ed25519Signer official1 = KeyFile.read(dir.resolve("officials/official-1.json"));
    Ed25519Signer trusteeKey = Ed25519Signer.generate(random);
    List<Ed25519Signer> voters =
        List.of(
            Ed25519Signer.generate(random),
            Ed25519Signer.generate(random),
            Ed25519Signer.generate(random));
    long now = System.currentTimeMillis();
    // The window must outlast the ceremony on a loaded machine; the close has to wait for its end,
    // which is why this is an integration test (failsafe), not a unit test.
    long end = now + 45_000;
    ElectionManifest manifest =
        new ElectionManifest(
            E,
            io.votechain.tx.election.LocalizedText.of("en", "Municipal election"),
            List.of(
                new Contest(
                    "mayor",
                    ContestKind.ONE_OF_N,
                    1,
                    io.votechain.tx.election.LocalizedText.of("en", "Mayor"),
                    List.of(
                        new Choice(
                            "alice", io.votechain.tx.election.LocalizedText.of("en", "Alice")),
                        new Choice(
                            "bob", io.votechain.tx.election.LocalizedText.of("en", "Bob"))))),
            now - 1_000,
            end,
            RevotePolicy.LAST_VOTE_COUNTS);

    govern(official0, official1, new GovernedAction.CreateElection(manifest));
    govern(
        official0,
        official1,
        new GovernedAction.RegisterTrustees(E, List.of(trusteeKey.publicKey()), 1));
    commit(
        official0,
        new AddCredentials(E, "s1", voters.stream().map(Ed25519Signer::publicKey).toList()));
    CeremonyParameters parameters =
        new CeremonyParameters(ElectionCrypto.electionBaseHash(manifest, 1, 1), 1, 1);
    Trustee trustee = Trustee.generate(parameters, 1, random);
    commit(trusteeKey, new AnnounceKey(E, trustee.announcement()));
    DecryptingTrustee decrypting =
        trustee.finish(KeyCeremony.jointKey(parameters, List.of(trustee.announcement())));
    govern(official0, official1, new GovernedAction.OpenElection(E));

    EncryptionContext context =
        new EncryptionContext(
            Hash32.of(state(StateKeys.extendedBaseHash(E).bytes())),
            new ElectionKey(GroupElement.decode(state(StateKeys.electionJointKey(E).bytes()))));
    int[] choices = {0, 1, 1, 0}; // voter 0 alice, 1 bob, 2 bob, then voter 0 again: alice
    int[] voter = {0, 1, 2, 0};
    for (int i = 0; i < choices.length; i++) {
      PlaintextBallot plain =
          new PlaintextBallot(
              "b-" + i, E, List.of(choices[i] == 0 ? List.of(1, 0) : List.of(0, 1)));
      Ed25519Signer v = voters.get(voter[i]);
      commit(
          v,
          new CastBallot(
              E,
              v.publicKey(),
              new BallotEncryptor(context)
                  .encrypt(ElectionCrypto.style(manifest), plain, random)
                  .ballot()));
    }
    Await.until(() -> System.currentTimeMillis() > end + 200, 90, "the voting window has ended");
    govern(official0, official1, new GovernedAction.CloseElection(E));
    CanonicalReader r = new CanonicalReader(state(StateKeys.aggregate(E).bytes()));
    List<PartialDecryption> partials = new ArrayList<>();
    for (Ciphertext c : r.list(64, x -> Ciphertext.readFrom(x, true))) {
      partials.add(decrypting.partialDecrypt(c, random));
    }
    commit(trusteeKey, new PublishDecryption(E, partials));
    Await.until(() -> nodes.get(0).state(StateKeys.result(E).bytes()).isPresent(), 30, "the tally");

    ByteArrayOutputStream record = new ByteArrayOutputStream();
    ElectionRecordExporter.write(genesis, contracts, nodes.get(0).store(), E, record);
    ElectionRecordVerifier.Verification v =
        new ElectionRecordVerifier(2, line -> {})
            .verify(new ByteArrayInputStream(record.toByteArray()));

    assertTrue(v.report().passed(), String.join("\n", v.report().lines()));
    VerifiedElection e = v.election().orElseThrow();
    assertEquals(List.of(1L, 2L), e.result()); // alice: voter 0's second ballot; bob: voters 1, 2
    assertEquals(3, e.counted());
    assertEquals(ElectionStatus.TALLIED, e.status());

    String json =
        ElectionResultsReport.nistJson(
                nodes.get(0).store(),
                E,
                new NistResults.Reporting(
                    new Authority("City Clerk", "CC"),
                    new Jurisdiction("city", LocalizedText.of("en", "City"), JurisdictionType.CITY),
                    ElectionKind.GENERAL,
                    "en"),
                "0.1.0")
            .orElseThrow();
    assertTrue(json.contains("\"BallotsCast\":3"), json);
    assertTrue(json.contains("\"Count\":2"), json);
    assertTrue(json.contains("\"Status\":\"unofficial-complete\""), json);
  }

  private byte[] state(byte[] key) {
    return nodes.get(0).state(key).orElseThrow();
  }

  private void govern(Signer proposer, Signer approver, GovernedAction action) throws Exception {
    SignedTransaction propose = commit(proposer, new Propose(action, 100_000));
    commit(approver, new Approve(propose.id()));
  }

  /** Signs with the signer's next nonce, submits to a validator, waits until all committed it. */
  private SignedTransaction commit(Signer signer, Transaction body) throws Exception {
    long nonce = nonces.merge(signer, 1L, Long::sum) - 1;
    SignedTransaction tx = SignedTransaction.sign(signer, nonce, body, chainId);
    Admission admission =
        nodes
            .get((int) (nonce % nodes.size()))
            .submit(tx.encode())
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    assertEquals(Admission.ACCEPTED, admission, body.getClass().getSimpleName());
    Await.until(
        () -> nodes.stream().allMatch(n -> n.transactionLocation(tx.id()).isPresent()),
        60,
        body.getClass().getSimpleName() + " is committed");
    return tx;
  }
}
