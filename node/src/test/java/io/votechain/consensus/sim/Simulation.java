package io.votechain.consensus.sim;

import io.votechain.consensus.core.ConsensusConfig;
import io.votechain.consensus.core.ConsensusCore;
import io.votechain.consensus.core.InMemoryBlockStore;
import io.votechain.consensus.core.InMemorySafetyStore;
import io.votechain.consensus.core.Input;
import io.votechain.consensus.core.Output;
import io.votechain.consensus.core.TestCores;
import io.votechain.consensus.core.TimeoutPolicy;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.genesis.ValidatorInfo;
import io.votechain.consensus.validation.SignatureVerifier;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.Ed25519Signer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

/**
 * Runs n validators in one thread on virtual time: a priority queue of events ordered by (time,
 * sequence number), every random choice drawn from one {@link Random} seeded with the run's seed,
 * so a run is a pure function of (scenario, seed) and any failure reproduces from its seed.
 */
final class Simulation {
  static final ConsensusConfig CONFIG =
      new ConsensusConfig(new TimeoutPolicy(100, 100, 100, 1600), 500, 1000, 200, 64 * 1024, 4096);
  private static final int MAX_VALIDATORS = 16;
  private static final Ed25519Signer[] KEYS = new Ed25519Signer[MAX_VALIDATORS];

  static {
    for (int i = 0; i < MAX_VALIDATORS; i++) {
      KEYS[i] =
          Ed25519Signer.fromSeed(
              Sha256.hash(("validator-" + i).getBytes(StandardCharsets.UTF_8)).bytes());
    }
  }

  /** One running copy of a validator (a Twins validator has two). */
  final class Instance {
    final int index;
    final int id;
    final boolean honest;
    final Adversary adversary;
    final InMemorySafetyStore safety = new InMemorySafetyStore();
    final InMemoryBlockStore blocks = new InMemoryBlockStore();
    final long skew;
    SimMempool mempool = new SimMempool();
    ConsensusCore core;
    boolean up = true;
    int incarnation;
    int group;

    Instance(int index, int id, boolean honest, Adversary adversary, long skew) {
      this.index = index;
      this.id = id;
      this.honest = honest;
      this.adversary = adversary;
      this.skew = skew;
      this.core = newCore();
    }

    ConsensusCore newCore() {
      return TestCores.create(
          genesis,
          index,
          KEYS[index],
          CONFIG,
          safety,
          blocks,
          new SimApplication(genesis.initialStateHash()),
          mempool,
          signatureCheck,
          scenario.lockRuleEnforced() || !honest);
    }

    long localTime() {
      return now + skew;
    }
  }

  private record Event(long time, long seq, Runnable action) {}

