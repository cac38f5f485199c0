package io.streamingcoordinator.outbound;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One GET on its own connection to an address the policy checked: the socket is connected to that
 * very address (no second lookup that DNS could answer differently), while the Host header, TLS
 * server name and certificate check use the URL's host. HTTP/1.1 with {@code Connection: close}, so
 * no connection outlives its request. Any thread may {@link #close()} it: closing the socket ends a
 * blocked connect or read at once.
 */
final class Exchange implements Closeable {

  private final FetchLimits limits;
  private final long deadline; // System.nanoTime() by which the whole fetch must be done
  private volatile Socket socket;
  private volatile boolean closed;

  Exchange(FetchLimits limits, long deadline) {
    this.limits = limits;
    this.deadline = deadline;
  }

  Answer get(Destination destination) throws IOException {
    Socket connected = connect(destination);
    Socket stream = destination.tls() ? secure(connected, destination) : connected;
    OutputStream out = stream.getOutputStream();
    String request =
        "GET "
            + destination.target()
            + " HTTP/1.1\r\nHost: "
            + destination.hostHeader()
            + "\r\nUser-Agent: streaming-coordinator\r\nAccept: */*\r\n"
            + "Accept-Encoding: identity\r\nConnection: close\r\n\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = new BufferedInputStream(new DeadlineInput(stream, destination), 8192);
    return new ResponseReader(in, limits.maxResponseBytes(), destination.uri()).read();
  }

  /** Tries each checked address in turn (as the JDK's clients do with a name's addresses). */
  private Socket connect(Destination destination) throws IOException {
    IOException failure = new IOException("GET " + destination.uri() + ": no address");
    for (InetAddress address : destination.addresses()) {
      Socket attempt = new Socket();
      socket = attempt;
      if (closed) {
        attempt.close(); // closed before this socket could be seen by close()
        throw new IOException("GET " + destination.uri() + ": aborted");
      }
      try {
        int timeout = timeout(limits.connectTimeout(), destination);
        attempt.connect(new InetSocketAddress(address, destination.port()), timeout);
        return attempt;
      } catch (SocketTimeoutException e) {
        failure = timedOut(destination, limits.connectTimeout(), "streaming.http.connect-timeout");
      } catch (IOException e) {
        failure = e;
      }
      attempt.close();
      if (closed) {
        throw failure;
      }
    }
    throw failure;
  }

  private Socket secure(Socket connected, Destination destination) throws IOException {
    String host = AllowedHosts.normalised(destination.host());
    SSLSocket tls =
        (SSLSocket)
            ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(connected, host, destination.port(), true);
    SSLParameters parameters = tls.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    if (AddressRange.literal(host) == null) {
      parameters.setServerNames(List.of(new SNIHostName(host)));
    }
    tls.setSSLParameters(parameters);
    connected.setSoTimeout(timeout(limits.readTimeout(), destination));
    tls.startHandshake();
    return tls;
  }

  /** {@code limit} in milliseconds, or less if the fetch's deadline comes first. */
  private int timeout(Duration limit, Destination destination) throws IOException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw timedOut(destination, limits.requestTimeout(), "streaming.http.request-timeout");
    }
    return (int) Math.max(1, Math.min(limit.toMillis(), Duration.ofNanos(left).toMillis()));
  }

  private static IOException timedOut(Destination destination, Duration limit, String key) {
    return new IOException(
        "GET %s: timed out after %s (%s)".formatted(destination.uri(), limit, key));
  }

  /** Closes the connection: a blocked connect or read fails at once. Idempotent, any thread. */
  @Override
  public void close() {
    closed = true;
    Socket current = socket;
    if (current != null) {
      try {
        // the plain socket, even under TLS: an SSL close would try to write a close_notify
        current.close();
      } catch (IOException e) {
        // closed already
      }
    }
  }

  /** Reads the answer, each read bounded by the read timeout and by the fetch's deadline. */
  private final class DeadlineInput extends InputStream {
    private final Socket stream;
    private final InputStream in;
    private final Destination destination;

    DeadlineInput(Socket stream, Destination destination) throws IOException {
      this.stream = stream;
      this.in = stream.getInputStream();
      this.destination = destination;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int timeout = timeout(limits.readTimeout(), destination);
      stream.setSoTimeout(timeout);
      try {
        return in.read(buffer, offset, length);
      } catch (SocketTimeoutException e) {
        throw timeout < limits.readTimeout().toMillis()
            ? timedOut(destination, limits.requestTimeout(), "streaming.http.request-timeout")
            : timedOut(destination, limits.readTimeout(), "streaming.http.read-timeout");
      }
    }
  }
}
