package io.votechain.bench;

import io.votechain.crypto.dlog.DiscreteLog;
import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.threshold.CeremonyParameters;
import io.votechain.crypto.threshold.DecryptingTrustee;
import io.votechain.crypto.threshold.EncryptedShare;
import io.votechain.crypto.threshold.JointElectionKey;
import io.votechain.crypto.threshold.KeyCeremony;
import io.votechain.crypto.threshold.KeyCeremonyAnnouncement;
import io.votechain.crypto.threshold.PartialDecryption;
import io.votechain.crypto.threshold.ThresholdDecryption;
import io.votechain.crypto.threshold.Trustee;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decrypting one contest's tally (docs/crypto-threshold.md §7): 5 selections with totals around
 * 10^6, trustees 1 and 3 of a 2-of-3 ceremony. Measured: the two trustees' partial decryptions with
 * Chaum–Pedersen proofs; the public side (verify 10 proofs, Lagrange-combine, 5 discrete logs with
 * a prebuilt table for bound 10^7); and both together.
 *
 * <p>{@code mvn -B -pl voting-contracts -Pbenchmarks -DskipTests verify -Djmh.args="Tally -f 1 -wi
 * 1 -i 3"}
 */
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TallyDecryptionBenchmark {
  private static final int SELECTIONS = 5;

  @State(Scope.Benchmark)
  public static class Tally {
    SecureRandom random;
    JointElectionKey jointKey;
    List<DecryptingTrustee> present;
    List<Ciphertext> aggregates;
    List<List<PartialDecryption>> partials;
    DiscreteLog dlog;

    @Setup(Level.Trial)
    public void ceremonyAndBallotBox() throws NoSuchAlgorithmException {
      random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(31);
      CeremonyParameters parameters = new CeremonyParameters(Hash32.fromHex("ab".repeat(32)), 3, 2);
      List<Trustee> trustees = new ArrayList<>();
      List<KeyCeremonyAnnouncement> announcements = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        Trustee t = Trustee.generate(parameters, i, random);
        trustees.add(t);
        announcements.add(t.announcement());
      }
      for (Trustee dealer : trustees) {
        for (Trustee recipient : trustees) {
          if (dealer != recipient) {
            EncryptedShare share = dealer.shareFor(recipient.announcement(), random);
            if (recipient.receiveShare(dealer.announcement(), share).isPresent()) {
              throw new IllegalStateException("honest ceremony failed");
            }
          }
        }
      }
      jointKey = KeyCeremony.jointKey(parameters, announcements);
      present = List.of(trustees.get(0).finish(jointKey), trustees.get(2).finish(jointKey));
      aggregates = new ArrayList<>();
      for (int j = 0; j < SELECTIONS; j++) {
        long total = 900_000 + random.nextInt(200_000);
        Scalar r = Scalar.randomNonZero(random);
        aggregates.add(
            new Ciphertext(
                P256.G.multiply(r),
                P256.G.multiply(Scalar.of(total)).add(jointKey.publicKey().multiply(r))));
      }
      partials = partialDecryptions(this);
      dlog = DiscreteLog.forBound(10_000_000);
    }
  }

  static List<List<PartialDecryption>> partialDecryptions(Tally s) {
    List<List<PartialDecryption>> out = new ArrayList<>(SELECTIONS);
    for (Ciphertext c : s.aggregates) {
      List<PartialDecryption> forSelection = new ArrayList<>(s.present.size());
      for (DecryptingTrustee t : s.present) {
        forSelection.add(t.partialDecrypt(c, s.random));
      }
      out.add(forSelection);
    }
    return out;
  }

  static long[] verifyCombineAndSolve(Tally s, List<List<PartialDecryption>> partials) {
    long[] totals = new long[SELECTIONS];
    for (int j = 0; j < SELECTIONS; j++) {
      ThresholdDecryption.Decryption d =
          ThresholdDecryption.decrypt(s.jointKey, s.aggregates.get(j), partials.get(j), s.dlog);
      if (!(d instanceof ThresholdDecryption.Decrypted decrypted)) {
        throw new IllegalStateException("tally did not decrypt: " + d);
      }
      totals[j] = decrypted.value();
    }
    return totals;
  }

  @Benchmark
  public List<List<PartialDecryption>> trusteesPartiallyDecrypt(Tally s) {
    return partialDecryptions(s);
  }

  @Benchmark
  public long[] verifyCombineAndSolve(Tally s) {
    return verifyCombineAndSolve(s, s.partials);
  }

  @Benchmark
  public long[] decryptContestEndToEnd(Tally s) {
    return verifyCombineAndSolve(s, partialDecryptions(s));
  }
}
