package io.votechain.web.e2e;

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
 * A loopback TCP forwarder standing in for the cable between one kiosk and its node: {@link #cut}
 * closes the listening port and every connection through it (a pulled cable), {@link #restore}
 * listens on the same port again. (device-agent's tests have the same tool, package-private.)
 */
final class TcpProxy implements AutoCloseable {
  private final int targetPort;
  private final int port;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private ServerSocket server;

  TcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    // Below the ephemeral range: the port is bound again after a cut, and an outgoing connection
    // must not have taken it meanwhile.
    this.port = io.votechain.node.LoopbackPorts.freePort();
    restore();
  }

  String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  synchronized void restore() throws IOException {
    if (server != null) {
      return;
    }
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    server = s;
    Thread accept = new Thread(() -> accept(s), "e2e-proxy-accept-" + port);
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
          pump(client, upstream);
          pump(upstream, client);
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  synchronized void cut() throws IOException {
    if (server != null) {
      server.close();
      server = null;
    }
    for (Socket s : sockets) {
      s.close();
    }
    sockets.clear();
  }

  private static void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // the cable was cut
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "e2e-proxy-pump");
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
