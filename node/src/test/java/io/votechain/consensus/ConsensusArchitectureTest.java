package io.votechain.consensus;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the consensus core a pure state machine (ARCHITECTURE.md, docs/consensus.md §9): no
 * runtime, network, file, thread or clock dependencies in its main classes. java.util.concurrent is
 * forbidden outright: the core is single-threaded and needs none of it.
 */
class ConsensusArchitectureTest {
  private static JavaClasses core;

  @BeforeAll
  static void importMainClasses() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.votechain.consensus");
  }

  @Test
  void theCoreImportsAtLeastItsOwnClasses() {
    // Guards the rules below against passing vacuously on an empty import.
    org.junit.jupiter.api.Assertions.assertTrue(
        core.contain("io.votechain.consensus.core.ConsensusCore"));
  }

  @Test
  void consensusDependsOnNoRuntimeNetworkStorageOrThreads() {
    noClasses()
        .that()
        .resideInAPackage("io.votechain.consensus..")
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
            "java.util.concurrent..")
        .check(core);
  }

  @Test
  void consensusStartsNoThreadsAndTouchesNoFiles() {
    noClasses()
        .that()
        .resideInAPackage("io.votechain.consensus..")
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(
            Thread.class,
            ThreadGroup.class,
            java.io.File.class,
            java.io.FileInputStream.class,
            java.io.FileOutputStream.class,
            java.io.RandomAccessFile.class,
            java.util.Random.class,
            java.security.SecureRandom.class)
        .check(core);
  }

  @Test
  void consensusNeverReadsAClock() {
    noClasses()
        .that()
        .resideInAPackage("io.votechain.consensus..")
        .should()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(Clock.class, "systemUTC")
        .orShould()
        .callMethod(Clock.class, "systemDefaultZone")
        .orShould()
        .callMethod(LocalDateTime.class, "now")
        .check(core);
  }
}
