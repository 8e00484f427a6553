package io.votechain.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * voting-contracts is the pure core every validator and the independent verifier run: it must never
 * reach for I/O, a clock, threads or a network library, or two honest validators could compute
 * different states. These rules fail the build if it does.
 */
class ContractsArchitectureTest {
  private static JavaClasses production;

  @BeforeAll
  static void importClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.votechain");
    // A rule over no classes holds vacuously: make sure the import found the module.
    org.junit.jupiter.api.Assertions.assertTrue(
        production.size() > 100, "imported only " + production.size() + " classes");
  }

  @Test
  void noIoLibraries() {
    ArchRule rule =
        noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "io.vertx..",
                "com.datastax..",
                "org.apache.cassandra..",
                "org.eclipse.paho..",
                "org.rocksdb..",
                "java.net..",
                "java.nio.file..",
                "java.nio.channels..",
                "java.sql..")
            .because("contracts and cryptography are pure; I/O lives in node/ and device-agent/");
    rule.check(production);
  }

  @Test
  void noFileAccess() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.File")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.FileInputStream")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.FileOutputStream")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.RandomAccessFile")
        .because("the verifier's command-line entry point is the only place that may read files")
        .check(production.that(notTheVerifierCli()));
  }

  @Test
  void noWallClockAndNoThreadsOfItsOwn() {
    noClasses()
        .should()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .callMethod(java.time.Instant.class, "now")
        .orShould()
        .callMethod(java.time.Clock.class, "systemUTC")
        .orShould()
        .callMethod(java.time.Clock.class, "systemDefaultZone")
        .orShould()
        .callConstructor(Thread.class)
        .orShould()
        .callConstructor(Thread.class, Runnable.class)
        .orShould()
        .callConstructor(java.util.Random.class)
        .because("execution is deterministic: time comes from the block, randomness is injected")
        .check(production.that(notTheVerifierCli()));
  }

  @Test
  void onlyTheVerifierRunsAThreadPool() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.Executors")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.ExecutorService")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.ThreadFactory")
        .because(
            "the contracts are single-threaded and deterministic; the independent verifier alone"
                + " spreads ballot verification over the cores (docs/election-record.md §5)")
        .check(production.that(notInTheVerifier()));
  }

  @Test
  void theRecordAndTheVerifierNeverReachIntoTheNode() {
    noClasses()
        .that()
        .resideInAnyPackage("io.votechain.record..", "io.votechain.verifier..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.votechain.node..",
            "io.votechain.consensus..",
            "io.votechain.store..",
            "io.votechain.mempool..",
            "io.votechain.p2p..")
        .because("the verifier is independent: it re-implements headers and certificates")
        .check(production);
  }

  private static com.tngtech.archunit.base.DescribedPredicate<
          com.tngtech.archunit.core.domain.JavaClass>
      notInTheVerifier() {
    return com.tngtech.archunit.base.DescribedPredicate.describe(
        "not in the verifier", c -> !c.getPackageName().startsWith("io.votechain.verifier"));
  }

  private static com.tngtech.archunit.base.DescribedPredicate<
          com.tngtech.archunit.core.domain.JavaClass>
      notTheVerifierCli() {
    return com.tngtech.archunit.base.DescribedPredicate.describe(
        "not in the verifier's command-line package",
        c -> !c.getPackageName().startsWith("io.votechain.verifier.cli"));
  }
}
