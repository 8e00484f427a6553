package io.votechain.tx;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.EncodingException;
import java.util.regex.Pattern;

/**
 * Identifiers chosen by officials (election, contest, choice, device, polling-station ids): 1 to 64
 * characters of {@code [A-Za-z0-9._-]}. They become state-key segments, so they must hold no {@code
 * /} and only printable ASCII (docs/contracts.md §1).
 */
public final class Identifiers {
  public static final int MAX_LENGTH = 64;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private Identifiers() {}

  public static boolean isValid(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** For record constructors. */
  public static String require(String id, String what) {
    if (!isValid(id)) {
      throw new IllegalArgumentException(what + " must match [A-Za-z0-9._-]{1,64}");
    }
    return id;
  }

  /** For decoders: an invalid identifier is an encoding error, not a programming error. */
  public static String read(CanonicalReader r, String what) {
    String id = r.text(MAX_LENGTH);
    if (!isValid(id)) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "bad " + what);
    }
    return id;
  }
}
