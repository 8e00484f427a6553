package io.votechain.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.verifier.RecordedElection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone verifier's command line: report, exit code, NIST output. */
class VerifyRecordTest {
  @TempDir Path dir;

  private int run(ByteArrayOutputStream out, String... args) {
    return VerifyRecord.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @Test
  void validRecordExitsZeroAndWritesNistResults() throws Exception {
    Path record = dir.resolve("e1.record");
    Files.write(record, RecordedElection.shared().record());
    Path nist = dir.resolve("e1.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code =
        run(out, "--record", record.toString(), "--threads", "2", "--nist-out", nist.toString());

    String report = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, report);
    assertTrue(report.contains("RESULT: the election record verifies"), report);
    assertTrue(report.contains("10. BALLOT_PROOFS OK"), report);
    assertTrue(report.contains(" 9. DEVICES       OK"), report);
    String json = Files.readString(nist);
    assertTrue(json.contains("\"BallotsCast\":4"), json);
    assertTrue(json.contains("\"Status\":\"certified\""), json);
  }

  @Test
  void tamperedRecordExitsOneAndNamesTheStep() throws Exception {
    byte[] bytes = RecordedElection.shared().record();
    bytes[bytes.length / 2] ^= 0x10;
    Path record = dir.resolve("tampered.record");
    Files.write(record, bytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code = run(out, "--record", record.toString());

    String report = out.toString(StandardCharsets.UTF_8);
    assertEquals(1, code, report);
    assertTrue(report.contains("FAILED"), report);
    assertFalse(report.contains("RESULT: the election record verifies"), report);
  }

  @Test
  void meetingRecordPrintsTheRecomputedDecision() throws Exception {
    Path record = dir.resolve("agm.record");
    Files.write(record, RecordedElection.meeting().record());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code = run(out, "--record", record.toString(), "--threads", "1");

    String report = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, report);
    assertTrue(report.contains("MEETING: 400 of 1000 shares represented, quorum met"), report);
    assertTrue(report.contains("  r1: for 250, against 100, abstain 50 -> passed"), report);
    assertTrue(report.contains("  r2: for 150, against 250, abstain 0 -> not passed"), report);
  }

  @Test
  void missingRecordOptionIsAUsageError() {
    assertEquals(2, run(new ByteArrayOutputStream(), "--threads", "1"));
  }
}
