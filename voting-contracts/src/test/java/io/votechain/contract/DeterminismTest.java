package io.votechain.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.state.InMemoryState;
import io.votechain.state.StateEntry;
import io.votechain.tx.AddCredentials;
import io.votechain.tx.AssignDevice;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.GovernedAction.CreateElection;
import io.votechain.tx.ProvisionDevice;
import io.votechain.tx.SignedTransaction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two validators that execute the same blocks must reach the same state hash at every height. */
class DeterminismTest {

  /** Builds a run of signed blocks once, so that both validators get the very same bytes. */
  private static List<List<SignedTransaction>> scenario(TestChain author) {
    List<List<SignedTransaction>> blocks = new ArrayList<>();
    Ed25519Signer a = author.officials.get(0);
    Ed25519Signer b = author.officials.get(1);
    List<SignedTransaction> first = new ArrayList<>();
    SignedTransaction propose =
        author.sign(
            a, new io.votechain.tx.Propose(new CreateElection(TestChain.manifest("e1")), 5));
    first.add(propose);
    first.add(
        author.sign(
            b,
            new ProvisionDevice(
                "kiosk-1",
                author.newDevice().publicKey(),
                "VX-2000",
                DeviceRegistryTest.REFERENCE,
                author.newEd25519().publicKey())));
    blocks.add(first);
    author.block(first);
    List<SignedTransaction> second = new ArrayList<>();
    second.add(author.sign(b, new io.votechain.tx.Approve(propose.id())));
    second.add(
        SignedTransaction.sign(
            a,
            1,
            new AddCredentials(
                "e1",
                "s1",
                List.of(author.newEd25519().publicKey(), author.newEd25519().publicKey())),
            TestChain.CHAIN_ID));
    second.add(SignedTransaction.sign(a, 2, new AssignDevice("kiosk-1", "s1"), TestChain.CHAIN_ID));
    blocks.add(second);
    author.block(second);
    return blocks;
  }

  private static List<Hash32> replay(TestChain validator, List<List<SignedTransaction>> blocks) {
    List<Hash32> hashes = new ArrayList<>();
    hashes.add(validator.stateHash);
    for (List<SignedTransaction> block : blocks) {
      BlockResult result = validator.block(block);
      result.receipts().forEach(r -> assertEquals(ErrorCode.OK, r.code(), r.reason()));
      hashes.add(result.stateHash());
    }
    return hashes;
  }

  @Test
  void sameBlocksGiveTheSameStateHashOnTwoIndependentStates() {
    List<List<SignedTransaction>> blocks = scenario(new TestChain(5));
    TestChain one = new TestChain(5);
    TestChain two = new TestChain(5);

    assertEquals(replay(one, blocks), replay(two, blocks));
    List<StateEntry> all1 = one.state.scan("");
    List<StateEntry> all2 = two.state.scan("");
    assertEquals(all1, all2);
  }

  @Test
  void aDifferentTransactionOrderGivesADifferentStateHash() {
    List<List<SignedTransaction>> blocks = scenario(new TestChain(5));
    List<SignedTransaction> swapped = new ArrayList<>(blocks.get(1));
    SignedTransaction credentials = swapped.remove(1);
    swapped.add(credentials);
    TestChain one = new TestChain(5);
    TestChain two = new TestChain(5);
    replay(one, List.of(blocks.get(0)));
    replay(two, List.of(blocks.get(0)));

    BlockResult inOrder = one.block(blocks.get(1));
    BlockResult outOfOrder = two.block(swapped);

    assertEquals(ErrorCode.BAD_NONCE, outOfOrder.receipts().get(1).code());
    assertNotEquals(inOrder.stateHash(), outOfOrder.stateHash());
  }

  @Test
  void genesisWithOtherOfficialsGivesAnotherGenesisHash() {
    assertNotEquals(new TestChain(5).stateHash, new TestChain(6).stateHash);
    assertEquals(new TestChain(5).stateHash, new TestChain(5).stateHash);
    InMemoryState fresh = new InMemoryState();
    assertEquals(new TestChain(5).stateHash, new TestChain(5).executor.initialize(fresh));
  }
}
