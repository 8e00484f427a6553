package io.votechain.web.official;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.tx.Keys;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RollCsvTest {
  private String k1;
  private String k2;
  private String k3;

  @BeforeEach
  void keys() throws Exception {
    SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
    r.setSeed(7);
    k1 = hex(Ed25519Signer.generate(r));
    k2 = hex(Ed25519Signer.generate(r));
    k3 = hex(Ed25519Signer.generate(r));
  }

  private static String hex(Ed25519Signer s) {
    return HexFormat.of().formatHex(s.publicKey().encoded());
  }

  @Test
  void aValidFileIsGroupedByStation() {
    RollCsv.Parsed p =
        RollCsv.parse(
            "station,credential\nnorth," + k1 + "\n\nsouth," + k2 + "\nnorth," + k3 + "\n",
            k -> false);
    assertTrue(p.ok());
    assertEquals(3, p.count());
    assertEquals(List.of("north", "south"), List.copyOf(p.byStation().keySet()));
    assertEquals(2, p.byStation().get("north").size());
  }

  @Test
  void everyBadLineIsReportedWithItsNumberAndNothingIsImported() {
    RollCsv.Parsed p =
        RollCsv.parse(
            "north,"
                + k1
                + "\nnorth\nbad station,"
                + k2
                + "\nnorth,zz"
                + k2.substring(2)
                + "\nsouth,"
                + k1,
            k -> false);
    assertFalse(p.ok());
    assertEquals(0, p.count());
    assertTrue(p.byStation().isEmpty(), "nothing half-imported");
    assertEquals(
        List.of(
            new RollCsv.Problem(2, "roll.problem.fields", "1"),
            new RollCsv.Problem(3, "roll.problem.station", "bad station"),
            new RollCsv.Problem(4, "roll.problem.key", "zz" + k2.substring(2)),
            new RollCsv.Problem(5, "roll.problem.duplicate", "1")),
        p.problems());
  }

  @Test
  void aCredentialAlreadyOnTheRollIsAProblem() throws Exception {
    SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
    r.setSeed(7);
    String onRoll = Keys.hex(Ed25519Signer.generate(r).publicKey());
    RollCsv.Parsed p = RollCsv.parse("north," + k1, k -> Keys.hex(k).equals(onRoll));
    assertEquals(List.of(new RollCsv.Problem(1, "roll.problem.registered", k1)), p.problems());
  }

  @Test
  void anEmptyFileIsAProblem() {
    assertEquals(
        "roll.problem.empty",
        RollCsv.parse("station,credential\n\n", k -> false).problems().get(0).messageKey());
  }
}
