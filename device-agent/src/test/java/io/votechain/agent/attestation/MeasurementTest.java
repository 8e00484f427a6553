package io.votechain.agent.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.votechain.crypto.hash.Hash32;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasurementTest {
  @TempDir Path dir;
  private Path jar;
  private Path classes;
  private Path config;

  @BeforeEach
  void artefacts() throws Exception {
    jar = dir.resolve("agent.jar");
    Files.write(jar, new byte[] {1, 2, 3, 4});
    classes = dir.resolve("classes");
    Files.createDirectories(classes.resolve("io/votechain"));
    Files.writeString(classes.resolve("io/votechain/A.class"), "class A");
    Files.writeString(classes.resolve("io/votechain/B.class"), "class B");
    config = dir.resolve("config.json");
    Files.writeString(config, "{\"deviceId\":\"kiosk-1\"}");
  }

  @Test
  void theClassPathOrderDoesNotMatter() throws Exception {
    assertEquals(
        Measurement.of(List.of(jar, classes), config),
        Measurement.of(List.of(classes, jar), config));
  }

  @Test
  void whereTheAgentIsInstalledDoesNotMatter() throws Exception {
    Hash32 here = Measurement.of(List.of(jar, classes), config);
    Path elsewhere = dir.resolve("elsewhere");
    Files.createDirectories(elsewhere);
    Path jar2 = Files.copy(jar, elsewhere.resolve("agent.jar"));
    Path classes2 = elsewhere.resolve("classes");
    Files.createDirectories(classes2.resolve("io/votechain"));
    Files.copy(classes.resolve("io/votechain/A.class"), classes2.resolve("io/votechain/A.class"));
    Files.copy(classes.resolve("io/votechain/B.class"), classes2.resolve("io/votechain/B.class"));
    assertEquals(here, Measurement.of(List.of(jar2, classes2), config));
  }

  @Test
  void aChangedJarChangesTheMeasurement() throws Exception {
    Hash32 before = Measurement.of(List.of(jar, classes), config);
    Files.write(jar, new byte[] {1, 2, 3, 5});
    assertNotEquals(before, Measurement.of(List.of(jar, classes), config));
  }

  @Test
  void aChangedOrAddedClassChangesTheMeasurement() throws Exception {
    Hash32 before = Measurement.of(List.of(jar, classes), config);
    Files.writeString(classes.resolve("io/votechain/C.class"), "class C");
    Hash32 added = Measurement.of(List.of(jar, classes), config);
    assertNotEquals(before, added);
    Files.writeString(classes.resolve("io/votechain/C.class"), "class C'");
    assertNotEquals(added, Measurement.of(List.of(jar, classes), config));
  }

  @Test
  void aRenamedClassChangesTheMeasurement() throws Exception {
    Hash32 before = Measurement.of(List.of(jar, classes), config);
    Files.move(classes.resolve("io/votechain/B.class"), classes.resolve("io/votechain/Z.class"));
    assertNotEquals(before, Measurement.of(List.of(jar, classes), config));
  }

  @Test
  void aChangedConfigurationChangesTheMeasurement() throws Exception {
    Hash32 before = Measurement.of(List.of(jar, classes), config);
    Files.writeString(config, "{\"deviceId\":\"kiosk-2\"}");
    assertNotEquals(before, Measurement.of(List.of(jar, classes), config));
  }
}
