package io.streamingcoordinator.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback TCP proxy in front of the server that can cut every connection at once, as a failing
 * network would, and records what clients sent (to see their request headers) and how often they
 * connected. In front of several servers it is a round-robin balancer: each connection goes to the
 * next server that accepts it. It can also play a server that goes down and comes back (a database
 * restarting): its port closed, every connection refused, then open again at the same port.
 */
final class TcpProxy implements AutoCloseable {

  private final int port;
  private volatile ServerSocket listener;
  private volatile boolean refusing;
  private final int[] targets;
  private final AtomicInteger next = new AtomicInteger();
  private final ExecutorService pumps = Executors.newCachedThreadPool();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final StringBuffer requests = new StringBuffer();
  private final AtomicInteger connections = new AtomicInteger();

  TcpProxy(int... targetPorts) throws IOException {
    this.targets = targetPorts.clone();
    ServerSocket first = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.listener = first;
    this.port = first.getLocalPort();
    pumps.execute(() -> accept(first));
  }

  int port() {
    return port;
  }

  /** Everything clients have sent through the proxy so far. */
  String requests() {
    return requests.toString();
  }

  /** How many connections clients have opened through the proxy so far. */
  int connections() {
    return connections.get();
  }

  /**
   * How many requests clients have sent so far to {@code path} with {@code method} (request lines
   * {@code <method> <path>}, with or without a query), on any connection, kept alive or new.
   */
  int requestsTo(String method, String path) {
    Matcher lines =
        Pattern.compile(
                "(?m)^" + Pattern.quote(method + " " + path) + "(?:\\?\\S*)? HTTP/1\\.[01]\r?$")
            .matcher(requests());
    int count = 0;
    while (lines.find()) {
      count++;
    }
    return count;
  }

  /** Drops every connection now. */
  void cutAll() throws IOException {
    for (Socket socket : open) {
      socket.close();
    }
    open.clear();
  }

  /**
   * Goes down as a server does: its port closed (a new connection is refused), every open one
   * dropped.
   */
  void refuse() throws IOException {
    synchronized (open) {
      refusing = true; // from now on nothing joins the connections cut below
    }
    listener.close();
    cutAll();
  }

  /** Comes back after {@link #refuse}: accepts connections again, at the same port. */
  void admit() throws IOException {
    ServerSocket reopened = new ServerSocket();
    reopened.setReuseAddress(true);
    reopened.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    listener = reopened;
    refusing = false;
    pumps.execute(() -> accept(reopened));
  }

  private void accept(ServerSocket listener) {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        connections.incrementAndGet();
        Socket server = connect();
        if (server == null) {
          client.close(); // no server accepts: as a balancer with every backend down
          continue;
        }
        synchronized (open) {
          if (refusing) { // accepted just as the proxy went down
            server.close();
            client.close();
            continue;
          }
          open.add(client);
          open.add(server);
        }
        pumps.execute(() -> pump(client, server, true));
        pumps.execute(() -> pump(server, client, false));
      } catch (IOException e) {
        return;
      }
    }
  }

  /** The next server in turn that accepts a connection; null if none does. */
  private Socket connect() {
    for (int tried = 0; tried < targets.length; tried++) {
      int target = targets[Math.floorMod(next.getAndIncrement(), targets.length)];
      try {
        return new Socket(InetAddress.getLoopbackAddress(), target);
      } catch (IOException refused) {
        // down: the next one
      }
    }
    return null;
  }

  private void pump(Socket from, Socket to, boolean record) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (record) {
          requests.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException cut) {
      // one side closed: close the other
    } finally {
      try {
        from.close();
        to.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    cutAll();
    pumps.shutdownNow();
  }
}
