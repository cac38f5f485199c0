package io.streamingcoordinator.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Non-blocking SSE clients for the load generator: a few selector threads hold thousands of
 * connections, decode chunked HTTP/1.1, parse the event stream and record per-connection counts and
 * publish→receive latencies (from the {@code sent_at_us} field of the events); a checked client
 * also keeps which SpamTask items ({@code seq}) it got, to count missing, repeated and reordered
 * ones.
 */
final class SseClients implements AutoCloseable {

  private static final byte[] SENT_AT = "\"sent_at_us\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.US_ASCII);

  private final Loop[] loops;
  private int next;

  SseClients(int threads) throws IOException {
    loops = new Loop[threads];
    for (int i = 0; i < threads; i++) {
      loops[i] = new Loop("sse-client-" + i);
      loops[i].start();
    }
  }

  /**
   * Opens a stream; {@code local} is the local address to connect from (127.0.0.x spreads many
   * connections over more port ranges); a client that does not {@code read} never reads a byte
   * after sending its request.
   */
  Client open(InetSocketAddress server, String local, String path, boolean read, boolean latency) {
    return open(server, local, path, read, latency, null);
  }

  /**
   * Opens a reading stream whose latencies go to {@code latencies} instead of the common pool and
   * which checks the SpamTask items it gets ({@link Client#seqs}, duplicates, out of order).
   */
  Client openChecked(InetSocketAddress server, String local, String path, Latencies latencies) {
    return open(server, local, path, true, true, latencies);
  }

  private Client open(
      InetSocketAddress server,
      String local,
      String path,
      boolean read,
      boolean latency,
      Latencies latencies) {
    Loop loop = loops[next++ % loops.length];
    Client client = new Client(loop, path, read, latency, latencies);
    loop.submit(() -> loop.connect(client, server, local));
    return client;
  }

