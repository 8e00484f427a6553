package io.votechain.tx;

import io.votechain.encoding.EncodingException;
import java.util.function.Supplier;

/**
 * Turns a record constructor's {@link IllegalArgumentException} met while decoding into an {@link
 * EncodingException} ({@code INVALID_VALUE}), so that decoders of hostile bytes throw nothing else.
 */
public final class Decoding {
  private Decoding() {}

  public static <T> T guard(Supplier<T> decoder) {
    try {
      return decoder.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, e.getMessage());
    }
  }
}
