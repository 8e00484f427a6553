package io.votechain.agent.kiosk;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A one-page PDF (ISO 32000-1, written as PDF 1.4) showing lines of text in the standard Courier
 * font, the page sized to the text: the kiosk's receipt as a file a printer driver or a PDF viewer
 * takes as it is. Written by hand because the document is five objects and one content stream; a
 * PDF library would be the kiosk's largest dependency for no gain.
 *
 * <p>The output depends on the text only (no creation date, no random file id), so the same receipt
 * always gives the same bytes. Characters outside printable ASCII are shown as {@code ?}: the
 * standard fonts' encoding is not Unicode, and a receipt is ASCII anyway ({@link
 * VoterReceipt#printable()}).
 */
public final class PlainTextPdf {
  static final int FONT_SIZE = 9;
  static final int LEADING = 12;
  static final int MARGIN = 18;

  /** Courier's advance width is 600/1000 of the font size for every character. */
  private static final double CHAR_WIDTH = FONT_SIZE * 600 / 1000.0;

  private PlainTextPdf() {}

  /** The PDF of {@code text}, one line per line of the text (a final newline adds no line). */
  public static byte[] render(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    int longest = lines.stream().mapToInt(String::length).max().orElse(0);
    int width = (int) Math.ceil(2 * MARGIN + longest * CHAR_WIDTH);
    int height = 2 * MARGIN + lines.size() * LEADING;

    StringBuilder content = new StringBuilder();
    content
        .append("BT /F1 ")
        .append(FONT_SIZE)
        .append(" Tf ")
        .append(LEADING)
        .append(" TL ")
        .append(MARGIN)
        .append(' ')
        // The first baseline sits one line below the top margin.
        .append(height - MARGIN - FONT_SIZE)
        .append(" Td\n");
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        content.append("T* ");
      }
      content.append('(').append(escape(lines.get(i))).append(") Tj\n");
    }
    content.append("ET\n");
    byte[] stream = content.toString().getBytes(StandardCharsets.US_ASCII);

    List<String> objects =
        List.of(
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 "
                + width
                + " "
                + height
                + "] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // The second line's bytes above 127 tell transfer tools the file is binary (ISO 32000-1 7.5.2).
    write(out, "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n", StandardCharsets.ISO_8859_1);
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      offsets.add(out.size());
      write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n", StandardCharsets.US_ASCII);
    }
    offsets.add(out.size());
    write(
        out,
        (objects.size() + 1) + " 0 obj\n<< /Length " + stream.length + " >>\nstream\n",
        StandardCharsets.US_ASCII);
    out.writeBytes(stream);
    write(out, "endstream\nendobj\n", StandardCharsets.US_ASCII);

    int xref = out.size();
    StringBuilder table = new StringBuilder();
    table.append("xref\n0 ").append(offsets.size() + 1).append('\n');
    // Every entry is exactly 20 bytes, its end-of-line included (ISO 32000-1 7.5.4).
    table.append("0000000000 65535 f \n");
    for (int offset : offsets) {
      table.append(String.format("%010d 00000 n \n", offset));
    }
    table
        .append("trailer\n<< /Size ")
        .append(offsets.size() + 1)
        .append(" /Root 1 0 R >>\nstartxref\n")
        .append(xref)
        .append("\n%%EOF\n");
    write(out, table.toString(), StandardCharsets.US_ASCII);
    return out.toByteArray();
  }

  /** A PDF literal string's body: backslash, parentheses escaped; non-ASCII shown as '?'. */
  static String escape(String line) {
    StringBuilder out = new StringBuilder(line.length());
    for (char c : line.toCharArray()) {
      if (c == '\\' || c == '(' || c == ')') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7E) {
        out.append('?');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static void write(ByteArrayOutputStream out, String s, java.nio.charset.Charset cs) {
    out.writeBytes(s.getBytes(cs));
  }
}
