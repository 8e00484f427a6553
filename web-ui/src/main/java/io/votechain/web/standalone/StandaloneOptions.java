package io.votechain.web.standalone;

import io.vertx.core.json.JsonObject;
import io.votechain.crypto.hash.Hash32;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The standalone web UI's command line (docs/web-ui.md §6.1), checked before anything starts. Every
 * refusal is an {@link Invalid} with its documented code. Immutable.
 *
 * @param node the node's base address ({@code http(s)://host[:port][/path]})
 * @param host the address to listen on
 * @param port the port to listen on (0: any free one)
 * @param web the {@code web} configuration section the pages read
 * @param pinnedChainId the consensus chain id the node must serve, if the operator pinned one
 */
public record StandaloneOptions(
    URI node, String host, int port, JsonObject web, Optional<Hash32> pinnedChainId) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8090;

  public static final String USAGE =
      "usage: StandaloneWebUi --node URL [--host ADDRESS] [--port N] [--officials FILE]"
          + " [--sessions DIR] [--config FILE] [--chain-id HEX | --genesis FILE]";

  public StandaloneOptions {
    web = web.copy();
  }

  @Override
  public JsonObject web() {
    return web.copy();
  }

  /** A refused command line: {@code code} is one of the documented {@code STANDALONE_*} codes. */
  public static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    Invalid(String code, String detail) {
      super(code + ": " + detail);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  public static StandaloneOptions parse(String... args) {
    URI node = null;
    String host = DEFAULT_HOST;
    int port = DEFAULT_PORT;
    JsonObject web = new JsonObject();
    String officials = null;
    String sessions = null;
    Optional<Hash32> pin = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new Invalid("STANDALONE_BAD_ARGUMENTS", option + " needs a value. " + USAGE);
      }
      String value = args[++i];
      switch (option) {
        case "--node" -> node = nodeUrl(value);
        case "--host" -> host = value;
        case "--port" -> port = port(value);
        case "--officials" -> officials = value;
        case "--sessions" -> sessions = value;
        case "--config" -> web = config(Path.of(value));
        case "--chain-id" -> pin = Optional.of(chainId(value, pin));
        case "--genesis" -> pin = Optional.of(genesis(Path.of(value), pin));
        default -> throw new Invalid("STANDALONE_BAD_ARGUMENTS", "unknown option " + option);
      }
    }
    if (node == null) {
      throw new Invalid("STANDALONE_BAD_ARGUMENTS", "--node is required. " + USAGE);
    }
    if (officials != null) {
      web.put("officials", officials);
    }
    if (sessions != null) {
      web.put("sessionsDir", sessions);
    }
    return new StandaloneOptions(node, host, port, web, pin);
  }

  /** An absolute http(s) address with a host and no query or fragment. */
  static URI nodeUrl(String value) {
    try {
      URI uri = new URI(value);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null
          || uri.getRawUserInfo() != null) {
        throw new Invalid(
            "STANDALONE_BAD_NODE_URL",
            value + " is not an http:// or https:// address of a node (http://host:port)");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new Invalid("STANDALONE_BAD_NODE_URL", value + " is not an address: " + e.getReason());
    }
  }

  private static int port(String value) {
    try {
      int p = Integer.parseInt(value);
      if (p < 0 || p > 65_535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new Invalid("STANDALONE_BAD_PORT", value + " is not a port (0..65535)");
    }
  }

  /** A node-style configuration file: its {@code web} section (absent: the defaults). */
  private static JsonObject config(Path file) {
    try {
      JsonObject json = new JsonObject(Files.readString(file));
      JsonObject web = json.getJsonObject("web");
      return web == null ? new JsonObject() : web;
    } catch (IOException | RuntimeException e) {
      throw new Invalid(
          "STANDALONE_CONFIG_UNREADABLE", file + " is not a readable JSON configuration");
    }
  }

  private static Hash32 chainId(String value, Optional<Hash32> already) {
    if (already.isPresent()) {
      throw new Invalid("STANDALONE_BAD_ARGUMENTS", "give one of --chain-id and --genesis");
    }
    try {
      if (value.length() != 64) {
        throw new IllegalArgumentException();
      }
      return Hash32.fromHex(value.toLowerCase(java.util.Locale.ROOT));
    } catch (RuntimeException e) {
      throw new Invalid("STANDALONE_BAD_CHAIN_ID", "a chain id is 64 hexadecimal digits");
    }
  }

  /** The chain id of a genesis file ({@code votechain init} writes it). */
  private static Hash32 genesis(Path file, Optional<Hash32> already) {
    if (already.isPresent()) {
      throw new Invalid("STANDALONE_BAD_ARGUMENTS", "give one of --chain-id and --genesis");
    }
    try {
      return io.votechain.node.GenesisFile.read(file).hash();
    } catch (IOException | RuntimeException e) {
      throw new Invalid("STANDALONE_GENESIS_UNREADABLE", file + " is not a readable genesis file");
    }
  }
}
