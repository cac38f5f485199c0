package io.streamingcoordinator.it;

import io.streamingcoordinator.security.entity.Role;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** A stream client on a raw socket: it can bind a chosen local address and never read. */
final class RawClient implements AutoCloseable {

  private final Socket socket = new Socket();

  /** Sends the request for {@code uri} from {@code localAddress} (null: any). */
  /** Streams are read as an admin of the tests' identity ({@link TestIdentity}). */
  private static final String AUTHORIZATION =
      "Authorization: Bearer " + TestIdentity.token(Role.ADMIN) + "\r\n";

  RawClient(URI uri, String localAddress, int receiveBuffer) throws IOException {
    this(uri, localAddress, receiveBuffer, "HTTP/1.1");
  }

  /**
   * As above, in the given protocol version: HTTP/1.0 gets an unchunked body, which {@link #events}
   * can read line by line.
   */
  RawClient(URI uri, String localAddress, int receiveBuffer, String protocol) throws IOException {
    socket.setReceiveBufferSize(receiveBuffer);
    if (localAddress != null) {
      socket.bind(new InetSocketAddress(localAddress, 0));
    }
    socket.connect(new InetSocketAddress("127.0.0.1", uri.getPort()), 10_000);
    String request =
        "GET %s %s\r\nHost: localhost:%d\r\nAccept: text/event-stream\r\n%s\r\n"
            .formatted(uri.getRawPath(), protocol, uri.getPort(), AUTHORIZATION);
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
  }

  /** Reads up to the end of the response headers and returns the status code. */
  int status() throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    return text.startsWith("HTTP/1.") ? Integer.parseInt(text.substring(9, 12)) : -1;
  }

  /**
   * Reads events (id, name, data) of an unchunked (HTTP/1.0) stream until it ends, pausing after
   * each one like a slow client.
   */
  List<String[]> events(Duration pause) throws IOException {
    return events(pause, Integer.MAX_VALUE);
  }

  /** As above, pausing after each of the first {@code slowEvents} only, then reading at once. */
  List<String[]> events(Duration pause, int slowEvents) throws IOException {
    socket.setSoTimeout(60_000);
    List<String[]> events = new ArrayList<>();
    BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 1024);
    String id = null;
    String name = null;
    String data = null;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.startsWith("id: ")) {
        id = line.substring(4);
      } else if (line.startsWith("event: ")) {
        name = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data = line.substring(6);
      } else if (line.isEmpty() && name != null) {
        events.add(new String[] {id, name, data});
        if ("complete".equals(name) || "error".equals(name)) {
          return events;
        }
        id = null;
        name = null;
        data = null;
        if (events.size() <= slowEvents) {
          LockSupport.parkNanos(pause.toNanos());
        }
      }
    }
    return events;
  }

  /** Reads whatever the server sent until it drops or ends the connection. */
  long drainUntilClosed() throws IOException {
    socket.setSoTimeout(60_000);
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try {
      for (int n; (n = socket.getInputStream().read(buffer)) >= 0; ) {
        total += n;
      }
    } catch (SocketException reset) {
      // an aborted connection ends in a reset
    }
    return total;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
