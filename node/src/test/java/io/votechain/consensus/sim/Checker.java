package io.votechain.consensus.sim;

import io.votechain.consensus.block.CommittedBlock;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.message.EquivocationEvidence;
import io.votechain.consensus.validation.CertificateValidator;
import io.votechain.consensus.validation.SignatureVerifier;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The properties every simulation run must keep, checked as commits happen: safety (one block per
 * height among honest validators, hash links, a valid quorum certificate for every committed
 * block), validity (only submitted or proposed transactions, never twice, never an invalid one) and
 * that equivocation evidence only ever names Byzantine validators.
 */
final class Checker {
  private final Genesis genesis;
  private final Hash32 chainId;
  private final long seed;
  private final SimScenario scenario;
  private final Set<Integer> byzantine;
  private final Map<Long, Hash32> decided = new TreeMap<>();
  private final Set<Hash32> certified = new HashSet<>();
  // Lookups only.
  private final Set<Hash32> submitted = new HashSet<>();
  private final Map<Hash32, Long> committedAt = new HashMap<>();
  private final CertificateValidator certificates;

  Checker(Genesis genesis, long seed, SimScenario scenario, Set<Integer> byzantine) {
    this.genesis = genesis;
    this.chainId = genesis.hash();
    this.seed = seed;
    this.scenario = scenario;
    this.byzantine = byzantine;
    this.certificates =
        new CertificateValidator(genesis, chainId, new SignatureVerifier(genesis, 1 << 14));
  }

  void submitted(byte[] tx) {
    submitted.add(Sha256.hash(tx));
  }

  void onCommit(int validator, CommittedBlock cb) {
    long h = cb.height();
    Hash32 hash = cb.block().hash();
    Hash32 first = decided.putIfAbsent(h, hash);
    if (first != null && !first.equals(hash)) {
      fail(
          Violation.Kind.SAFETY,
          "validator "
              + validator
              + " committed "
              + hash
              + " at "
              + h
              + " but another honest validator committed "
              + first);
    }
    Hash32 parent = h == 1 ? chainId : decided.get(h - 1);
    if (parent != null && !cb.block().header().previousBlockHash().equals(parent)) {
      fail(
          Violation.Kind.SAFETY, "block " + h + " does not link to the committed block " + (h - 1));
    }
    if (certified.add(Sha256.hash(cb.certificate().encode()))
        && !certificates.validate(cb.certificate(), h, hash).accepted()) {
      fail(Violation.Kind.SAFETY, "block " + h + " committed without a valid quorum certificate");
    }
    if (first != null) {
      return; // transactions of this block were already checked
    }
    for (byte[] tx : cb.block().transactions()) {
      Hash32 t = Sha256.hash(tx);
      String text = new String(tx, StandardCharsets.UTF_8);
      if (SimApplication.invalid(tx)) {
        fail(Violation.Kind.VALIDITY, "invalid transaction " + text + " committed at " + h);
      }
      if (!submitted.contains(t) && !text.startsWith("byz-")) {
        fail(Violation.Kind.VALIDITY, "transaction " + text + " was never submitted");
      }
      Long earlier = committedAt.putIfAbsent(t, h);
      if (earlier != null) {
        fail(
            Violation.Kind.VALIDITY,
            "transaction " + text + " committed at " + earlier + " and again at " + h);
      }
    }
  }

  void onEvidence(int reporter, EquivocationEvidence e) {
    if (!e.verify(genesis, chainId)) {
      fail(Violation.Kind.SAFETY, "validator " + reporter + " reported unverifiable evidence");
    }
    if (!byzantine.contains(e.offender())) {
      fail(Violation.Kind.SAFETY, "honest validator " + e.offender() + " equivocated");
    }
  }

  long decidedHeight() {
    return decided.size();
  }

  void fail(Violation.Kind kind, String what) {
    throw new Violation(kind, seed, scenario, what);
  }
}
