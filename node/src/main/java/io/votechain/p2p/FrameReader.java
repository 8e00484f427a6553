package io.votechain.p2p;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;
import java.util.function.Consumer;

/**
 * Splits a TCP byte stream into length-prefixed frames. A length above the limit is reported before
 * a byte of the body is buffered, so a hostile peer cannot make the validator allocate.
 */
final class FrameReader {
  private FrameReader() {}

  static RecordParser create(int maxFrameBytes, Consumer<byte[]> onFrame, Runnable onTooLarge) {
    RecordParser parser = RecordParser.newFixed(4);
    boolean[] expectingLength = {true};
    parser.handler(
        chunk -> {
          if (expectingLength[0]) {
            int length = chunk.getInt(0);
            if (length < 1 || length > maxFrameBytes) {
              onTooLarge.run();
              return;
            }
            expectingLength[0] = false;
            parser.fixedSizeMode(length);
          } else {
            expectingLength[0] = true;
            parser.fixedSizeMode(4);
            onFrame.accept(chunk.getBytes());
          }
        });
    return parser;
  }

  static Buffer frame(Frame frame) {
    byte[] body = Frame.encode(frame);
    return Buffer.buffer(4 + body.length).appendInt(body.length).appendBytes(body);
  }
}
