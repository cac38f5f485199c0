package io.streamingcoordinator.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A request on a raw non-blocking socket that sends its head and then its body as slowly as the
 * test likes; {@link #poll} picks up whatever the server answered without blocking.
 */
final class SlowBody implements AutoCloseable {

  private final SocketChannel channel;
  private final long openedAt = System.nanoTime();
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final ByteBuffer buffer = ByteBuffer.allocate(4096);
  private Duration answeredAfter;
  private Duration closedAfter;

  /** Sends {@code head} (request line and headers, without the blank line) and {@code start}. */
  SlowBody(int port, String head, String start) throws IOException {
    channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
    channel.configureBlocking(false);
    send(head + "\r\n\r\n" + start);
  }

  /** Sends more of the body; a connection the server has closed takes nothing more. */
  synchronized void send(String bytes) {
    ByteBuffer out = ByteBuffer.wrap(bytes.getBytes(StandardCharsets.US_ASCII));
    try {
      while (out.hasRemaining() && closedAfter == null) {
        channel.write(out);
      }
    } catch (IOException e) {
      closedAfter = since();
    }
  }

  /** Reads what has arrived; true once the server has closed the connection. */
  synchronized boolean poll() {
    try {
      for (int n; closedAfter == null && (n = channel.read(buffer.clear())) != 0; ) {
        if (n < 0) {
          closedAfter = since();
        } else {
          if (answeredAfter == null) {
            answeredAfter = since();
          }
          received.write(buffer.array(), 0, n);
        }
      }
    } catch (IOException reset) {
      closedAfter = since();
    }
    return closedAfter != null;
  }

  synchronized boolean answered() {
    poll();
    return answeredAfter != null;
  }

  /** How long after the request was opened the first byte of the answer came, or null. */
  synchronized Duration answeredAfter() {
    return answeredAfter;
  }

  synchronized Duration closedAfter() {
    return closedAfter;
  }

  /** The answer's status code, -1 before one arrived. */
  synchronized int status() {
    String text = received.toString(StandardCharsets.US_ASCII);
    return text.startsWith("HTTP/1.") ? Integer.parseInt(text.substring(9, 12)) : -1;
  }

  synchronized String answer() {
    return received.toString(StandardCharsets.UTF_8);
  }

  private Duration since() {
    return Duration.ofNanos(System.nanoTime() - openedAt);
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
