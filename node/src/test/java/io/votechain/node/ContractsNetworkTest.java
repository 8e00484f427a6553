package io.votechain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.contract.ContractExecutor;
import io.votechain.contract.StateKeys;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.mempool.Admission;
import io.votechain.state.InMemoryState;
import io.votechain.testing.Await;
import io.votechain.tx.Approve;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.Propose;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import io.votechain.tx.election.RevotePolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four validators running the voting contracts: an election is created by two of three officials
 * through transactions submitted to different validators, and every validator executes the
 * contracts to the same state.
 */
class ContractsNetworkTest {
  @TempDir Path dir;
  private final List<ValidatorNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (ValidatorNode n : nodes) {
      n.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
  }

  private static ElectionManifest manifest(String id, long start) {
    return new ElectionManifest(
        id,
        LocalizedText.of("en", "Municipal election", "zh", "市政选举"),
        List.of(
            new Contest(
                "mayor",
                ContestKind.ONE_OF_N,
                1,
                LocalizedText.of("en", "Mayor", "zh", "市长"),
                List.of(
                    new Choice("alice", LocalizedText.of("en", "Alice", "zh", "爱丽丝")),
                    new Choice("bob", LocalizedText.of("en", "Bob", "zh", "鲍勃"))))),
        start,
        start + 3_600_000L,
        RevotePolicy.LAST_VOTE_COUNTS);
  }

  @Test
  void officialsCreateAnElectionThroughAnyValidatorAndAllReachTheSameState() throws Exception {
    List<Path> configs =
        LocalNetwork.initWithContracts(
            dir, 4, LoopbackPorts.freeBlock(40), "rocksdb", System.currentTimeMillis());
    var contracts = GenesisFile.readContracts(dir.resolve("genesis.json")).orElseThrow();
    for (Path c : configs) {
      ValidatorNode node =
          new ValidatorNode(NodeConfig.load(c, Map.of()), new ContractsStateMachine(contracts));
      node.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      nodes.add(node);
    }
    List<CommittedEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    nodes.get(3).onCommitted(events::add);
    Ed25519Signer official0 = KeyFile.read(dir.resolve("officials/official-0.json"));
    Ed25519Signer official1 = KeyFile.read(dir.resolve("officials/official-1.json"));
    String chainId = contracts.chainId();

    SignedTransaction propose =
        SignedTransaction.sign(
            official0,
            0,
            new Propose(
                new GovernedAction.CreateElection(
                    manifest("city-2027", System.currentTimeMillis() + 3_600_000L)),
                10_000),
            chainId);
    assertEquals(Admission.ACCEPTED, submit(0, propose));
    Await.until(() -> committed(propose), 60, "the proposal is committed");

    SignedTransaction approve =
        SignedTransaction.sign(official1, 0, new Approve(propose.id()), chainId);
    assertEquals(Admission.ACCEPTED, submit(2, approve));
    Await.until(() -> committed(approve), 60, "the approval is committed");
    // Extensions hear of every committed transaction with its outcome, once.
    Await.until(
        () ->
            events.stream()
                .flatMap(e -> e.outcomes().stream())
                .anyMatch(o -> o.txId().equals(approve.id())),
        30,
        "the approval's outcome is published");
    List<CommittedEvent.Outcome> outcomes =
        events.stream().flatMap(e -> e.outcomes().stream()).toList();
    assertEquals(
        List.of("OK"),
        outcomes.stream()
            .filter(o -> o.txId().equals(propose.id()))
            .map(CommittedEvent.Outcome::code)
            .toList());
    assertEquals(
        List.of("OK"),
        outcomes.stream()
            .filter(o -> o.txId().equals(approve.id()))
            .map(CommittedEvent.Outcome::code)
            .toList());
    for (int i = 1; i < events.size(); i++) {
      assertEquals(events.get(i - 1).height() + 1, events.get(i).height(), "no height skipped");
    }

    for (ValidatorNode n : nodes) {
      Await.until(
          () -> n.state(StateKeys.electionManifest("city-2027").bytes()).isPresent(),
          30,
          "every validator has the election");
    }
    long common = nodes.stream().mapToLong(ValidatorNode::height).min().orElseThrow();
    for (long h = 1; h <= common; h++) {
      var reference = nodes.get(0).storedBlock(h).orElseThrow();
      for (ValidatorNode n : nodes) {
        assertEquals(reference.stateHash(), n.storedBlock(h).orElseThrow().stateHash(), "at " + h);
      }
    }
    // The chain's state hash starts from the contracts' block 0.
    assertEquals(
        new ContractExecutor(contracts).initialize(new InMemoryState()),
        ContractsStateMachine.genesisStateHash(contracts));

    // A replayed approval is refused with the contracts' error code.
    ExecutionException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> submit(1, approve));
    assertTrue(refused.getCause() instanceof ValidatorNode.TransactionRejected);
    assertEquals("BAD_NONCE", refused.getCause().getMessage());
  }

  private Admission submit(int node, SignedTransaction tx) throws Exception {
    return nodes
        .get(node)
        .submit(tx.encode())
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private boolean committed(SignedTransaction tx) {
    return nodes.stream().allMatch(n -> n.transactionLocation(tx.id()).isPresent());
  }
}
