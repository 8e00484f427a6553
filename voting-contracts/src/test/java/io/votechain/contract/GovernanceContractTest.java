package io.votechain.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.tx.Approve;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.GovernedAction.CreateElection;
import io.votechain.tx.Propose;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GovernanceContractTest {
  private TestChain chain;

  @BeforeEach
  void setUp() {
    chain = new TestChain(1);
  }

  private TxReceipt propose(int official, long expiresIn) {
    return chain.submit(
        chain.officials.get(official),
        new Propose(new CreateElection(TestChain.manifest("e1")), chain.height() + expiresIn));
  }

  @Test
  void actionExecutesWhenTheSecondOfficialApproves() {
    TxReceipt proposed = propose(0, 5);
    assertEquals(ErrorCode.OK, proposed.code());
    assertTrue(ElectionContract.status(chain.state, "e1").isEmpty(), "one approval is not two");

    TxReceipt approved = chain.submit(chain.officials.get(2), new Approve(proposed.txId()));

    assertEquals(ErrorCode.OK, approved.code());
    assertEquals(ElectionStatus.DRAFT, ElectionContract.status(chain.state, "e1").orElseThrow());
    assertTrue(approved.events().stream().anyMatch(e -> e instanceof Event.ProposalExecuted));
    assertTrue(
        approved
            .events()
            .contains(new Event.ElectionCreated("e1", TestChain.manifest("e1").hash())));
  }

  @Test
  void proposalByNonOfficialIsRejected() {
    Ed25519Signer outsider = chain.newEd25519();
    TxReceipt r =
        chain.submit(
            outsider,
            new Propose(new CreateElection(TestChain.manifest("e1")), chain.height() + 3));
    assertEquals(ErrorCode.NOT_AN_OFFICIAL, r.code());
  }

  @Test
  void approvalByNonOfficialIsRejected() {
    TxReceipt proposed = propose(0, 5);
    assertEquals(
        ErrorCode.NOT_AN_OFFICIAL, chain.code(chain.newEd25519(), new Approve(proposed.txId())));
  }

  @Test
  void secondApprovalBySameOfficialIsRejected() {
    TxReceipt proposed = propose(0, 5);
    assertEquals(
        ErrorCode.DUPLICATE_APPROVAL,
        chain.code(chain.officials.get(0), new Approve(proposed.txId())));
    assertTrue(ElectionContract.status(chain.state, "e1").isEmpty());
  }

  @Test
  void approvalOfUnknownProposalIsRejected() {
    assertEquals(
        ErrorCode.UNKNOWN_PROPOSAL,
        chain.code(chain.officials.get(1), new Approve(Hash32.fromHex("11".repeat(32)))));
  }

  @Test
  void approvalAfterExpiryIsRejected() {
    TxReceipt proposed = propose(0, 2); // proposed in block h+1, expires after block h+2
    chain.emptyBlocks(1);
    assertEquals(
        ErrorCode.PROPOSAL_EXPIRED,
        chain.code(chain.officials.get(1), new Approve(proposed.txId())));
  }

  @Test
  void approvalInTheExpiryBlockStillCounts() {
    TxReceipt proposed = propose(0, 2); // the approval runs in block h+2
    assertEquals(ErrorCode.OK, chain.code(chain.officials.get(1), new Approve(proposed.txId())));
  }

  @Test
  void approvalOfExecutedProposalIsRejected() {
    TxReceipt proposed = propose(0, 5);
    chain.submit(chain.officials.get(1), new Approve(proposed.txId()));
    assertEquals(
        ErrorCode.PROPOSAL_ALREADY_EXECUTED,
        chain.code(chain.officials.get(2), new Approve(proposed.txId())));
  }

  @Test
  void expiryBeyondTheMaximumLifetimeIsRejected() {
    assertEquals(
        ErrorCode.INVALID_EXPIRY, propose(0, TestChain.PARAMS.maxProposalLifetime() + 2).code());
  }

  @Test
  void expiryInThePastIsRejected() {
    chain.emptyBlocks(3);
    assertEquals(
        ErrorCode.INVALID_EXPIRY,
        chain.code(
            chain.officials.get(0), new Propose(new CreateElection(TestChain.manifest("e1")), 1)));
  }

  @Test
  void invalidManifestIsRejectedAtProposalTime() {
    ElectionManifest broken =
        new ElectionManifest(
            "e1",
            LocalizedText.of("en", "x"),
            List.of(),
            TestChain.START,
            TestChain.END,
            io.votechain.tx.election.RevotePolicy.SINGLE_VOTE);
    TxReceipt r =
        chain.submit(
            chain.officials.get(0), new Propose(new CreateElection(broken), chain.height() + 3));
    assertEquals(ErrorCode.INVALID_MANIFEST, r.code());
  }

  @Test
  void completingApprovalCarriesTheActionsOwnRejection() {
    assertEquals(ErrorCode.OK, chain.govern(new CreateElection(TestChain.manifest("e1"))).code());
    TxReceipt second = propose(0, 5);
    assertEquals(ErrorCode.OK, second.code(), "stateful rules wait for the quorum");
    assertEquals(
        ErrorCode.ELECTION_EXISTS, chain.code(chain.officials.get(1), new Approve(second.txId())));
  }

  @Test
  void transactionSignedForAnotherChainFailsItsSignature() {
    SignedTransaction foreign =
        SignedTransaction.sign(
            chain.officials.get(0),
            0,
            new Propose(new CreateElection(TestChain.manifest("e1")), 3),
            "another-chain");
    assertEquals(ErrorCode.BAD_SIGNATURE, chain.block(List.of(foreign)).receipts().get(0).code());
  }

  @Test
  void replayedTransactionIsRejectedForItsNonce() {
    SignedTransaction tx =
        chain.sign(
            chain.officials.get(0),
            new Propose(new CreateElection(TestChain.manifest("e1")), chain.height() + 5));
    assertEquals(ErrorCode.OK, chain.block(List.of(tx)).receipts().get(0).code());
    assertEquals(ErrorCode.BAD_NONCE, chain.block(List.of(tx)).receipts().get(0).code());
  }

  @Test
  void rejectedTransactionStillConsumesItsNonceButNothingElse() {
    Ed25519Signer outsider = chain.newEd25519();
    Hash32 before = chain.stateHash;
    TxReceipt r = chain.submit(outsider, new Approve(Hash32.fromHex("22".repeat(32))));
    assertEquals(ErrorCode.NOT_AN_OFFICIAL, r.code());
    assertTrue(r.events().isEmpty());
    assertEquals(1, ContractExecutor.nextNonce(chain.state, outsider.publicKey()));
    assertFalse(before.equals(chain.stateHash));
  }

  @Test
  void mempoolValidationAgreesWithBlockExecution() {
    SignedTransaction tx =
        chain.sign(chain.newEd25519(), new Approve(Hash32.fromHex("33".repeat(32))));
    assertEquals(ErrorCode.NOT_AN_OFFICIAL, chain.executor.validate(tx, chain.state).code());
  }

  @Test
  void withAOneOfNAuthorityTheProposalExecutesAtOnce() {
    Ed25519Signer sole = chain.newEd25519();
    ContractExecutor executor =
        new ContractExecutor(
            new GenesisConfig(TestChain.CHAIN_ID, List.of(sole.publicKey()), 1, TestChain.PARAMS));
    io.votechain.state.InMemoryState state = new io.votechain.state.InMemoryState();
    Hash32 genesis = executor.initialize(state);
    SignedTransaction propose =
        SignedTransaction.sign(
            sole,
            0,
            new Propose(new CreateElection(TestChain.manifest("e1")), 3),
            TestChain.CHAIN_ID);
    BlockResult block =
        executor.executeBlock(
            new BlockContext(1, TestChain.START, TestChain.blockHash(0)),
            List.of(propose),
            state,
            genesis);
    assertEquals(ErrorCode.OK, block.receipts().get(0).code());
    assertEquals(ElectionStatus.DRAFT, ElectionContract.status(state, "e1").orElseThrow());
  }

  @Test
  void blockThatDoesNotFollowTheHeadIsAProgrammingError() {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () ->
            chain.executor.executeBlock(
                new BlockContext(chain.height() + 2, chain.time, Hash32.ZERO),
                List.of(),
                chain.state,
                chain.stateHash));
  }
}
