package io.streamingcoordinator.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A stream client on a raw socket: it can bind a chosen local address and never read. */
final class RawClient implements AutoCloseable {

  private final Socket socket = new Socket();

  /** Sends the request for {@code uri} from {@code localAddress} (null: any). */
  RawClient(URI uri, String localAddress, int receiveBuffer) throws IOException {
    socket.setReceiveBufferSize(receiveBuffer);
    if (localAddress != null) {
      socket.bind(new InetSocketAddress(localAddress, 0));
    }
    socket.connect(new InetSocketAddress("127.0.0.1", uri.getPort()), 10_000);
    String request =
        "GET %s HTTP/1.1\r\nHost: localhost:%d\r\nAccept: text/event-stream\r\n\r\n"
            .formatted(uri.getRawPath(), uri.getPort());
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
    return text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
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