  /** The latencies (µs) recorded by all clients since the last call, in no order. */
  long[] drainLatencies() {
    List<long[]> parts = new ArrayList<>();
    int total = 0;
    for (Loop loop : loops) {
      long[] part = loop.takeLatencies();
      parts.add(part);
      total += part.length;
    }
    long[] all = new long[total];
    int at = 0;
    for (long[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  @Override
  public void close() {
    for (Loop loop : loops) {
      loop.interrupt();
      try {
        loop.selector.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  /** Latencies (µs) of a group of clients, kept apart from the common pool. */
  static final class Latencies {
    private long[] values = new long[1 << 16];
    private int count;

    synchronized void add(long micros) {
      if (count == values.length) {
        values = java.util.Arrays.copyOf(values, values.length * 2);
      }
      values[count++] = micros;
    }

    /** What was recorded so far, sorted. */
    synchronized long[] sorted() {
      long[] copy = java.util.Arrays.copyOf(values, count);
      java.util.Arrays.sort(copy);
      return copy;
    }
  }

  /** What one connection has seen; written by its loop thread, read by others. */
  static final class Client {
    final Loop loop;
    final String path;
    final boolean read;
    final boolean latency;
    volatile int status;
    volatile long headersAtNanos;
    volatile long lastEventAtNanos;
    volatile long events;
    volatile long progress;
    volatile long lastId;
    volatile long heartbeats;
    volatile long dropped;
    volatile boolean complete;
    volatile boolean closed;
    volatile boolean requested;
    volatile String failure;
    SocketChannel channel;
    // a checked client's SpamTask items: which it got, how many again, how many after a later one
    // (read by others once the client is done)
    private final Latencies latencies;
    private final BitSet seqs;
    volatile long duplicates;
    volatile long outOfOrder;
    private long lastSeq;

    // parser state (loop thread only)
    private final StringBuilder head = new StringBuilder();
    private boolean body;
    private boolean chunked;
    private long chunkLeft = -1; // -1: reading a chunk-size line
    private boolean chunkCrlf;
    private final StringBuilder sizeLine = new StringBuilder();
    private byte[] line = new byte[512];
    private int lineLength;
    private String eventName;
    private long eventId = -1;
    private long sentAt;
    private long seq = -1;

    Client(Loop loop, String path, boolean read, boolean latency, Latencies latencies) {
      this.loop = loop;
      this.path = path;
      this.read = read;
      this.latency = latency;
      this.latencies = latencies;
      this.seqs = latencies == null ? null : new BitSet();
    }

    /** The SpamTask items ({@code seq}) a checked client got, once each; read it when done. */
    synchronized BitSet seqs() {
      return (BitSet) seqs.clone();
    }

    boolean connected() {
      return status != 0 || closed;
    }

    boolean done() {
      return complete || closed;
    }

    void close() {
      loop.submit(() -> loop.close(this, null));
    }

    void feed(ByteBuffer buffer, long nowNanos, long nowMicros) {
      while (buffer.hasRemaining()) {
        if (!body) {
          char c = (char) (buffer.get() & 0xff);
          head.append(c);
          int n = head.length();
          if (n >= 4 && head.charAt(n - 1) == '\n' && head.indexOf("\r\n\r\n", n - 4) >= 0) {
            String text = head.toString();
            status = Integer.parseInt(text.substring(9, 12));
            chunked = text.toLowerCase().contains("transfer-encoding: chunked");
            body = true;
            headersAtNanos = nowNanos;
            if (status != 200 || !text.toLowerCase().contains("text/event-stream")) {
              loop.close(this, "HTTP " + status);
              return;
            }
          }
        } else if (!chunked) {
          parse(buffer.get(), nowNanos, nowMicros);
        } else if (chunkCrlf) {
          byte b = buffer.get();
          if (b == '\n') {
            chunkCrlf = false;
            chunkLeft = -1;
          }
        } else if (chunkLeft < 0) {
          char c = (char) buffer.get();
          if (c == '\n') {
            String hex = sizeLine.toString().trim();
            sizeLine.setLength(0);
            int semicolon = hex.indexOf(';');
            chunkLeft = Long.parseLong(semicolon < 0 ? hex : hex.substring(0, semicolon), 16);
            if (chunkLeft == 0) {
              loop.close(this, null); // the server ended the stream
              return;
            }
          } else if (c != '\r') {
            sizeLine.append(c);
          }
        } else {
          parse(buffer.get(), nowNanos, nowMicros);
          if (--chunkLeft == 0) {
            chunkCrlf = true;
          }
        }
      }
    }

    private void parse(byte b, long nowNanos, long nowMicros) {
      if (b != '\n') {
        if (lineLength == line.length) {
          line = java.util.Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = b;
        return;
      }
      int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
      lineLength = 0;
      if (length == 0) {
        dispatch(nowNanos, nowMicros);
      } else if (line[0] == ':') {
        heartbeats++;
      } else if (startsWith("id:", length)) {
        eventId = number(3, length);
      } else if (startsWith("event:", length)) {
        eventName = new String(line, 6, length - 6, StandardCharsets.US_ASCII).trim();
      } else if (startsWith("data:", length) && latency) {
        int at = indexOf(SENT_AT, length);
        if (at >= 0) {
          sentAt = number(at + SENT_AT.length, length);
        }
        if (seqs != null) {
          int s = indexOf(SEQ, length);
          if (s >= 0) {
            seq = number(s + SEQ.length, length);
          }
        }
      }
    }

    private void dispatch(long nowNanos, long nowMicros) {
      if (eventName == null && eventId < 0) {
        return;
      }
      events++;
      lastEventAtNanos = nowNanos;
      if (eventId >= 0) {
        lastId = eventId;
      }
      String name = eventName == null ? "message" : eventName;
      switch (name) {
        case "progress" -> {
          progress++;
          if (latency && sentAt > 0) {
            if (latencies != null) {
              latencies.add(nowMicros - sentAt);
            } else {
              loop.record(nowMicros - sentAt);
            }
          }
          if (seqs != null && seq >= 0) {
            check((int) seq);
          }
        }
        case "complete", "error" -> complete = true;
        case "dropped" -> dropped++;
        default -> {}
      }
      eventName = null;
      eventId = -1;
      sentAt = 0;
      seq = -1;
    }

    private synchronized void check(int item) {
      if (seqs.get(item)) {
        duplicates++;
        return;
      }
      seqs.set(item);
      if (item < lastSeq) {
        outOfOrder++; // its first copy came after a later item
      }
      lastSeq = Math.max(lastSeq, item);
    }

    private boolean startsWith(String prefix, int length) {
      if (length < prefix.length()) {
        return false;
      }
      for (int i = 0; i < prefix.length(); i++) {
        if (line[i] != prefix.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    private int indexOf(byte[] what, int length) {
      outer:
      for (int i = 0; i + what.length <= length; i++) {
        for (int j = 0; j < what.length; j++) {
          if (line[i + j] != what[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }

    private long number(int from, int length) {
      long value = 0;
      int i = from;
      while (i < length && line[i] == ' ') {
        i++;
      }
      for (; i < length && line[i] >= '0' && line[i] <= '9'; i++) {
        value = value * 10 + (line[i] - '0');
      }
      return value;
    }
  }

  /** One selector thread and its connections. */
  static final class Loop extends Thread {
    final Selector selector;
    private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
    private long[] latencies = new long[1 << 16];
    private int recorded;

    Loop(String name) throws IOException {
      super(name);
      setDaemon(true);
      selector = Selector.open();
    }

    void submit(Runnable action) {
      inbox.add(action);
      selector.wakeup();
    }

    synchronized void record(long micros) {
      if (recorded == latencies.length) {
        latencies = java.util.Arrays.copyOf(latencies, latencies.length * 2);
      }
      latencies[recorded++] = micros;
    }

    synchronized long[] takeLatencies() {
      long[] taken = java.util.Arrays.copyOf(latencies, recorded);
      latencies = new long[1 << 16];
      recorded = 0;
      return taken;
    }

    void connect(Client client, InetSocketAddress server, String local) {
      try {
        SocketChannel channel = SocketChannel.open();
        client.channel = channel;
        channel.configureBlocking(false);
        if (local != null) {
          channel.bind(new InetSocketAddress(local, 0));
        }
        if (channel.connect(server)) {
          connected(client);
        } else {
          channel.register(selector, SelectionKey.OP_CONNECT, client);
        }
      } catch (IOException e) {
        close(client, "connect: " + e.getMessage());
      }
    }

    private void connected(Client client) throws IOException {
      String request =
          "GET "
              + client.path
              + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nAuthorization: "
              + BenchIdentity.AUTHORIZATION
              + "\r\n\r\n";
      client.channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
      client.channel.register(selector, client.read ? SelectionKey.OP_READ : 0, client);
      client.requested = true;
    }

    void close(Client client, String failure) {
      if (client.closed) {
        return;
      }
      if (failure != null && client.failure == null && !client.complete) {
        client.failure = failure;
      }
      client.closed = true;
      try {
        if (client.channel != null) {
          client.channel.close();
        }
      } catch (IOException ignored) {
        // closing anyway
      }
    }

    @Override
    public void run() {
      while (!isInterrupted()) {
        try {
          selector.select();
          for (Runnable action; (action = inbox.poll()) != null; ) {
            action.run();
          }
          long nowNanos = System.nanoTime();
          long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
          for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
            SelectionKey key = keys.next();
            keys.remove();
            Client client = (Client) key.attachment();
            try {
              if (key.isConnectable()) {
                client.channel.finishConnect();
                connected(client);
              } else if (key.isReadable()) {
                buffer.clear();
                int n = client.channel.read(buffer);
                if (n < 0) {
                  close(client, client.complete ? null : "closed by the server");
                  continue;
                }
                buffer.flip();
                client.feed(buffer, nowNanos, nowMicros);
              }
            } catch (IOException | RuntimeException e) {
              close(client, e.toString());
            }
          }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
          return;
        }
      }
    }
  }
}
