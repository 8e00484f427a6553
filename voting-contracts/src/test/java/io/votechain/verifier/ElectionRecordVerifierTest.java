package io.votechain.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.contract.ElectionStatus;
import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.threshold.PartialDecryption;
import io.votechain.record.ElectionRecordReader;
import io.votechain.record.ElectionRecordWriter;
import io.votechain.record.RecordSection;
import io.votechain.record.RecordedTransaction;
import io.votechain.record.TransactionRole;
import io.votechain.record.chain.ChainCertificate;
import io.votechain.tx.PublishDecryption;
import io.votechain.tx.SignedTransaction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Exports a whole election run through the contracts and verifies it; then each single tampering is
 * rejected, at the step that covers it (docs/election-record.md §5).
 */
class ElectionRecordVerifierTest {
  private static RecordedElection election;
  private static List<RecordSection> sections;

  @BeforeAll
  static void runElection() {
    election = RecordedElection.shared();
    sections = read(election.record());
  }

  static List<RecordSection> read(byte[] record) {
    try {
      ElectionRecordReader reader = new ElectionRecordReader(new ByteArrayInputStream(record));
      List<RecordSection> out = new ArrayList<>();
      for (Optional<RecordSection> s = reader.next(); s.isPresent(); s = reader.next()) {
        out.add(s.get());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] write(List<RecordSection> record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ElectionRecordWriter w = new ElectionRecordWriter(out);
      for (RecordSection s : record) {
        if (!(s instanceof RecordSection.End)) {
          w.write(s);
        }
      }
      w.finish();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ElectionRecordVerifier.Verification verify(byte[] record) {
    return new ElectionRecordVerifier(2, line -> {}).verify(new ByteArrayInputStream(record));
  }

  /** The record with one block's transaction list replaced. */
  static List<RecordSection> withTransactions(
      int sectionIndex, UnaryOperator<List<RecordedTransaction>> change) {
    List<RecordSection> copy = new ArrayList<>(sections);
    RecordSection.Block b = (RecordSection.Block) copy.get(sectionIndex);
    copy.set(
        sectionIndex,
        new RecordSection.Block(
            b.header(),
            b.certificate(),
            b.lastCommit(),
            change.apply(new ArrayList<>(b.transactions()))));
    return copy;
  }

  /** Index of the first block section holding a transaction with {@code role}, and its position. */
  static int[] find(TransactionRole role, int skip) {
    int seen = 0;
    for (int s = 0; s < sections.size(); s++) {
      if (sections.get(s) instanceof RecordSection.Block b) {
        for (int t = 0; t < b.transactions().size(); t++) {
          if (b.transactions().get(t).role() == role && seen++ == skip) {
            return new int[] {s, t};
          }
        }
      }
    }
    throw new AssertionError("no " + role);
  }

  static RecordSection.Summary summaryOf(List<RecordSection> record) {
    return (RecordSection.Summary) record.get(record.size() - 2);
  }

  static RecordSection.Summary summary() {
    return (RecordSection.Summary) sections.get(sections.size() - 2);
  }

  static List<RecordSection> withSummary(RecordSection.Summary s) {
    List<RecordSection> copy = new ArrayList<>(sections);
    copy.set(copy.size() - 2, s);
    return copy;
  }

  @Nested
  class UntouchedRecord {
    @Test
    void verifiesAndRecomputesThePublishedResult() {
      ElectionRecordVerifier.Verification v = verify(write(sections));

      assertTrue(v.report().passed(), String.join("\n", v.report().lines()));
      VerifiedElection e = v.election().orElseThrow();
      assertEquals(election.expectedResult, e.result());
      assertEquals(4, e.counted());
      assertEquals(1, e.spoiled());
      assertEquals(ElectionStatus.CERTIFIED, e.status());
      assertEquals(6, v.report().checkedCount(Step.BALLOT_PROOFS));
    }

    @Test
    void marksTheSupersededBallotAndCountsTheOthers() {
      long counted = 0;
      long superseded = 0;
      for (RecordSection s : sections) {
        if (s instanceof RecordSection.Block b) {
          for (RecordedTransaction t : b.transactions()) {
            counted += t.role() == TransactionRole.COUNTED ? 1 : 0;
            superseded += t.role() == TransactionRole.SUPERSEDED ? 1 : 0;
          }
        }
      }
      assertEquals(4, counted);
      assertEquals(2, superseded);
    }

    @Test
    void sameVerdictOnOneThread() {
      ElectionRecordVerifier.Verification v =
          new ElectionRecordVerifier(1, line -> {})
              .verify(new ByteArrayInputStream(write(sections)));
      assertTrue(v.report().passed());
    }
  }

  /** The record without the first transaction that {@code which} selects. */
  static List<RecordSection> without(java.util.function.Predicate<SignedTransaction> which) {
    List<RecordSection> copy = new ArrayList<>(sections);
    for (int s = 0; s < copy.size(); s++) {
      if (copy.get(s) instanceof RecordSection.Block b) {
        List<RecordedTransaction> txs = new ArrayList<>(b.transactions());
        for (int t = 0; t < txs.size(); t++) {
          if (which.test(SignedTransaction.decode(txs.get(t).transaction()))) {
            txs.remove(t);
            copy.set(s, new RecordSection.Block(b.header(), b.certificate(), b.lastCommit(), txs));
            return copy;
          }
        }
      }
    }
    throw new AssertionError("no such transaction");
  }

  static java.util.Set<String> reasons(VerificationReport r, Step step) {
    return r.findings(step).stream()
        .map(Finding::reason)
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }

  /** The kiosk's ballot, check-in and challenge are checked against the device registry. */
  @Nested
  class Devices {
    @Test
    void registryTransactionsAreRecordedAndReplayed() {
      VerificationReport r = verify(write(sections)).report();

      assertTrue(r.passed(Step.DEVICES), String.join("\n", r.lines()));
      // provision, assign, attest; the check-in, the in-person ballot and the challenge
      assertTrue(r.checkedCount(Step.DEVICES) >= 6, String.join("\n", r.lines()));
    }

    @Test
    void withoutTheAttestationTheKioskMayNotSign() {
      VerificationReport r =
          verify(write(without(tx -> tx.body() instanceof io.votechain.tx.AttestDevice))).report();

      assertEquals(List.of(Step.DEVICES), r.failedSteps(), String.join("\n", r.lines()));
      // the challenge, the check-in and the in-person ballot
      assertEquals(3, r.failureCount(Step.DEVICES), String.join("\n", r.lines()));
      assertTrue(
          reasons(r, Step.DEVICES).stream()
              .allMatch(x -> x.startsWith("device kiosk-1 has no fresh matching attestation")),
          String.join("\n", r.lines()));
    }

    @Test
    void kioskNotAssignedToTheVotersStationIsRejected() {
      VerificationReport r =
          verify(write(without(tx -> tx.body() instanceof io.votechain.tx.AssignDevice))).report();

      assertEquals(List.of(Step.DEVICES), r.failedSteps(), String.join("\n", r.lines()));
      assertEquals(
          java.util.Set.of(
              "device kiosk-1 is not at the voter's station",
              "in-person ballot from a device not at the voter's station"),
          reasons(r, Step.DEVICES));
    }

    @Test
    void inPersonBallotOfAnUnknownDeviceIsRejected() {
      VerificationReport r =
          verify(write(without(tx -> tx.body() instanceof io.votechain.tx.ProvisionDevice)))
              .report();

      assertFalse(r.passed(Step.DEVICES));
      assertTrue(
          reasons(r, Step.DEVICES).contains("not signed by a registered device"),
          String.join("\n", r.lines()));
    }
  }

  @Nested
  class Tampering {
    @Test
    void oneBitOfOneBallotFailsItsProofsAndItsInclusion() {
      int[] at = find(TransactionRole.COUNTED, 1);
      List<RecordSection> tampered =
          withTransactions(
              at[0],
              txs -> {
                RecordedTransaction t = txs.get(at[1]);
                byte[] bytes = t.transaction();
                // The last byte of the ballot (just before the 64-byte signature) ends a proof
                // response; its lowest bit keeps the scalar canonical but breaks the proof.
                bytes[bytes.length - 65] ^= 1;
                txs.set(at[1], new RecordedTransaction(t.index(), t.role(), bytes, t.auditPath()));
                return txs;
              });

      VerificationReport r = verify(write(tampered)).report();

      assertFalse(r.passed(Step.BALLOT_PROOFS), String.join("\n", r.lines()));
      assertFalse(r.passed(Step.INCLUSION));
      assertFalse(r.passed(Step.TRANSACTIONS));
    }

    @Test
    void droppedBallotChangesTheAggregateAndTheCount() {
      int[] at = find(TransactionRole.COUNTED, 3);
      List<RecordSection> tampered =
          withTransactions(
              at[0],
              txs -> {
                txs.remove(at[1]);
                return txs;
              });

      VerificationReport r = verify(write(tampered)).report();

      assertFalse(r.passed(Step.AGGREGATE), String.join("\n", r.lines()));
      assertFalse(r.passed(Step.REVOTE));
      assertTrue(r.passed(Step.INCLUSION));
      assertTrue(r.passed(Step.BALLOT_PROOFS));
    }

    @Test
    void duplicatedBallotIsRecordedTwice() {
      int[] at = find(TransactionRole.COUNTED, 0);
      List<RecordSection> tampered =
          withTransactions(
              at[0],
              txs -> {
                txs.add(at[1] + 1, txs.get(at[1]));
                return txs;
              });

      VerificationReport r = verify(write(tampered)).report();

      assertFalse(r.passed(Step.UNIQUENESS), String.join("\n", r.lines()));
      List<String> reasons = r.findings(Step.UNIQUENESS).stream().map(Finding::reason).toList();
      assertEquals(2, reasons.size(), reasons.toString());
      assertTrue(reasons.get(0).matches("ballot [0-9a-f]{16} recorded twice"), reasons.get(0));
      assertEquals("ballot id recorded twice", reasons.get(1));
    }

    @Test
    void forgedPartialDecryptionFailsItsProof() {
      int section = -1;
      int position = -1;
      SignedTransaction original = null;
      for (int s = 0; s < sections.size() && section < 0; s++) {
        if (sections.get(s) instanceof RecordSection.Block b) {
          for (int t = 0; t < b.transactions().size(); t++) {
            SignedTransaction tx = SignedTransaction.decode(b.transactions().get(t).transaction());
            if (tx.body() instanceof PublishDecryption) {
              section = s;
              position = t;
              original = tx;
              break;
            }
          }
        }
      }
      PublishDecryption honest = (PublishDecryption) original.body();
      List<PartialDecryption> forged = new ArrayList<>(honest.partials());
      PartialDecryption first = forged.get(0);
      // The trustee (whose key the forger holds here) shifts its share by G: the count would move
      // by one; its old proof cannot follow.
      forged.set(
          0, new PartialDecryption(first.trustee(), first.share().add(P256.G), first.proof()));
      SignedTransaction resigned =
          SignedTransaction.sign(
              election.trusteeKeys.get(first.trustee() - 1),
              original.nonce(),
              new PublishDecryption(RecordedElection.E, forged),
              RecordedElection.CHAIN_ID);
      int p = position;
      List<RecordSection> tampered =
          withTransactions(
              section,
              txs -> {
                RecordedTransaction t = txs.get(p);
                txs.set(
                    p,
                    new RecordedTransaction(t.index(), t.role(), resigned.encode(), t.auditPath()));
                return txs;
              });

      VerificationReport r = verify(write(tampered)).report();

      assertFalse(r.passed(Step.DECRYPTIONS), String.join("\n", r.lines()));
      assertTrue(
          r.findings(Step.DECRYPTIONS).get(0).reason().contains("proof"),
          r.findings(Step.DECRYPTIONS).toString());
      assertTrue(r.passed(Step.TRANSACTIONS)); // properly signed: only the ledger link betrays it
      assertFalse(r.passed(Step.INCLUSION));
    }

    @Test
    void changedResultIsRejectedAtTheResultStepOnly() {
      RecordSection.Summary s = summary();
      List<Long> changed = new ArrayList<>(s.result().orElseThrow());
      changed.set(0, changed.get(0) + 1);
      RecordSection.Summary tampered =
          new RecordSection.Summary(
              s.manifest(),
              s.status(),
              s.jointKey(),
              s.extendedBaseHash(),
              s.aggregate(),
              s.counted(),
              Optional.of(changed),
              s.meetingResult());

      VerificationReport r = verify(write(withSummary(tampered))).report();

      assertEquals(List.of(Step.RESULT), r.failedSteps(), String.join("\n", r.lines()));
    }

    @Test
    void changedAggregateIsRejectedAtTheAggregateStepOnly() {
      RecordSection.Summary s = summary();
      List<Ciphertext> changed = new ArrayList<>(s.aggregate());
      changed.set(1, changed.get(1).add(new Ciphertext(P256.IDENTITY, P256.G)));
      RecordSection.Summary tampered =
          new RecordSection.Summary(
              s.manifest(),
              s.status(),
              s.jointKey(),
              s.extendedBaseHash(),
              changed,
              s.counted(),
              s.result(),
              s.meetingResult());

      VerificationReport r = verify(write(withSummary(tampered))).report();

      assertEquals(List.of(Step.AGGREGATE), r.failedSteps(), String.join("\n", r.lines()));
      assertEquals("selection 1", r.findings(Step.AGGREGATE).get(0).item());
    }

    @Test
    void removedHeaderSignatureLeavesTheBlockBelowQuorum() {
      int index = 5;
      RecordSection.Block b = (RecordSection.Block) sections.get(index);
      ChainCertificate c = ChainCertificate.decode(b.certificate());
      ChainCertificate weaker =
          new ChainCertificate(c.height(), c.round(), c.blockHash(), c.signatures().subList(0, 2));
      List<RecordSection> tampered = new ArrayList<>(sections);
      tampered.set(
          index,
          new RecordSection.Block(b.header(), weaker.encode(), b.lastCommit(), b.transactions()));

      VerificationReport r = verify(write(tampered)).report();

      assertEquals(List.of(Step.CERTIFICATES), r.failedSteps(), String.join("\n", r.lines()));
      assertEquals("2 signatures, quorum is 3", r.findings(Step.CERTIFICATES).get(0).reason());
    }

    @Test
    void parentCertificateOtherThanTheHeaderCommitsToIsRejected() {
      // Block 6 carries, as its parent's certificate, block 6's own: the header's lastCommitHash
      // no longer covers it.
      int index = 7;
      RecordSection.Block b = (RecordSection.Block) sections.get(index);
      List<RecordSection> tampered = new ArrayList<>(sections);
      tampered.set(
          index,
          new RecordSection.Block(
              b.header(), b.certificate(), Optional.of(b.certificate()), b.transactions()));

      VerificationReport r = verify(write(tampered)).report();

      assertEquals(List.of(Step.CERTIFICATES), r.failedSteps(), String.join("\n", r.lines()));
      assertEquals(
          "last-commit hash does not match the parent's certificate the block carries",
          r.findings(Step.CERTIFICATES).get(0).reason());
    }

    @Test
    void missingParentCertificateIsRejected() {
      int index = 7;
      RecordSection.Block b = (RecordSection.Block) sections.get(index);
      List<RecordSection> tampered = new ArrayList<>(sections);
      tampered.set(
          index,
          new RecordSection.Block(b.header(), b.certificate(), Optional.empty(), b.transactions()));

      VerificationReport r = verify(write(tampered)).report();

      assertEquals(List.of(Step.CERTIFICATES), r.failedSteps(), String.join("\n", r.lines()));
      assertEquals(
          "the parent's certificate is missing", r.findings(Step.CERTIFICATES).get(0).reason());
    }

    @Test
    void truncatedRecordIsIncomplete() {
      byte[] whole = write(sections);
      VerificationReport r = verify(Arrays.copyOf(whole, whole.length - 40)).report();

      assertFalse(r.passed(Step.RECORD));
    }

    @Test
    void swappedBlocksBreakTheHashChain() {
      List<RecordSection> tampered = new ArrayList<>(sections);
      RecordSection third = tampered.get(4);
      tampered.set(4, tampered.get(5));
      tampered.set(5, third);

      VerificationReport r = verify(write(tampered)).report();

      assertFalse(r.passed(Step.CHAIN));
    }
  }
}
