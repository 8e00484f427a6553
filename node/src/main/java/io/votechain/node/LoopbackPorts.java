package io.votechain.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports on loopback for the tests that start validator networks, devices and servers (in
 * {@code main} because the device-agent and web-ui tests use it too; {@code votechain dev} takes a
 * fixed {@code --base-port}).
 *
 * <p>Ports are taken below the kernel's ephemeral range. A port the kernel handed out for {@code
 * bind(0)} lies inside that range, and so does the local port of every outgoing connection: between
 * the moment a block is found free and the moment the last validator binds it, a peer connection or
 * a Cassandra driver connection can take one of its ports, and that validator then cannot start (it
 * happened in CI). Below the range, only a listener can take a port.
 */
public final class LoopbackPorts {
  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final int LOWEST = 10_000;
  private static final int DEFAULT_EPHEMERAL_LOW = 32_768;

  private LoopbackPorts() {}

  /** A base port such that {@code base .. base + count - 1} were all free a moment ago. */
  public static int freeBlock(int count) throws IOException {
    if (count < 1 || count > 1_000) {
      throw new IllegalArgumentException("count must be 1..1000");
    }
    int highest = ephemeralLow() - count;
    // Random, so that test JVMs and processes that run at the same time rarely try the same block.
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = LOWEST + random.nextInt(Math.max(1, highest - LOWEST));
      if (allFree(base, count)) {
        return base;
      }
    }
    throw new IOException("no block of " + count + " free loopback ports below " + highest);
  }

  /** One free port. */
  public static int freePort() throws IOException {
    return freeBlock(1);
  }

  private static boolean allFree(int base, int count) {
    for (int p = base; p < base + count; p++) {
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 1); // free
      } catch (IOException taken) {
        return false;
      }
    }
    return true;
  }

  static int ephemeralLow() {
    try {
      String[] range = Files.readString(EPHEMERAL_RANGE).trim().split("\\s+");
      int low = Integer.parseInt(range[0]);
      return low > LOWEST + 2_000 ? low : DEFAULT_EPHEMERAL_LOW;
    } catch (IOException | RuntimeException notLinux) {
      return DEFAULT_EPHEMERAL_LOW;
    }
  }
}
