package io.votechain.agent.kiosk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The receipt's PDF is checked the way a reader finds its way through the file: from {@code
 * startxref} to the cross-reference table, from each entry to its object, from the stream's {@code
 * /Length} to {@code endstream}; and the page shows every line of the receipt.
 */
class PlainTextPdfTest {
  private static final VoterReceipt RECEIPT =
      new VoterReceipt(
          "city-2027",
          "ABCD-EFGH-JKMN-PQRS",
          Sha256.hash(new byte[] {1, 2, 3}),
          42,
          "https://verify.example/v/" + Sha256.hash(new byte[] {1, 2, 3}).hex());

  private static String latin1(byte[] pdf) {
    return new String(pdf, StandardCharsets.ISO_8859_1);
  }

  @Test
  void everyCrossReferenceEntryPointsAtItsObject() {
    String pdf = latin1(RECEIPT.pdf());
    assertTrue(pdf.startsWith("%PDF-1.4\n"));
    assertTrue(pdf.endsWith("\n%%EOF\n"));
    Matcher start = Pattern.compile("startxref\n(\\d+)\n%%EOF\n$").matcher(pdf);
    assertTrue(start.find());
    int xref = Integer.parseInt(start.group(1));
    assertTrue(pdf.startsWith("xref\n0 6\n0000000000 65535 f \n", xref), "xref where it says");
    for (int object = 1; object <= 5; object++) {
      int entry = xref + "xref\n0 6\n".length() + 20 * object;
      String line = pdf.substring(entry, entry + 20);
      assertTrue(line.endsWith(" 00000 n \n"), line);
      int offset = Integer.parseInt(line.substring(0, 10));
      assertTrue(pdf.startsWith(object + " 0 obj\n", offset), "object " + object + " at " + offset);
    }
    assertTrue(pdf.contains("trailer\n<< /Size 6 /Root 1 0 R >>"));
  }

  @Test
  void theStreamLengthIsTheContentsExactLength() {
    String pdf = latin1(RECEIPT.pdf());
    Matcher m = Pattern.compile("<< /Length (\\d+) >>\nstream\n").matcher(pdf);
    assertTrue(m.find());
    int length = Integer.parseInt(m.group(1));
    assertTrue(pdf.startsWith("endstream\n", m.end() + length));
  }

  @Test
  void thePageShowsEveryLineOfTheTextReceiptInCourier() {
    String pdf = latin1(RECEIPT.pdf());
    assertTrue(pdf.contains("/BaseFont /Courier"));
    String[] lines = RECEIPT.printable().split("\n");
    assertEquals(8, lines.length);
    int from = 0;
    for (String line : lines) {
      int at = pdf.indexOf("(" + line + ") Tj", from);
      assertTrue(at > from, "in order: " + line);
      from = at;
    }
    // The page is wide enough for the longest line: 18 pt margins, 5.4 pt per Courier character.
    int longest = java.util.Arrays.stream(lines).mapToInt(String::length).max().orElseThrow();
    assertTrue(
        pdf.contains(
            "/MediaBox [0 0 " + (int) Math.ceil(36 + longest * 5.4) + " " + (36 + 8 * 12) + "]"));
  }

  @Test
  void parenthesesBackslashesAndNonAsciiCannotBreakOutOfTheString() {
    String pdf = latin1(PlainTextPdf.render("a) Tj (b\\c\n选票\n"));
    assertTrue(pdf.contains("(a\\) Tj \\(b\\\\c) Tj\nT* (??) Tj\n"), pdf);
  }

  @Test
  void theSameReceiptAlwaysGivesTheSameBytes() {
    assertArrayEquals(RECEIPT.pdf(), RECEIPT.pdf());
  }
}
