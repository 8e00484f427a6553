package io.votechain.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder for tests, standing in for the network between a kiosk and a node:
 * {@link #cut} closes the port and every connection through it (a pulled cable, a blocked port),
 * {@link #restore} listens on the same port again; {@link #muteReplies} keeps the kiosk talking to
 * the node while every byte back is dropped (the node acts on what the kiosk sends, the kiosk never
 * hears the answer: receipts lost in flight).
 *
 * <p>In {@code main}, beside {@link LoopbackPorts}, because the device-agent and web-ui tests both
 * use it and both already see node's main classes (no test-jar, no new dependency).
 */
public final class TcpProxy implements AutoCloseable {
  private final int targetPort;
  private final int port;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;
  private volatile boolean repliesMuted;

  /** Listens at once on a free loopback port and forwards to {@code targetPort} on loopback. */
  public TcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    // Below the ephemeral range: the port is bound again after a cut, and an outgoing connection
    // must not have taken it meanwhile.
    this.port = LoopbackPorts.freePort();
    restore();
  }

  public int port() {
    return port;
  }

  /** The address an MQTT client connects to. */
  public String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  /** Listens on the same port again after a {@link #cut}; does nothing while listening. */
  public synchronized void restore() throws IOException {
    if (server != null) {
      return;
    }
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    server = s;
    Thread accept = new Thread(() -> accept(s), "proxy-accept-" + port);
    accept.setDaemon(true);
    accept.start();
  }

  private void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket client = s.accept();
        synchronized (this) {
          // A connection accepted just before a cut must not outlive it.
          if (server != s) {
            client.close();
            return;
          }
          Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
          sockets.add(client);
          sockets.add(upstream);
          pump(client, upstream, false);
          pump(upstream, client, true);
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Closes the listening port and every connection through it. */
  public synchronized void cut() throws IOException {
    if (server != null) {
      server.close();
      server = null;
    }
    for (Socket s : sockets) {
      s.close();
    }
    sockets.clear();
  }

  /** From now on, bytes from the node to the kiosk are read and dropped. */
  public void muteReplies() {
    repliesMuted = true;
  }

  public void unmuteReplies() {
    repliesMuted = false;
  }

  private void pump(Socket from, Socket to, boolean replies) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                  if (replies && repliesMuted) {
                    continue;
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // the connection was cut
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    cut();
  }
}