  private final SimScenario scenario;
  private final long seed;
  private final Random random;
  private final Genesis genesis;
  private final Checker checker;
  private final SignatureVerifier.Check signatureCheck;
  private final PriorityQueue<Event> queue =
      new PriorityQueue<>(
          (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
  private final List<Instance> instances = new ArrayList<>();
  private long now;
  private long seq;
  private long delivered;
  private long ed25519Verifications;
  private boolean partitioned;
  private long txCounter;
  private Map<Integer, Long> heightAtGst;
  private boolean done;
  private long maxRound;

  Simulation(SimScenario scenario, long seed) {
    this.scenario = scenario;
    this.seed = seed;
    this.random = new Random(seed);
    List<ValidatorInfo> validators = new ArrayList<>();
    for (int i = 0; i < scenario.n(); i++) {
      validators.add(new ValidatorInfo(KEYS[i].publicKey(), "sim-" + i + ":26656"));
    }
    this.genesis = new Genesis("sim", 0, Hash32.ZERO, validators);
    this.checker = new Checker(genesis, seed, scenario, scenario.byzantine().keySet());
    this.signatureCheck = scenario.realSignaturesOnly() ? realCheck() : sharedMemoCheck();
  }

  Genesis genesis() {
    return genesis;
  }

  private SignatureVerifier.Check realCheck() {
    return (v, m, s) -> {
      ed25519Verifications++;
      return genesis.validator(v).key().verify(m, s);
    };
  }

  /** Each distinct (signer, message, signature) is verified with Ed25519 once per run. */
  private SignatureVerifier.Check sharedMemoCheck() {
    Map<Hash32, Boolean> memo = new HashMap<>(); // lookups only
    return (v, m, s) -> {
      MessageDigest d = Sha256.newDigest();
      d.update((byte) v);
      d.update(s);
      d.update(m);
      return memo.computeIfAbsent(
          Hash32.of(d.digest()),
          k -> {
            ed25519Verifications++;
            return genesis.validator(v).key().verify(m, s);
          });
    };
  }

  SimResult run() {
    setUp();
    long deadline = scenario.gst() + scenario.livenessWindow();
    while (!done && !queue.isEmpty()) {
      Event e = queue.poll();
      if (e.time > deadline) {
        break;
      }
      now = e.time;
      e.action.run();
    }
    if (!done) {
      StringBuilder heights = new StringBuilder();
      for (Instance i : instances) {
        heights
            .append(i.id)
            .append(':')
            .append(i.core.height())
            .append('/')
            .append(i.core.round())
            .append(' ');
      }
      if (Boolean.getBoolean("sim.debug")) {
        for (Instance i : instances) {
          System.out.println(i.id + " up=" + i.up + " " + i.core.diagnostics());
        }
      }
      checker.fail(
          Violation.Kind.LIVENESS,
          "honest validators did not each commit "
              + scenario.blocksAfterGst()
              + " blocks within "
              + scenario.livenessWindow()
              + " ms after GST; height/round: "
              + heights);
    }
    return result();
  }

  private SimResult result() {
    long minHeight = Long.MAX_VALUE;
    long sent = 0;
    long made = 0;
    long evidence = 0;
    long drops = 0;
    for (Instance i : instances) {
      if (i.honest) {
        minHeight = Math.min(minHeight, i.core.height() - 1);
      }
      sent += i.core.messagesSent();
      made += i.core.signaturesMade();
      evidence += i.core.evidence().size();
      drops += i.core.drops().values().stream().mapToLong(Long::longValue).sum();
    }
    return new SimResult(
        seed,
        now,
        minHeight,
        maxRound,
        delivered,
        sent,
        ed25519Verifications,
        made,
        evidence,
        drops);
  }

  private void setUp() {
    int id = 0;
    for (int v = 0; v < scenario.n(); v++) {
      boolean byz = scenario.byzantine().containsKey(v);
      int copies = byz && scenario.twins() ? 2 : 1;
      for (int c = 0; c < copies; c++) {
        Adversary adversary =
            byz && !scenario.twins()
                ? new Adversary(
                    v, scenario.n(), KEYS[v], genesis.hash(), scenario.byzantine().get(v), random)
                : null;
        long skew =
            scenario.maxClockSkew() == 0
                ? 0
                : random.nextInt((int) (2 * scenario.maxClockSkew() + 1)) - scenario.maxClockSkew();
        instances.add(new Instance(v, id++, !byz, adversary, skew));
      }
    }
    for (Instance i : instances) {
      at(random.nextInt(20), () -> step(i, new Input.Start(i.localTime())));
      if (i.adversary != null) {
        scheduleMischief(i);
      }
    }
    if (scenario.partition()) {
      long start = random.nextInt((int) Math.max(1, scenario.gst() / 2));
      long end = start + 1 + random.nextInt((int) Math.max(1, scenario.gst() - start));
      at(
          start,
          () -> {
            for (Instance i : instances) {
              i.group = random.nextInt(2);
            }
            if (scenario.twins()) {
              int g = 0;
              for (Instance i : instances) {
                if (!i.honest) {
                  i.group = g++ % 2;
                }
              }
            }
            partitioned = true;
          });
      at(Math.min(end, scenario.gst()), () -> partitioned = false);
    }
    List<Instance> honest = instances.stream().filter(i -> i.honest).toList();
    for (int c = 0; c < scenario.crashes(); c++) {
      Instance victim = honest.get(random.nextInt(honest.size()));
      long crashAt = random.nextInt((int) Math.max(1, scenario.gst() - 60));
      long restartAt = Math.min(scenario.gst(), crashAt + 50 + random.nextInt(400));
      at(crashAt, () -> crash(victim));
      at(restartAt, () -> restart(victim));
    }
    at(scenario.gst(), this::onGst);
    scheduleSubmission();
  }

  private void onGst() {
    partitioned = false;
    heightAtGst = new HashMap<>();
    for (Instance i : instances) {
      if (!i.up) {
        restart(i);
      }
      heightAtGst.put(i.id, i.core.height());
    }
    checkDone();
  }

  private void checkDone() {
    if (heightAtGst == null) {
      return;
    }
    for (Instance i : instances) {
      if (i.honest && i.core.height() < heightAtGst.get(i.id) + scenario.blocksAfterGst()) {
        return;
      }
    }
    done = true;
  }

  private void scheduleSubmission() {
    at(
        now + 20 + random.nextInt(60),
        () -> {
          List<Instance> honest = instances.stream().filter(i -> i.honest && i.up).toList();
          if (!honest.isEmpty()) {
            Instance target = honest.get(random.nextInt(honest.size()));
            String prefix = random.nextInt(20) == 0 ? "bad-" : "tx-";
            byte[] tx = (prefix + seed + "-" + txCounter++).getBytes(StandardCharsets.UTF_8);
            checker.submitted(tx);
            target.mempool.submit(tx);
          }
          scheduleSubmission();
        });
  }

  private void scheduleMischief(Instance i) {
    at(
        now + 10 + random.nextInt(90),
        () -> {
          if (i.up) {
            for (Adversary.Send s : i.adversary.spontaneous()) {
              send(i, s.to(), s.bytes());
            }
          }
          scheduleMischief(i);
        });
  }

  private void crash(Instance i) {
    if (!i.up) {
      return;
    }
    i.up = false;
    i.incarnation++;
  }

  private void restart(Instance i) {
    if (i.up) {
      return;
    }
    i.mempool = new SimMempool();
    i.core = i.newCore();
    i.up = true;
    i.incarnation++;
    step(i, new Input.Start(i.localTime()));
  }

  private void at(long time, Runnable action) {
    queue.add(new Event(time, seq++, action));
  }

  private void step(Instance i, Input input) {
    if (!i.up) {
      return;
    }
    process(i, i.core.handle(input));
    maxRound = Math.max(maxRound, i.core.round());
  }

  private void process(Instance from, List<Output> outputs) {
    for (Output o : outputs) {
      if (o instanceof Output.Broadcast b) {
        if (from.adversary != null) {
          for (Adversary.Send s : from.adversary.rewriteBroadcast(b.message())) {
            send(from, s.to(), s.bytes());
          }
        } else {
          for (int to = 0; to < scenario.n(); to++) {
            if (to != from.index) {
              send(from, to, b.message());
            }
          }
          if (scenario.twins() && !from.honest) {
            sendToTwin(from, b.message());
          }
        }
      } else if (o instanceof Output.SendTo s) {
        if (from.adversary == null || !from.adversary.behaviours().contains(Behaviour.SILENT)) {
          send(from, s.validator(), s.message());
        }
      } else if (o instanceof Output.ScheduleTimer t) {
        int incarnation = from.incarnation;
        at(
            now + t.delayMillis(),
            () -> {
              if (from.incarnation == incarnation) {
                step(from, new Input.TimerExpired(t.timer(), from.localTime()));
              }
            });
      } else if (o instanceof Output.Committed c) {
        from.mempool.removeCommitted(c.block().block());
        if (from.honest) {
          checker.onCommit(from.index, c.block());
          checkDone();
        }
      } else if (o instanceof Output.EvidenceFound e) {
        if (from.honest) {
          checker.onEvidence(from.index, e.evidence());
        }
      }
    }
  }

  /** Twins: a copy's own messages also reach its twin, as any other validator's would. */
  private void sendToTwin(Instance from, byte[] bytes) {
    for (Instance to : instances) {
      if (to.index == from.index && to.id != from.id) {
        deliverLater(from, to, bytes);
      }
    }
  }

  private void send(Instance from, int toIndex, byte[] bytes) {
    for (Instance to : instances) {
      if (to.index == toIndex) {
        deliverLater(from, to, bytes);
      }
    }
  }

  private void deliverLater(Instance from, Instance to, byte[] bytes) {
    boolean beforeGst = now < scenario.gst();
    if (partitioned && from.group != to.group) {
      return;
    }
    if (scenario.twins() && !partitioned && !from.honest && !to.honest && from.index == to.index) {
      // fine: twins hear each other like any validator
    }
    if (beforeGst && random.nextDouble() < scenario.dropRate()) {
      return;
    }
    long delay =
        1
            + (beforeGst
                ? random.nextInt((int) scenario.maxDelayBeforeGst())
                : random.nextInt((int) scenario.delta()));
    scheduleDelivery(to, bytes, delay);
    if (random.nextDouble() < scenario.duplicateRate()) {
      scheduleDelivery(to, bytes, delay + random.nextInt(50));
    }
  }

  private void scheduleDelivery(Instance to, byte[] bytes, long delay) {
    at(
        now + delay,
        () -> {
          if (!to.up) {
            return;
          }
          delivered++;
          if (to.adversary != null) {
            to.adversary.observe(bytes);
          }
          step(to, new Input.MessageReceived(bytes, to.localTime()));
        });
  }

  static Set<Integer> none() {
    return Set.of();
  }
}
