package io.streamingcoordinator.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Many SSE streams on raw non-blocking sockets, read by one selector thread: a thousand clients
 * cost a thousand sockets, not a thousand threads. Each stream decodes chunked HTTP/1.1 byte by
 * byte and records how it ended: with the chunked body's last chunk after a whole event block (the
 * server ended it), or cut (the connection closed or reset without it, or in the middle of an
 * event). Of the events it keeps the count, the last few and every one that is not {@code
 * progress}, so that a long stream costs little memory.
 */
final class RawStreams implements AutoCloseable {

  /** One event as received; {@code id} is null for notices. */
  record Event(String id, String name, String data) {}

  /** How a stream ended. */
  enum End {
    /** the last chunk arrived after a whole event block: the server ended the stream */
    CLEAN,
    /** the connection closed or reset without the last chunk, or inside an event block */
    CUT
  }

  private static final int TAIL = 5;

  private final InetSocketAddress server;
  private final String authorization;
  private final Selector selector;
  private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
  private final List<Stream> streams = new ArrayList<>();
  private final Thread loop;

  /** Streams to 127.0.0.1:{@code port} sending {@code authorizationLine} (see {@link Api}). */
  RawStreams(int port, String authorizationLine) throws IOException {
    this.server = new InetSocketAddress("127.0.0.1", port);
    this.authorization = authorizationLine;
    this.selector = Selector.open();
    this.loop = new Thread(this::run, "raw-streams");
    loop.setDaemon(true);
    loop.start();
  }

  /** Opens a stream of {@code path} (no leading slash); it is read from then on. */
  synchronized Stream open(String path) {
    Stream stream = new Stream(path);
    streams.add(stream);
    submit(() -> connect(stream));
    return stream;
  }

  synchronized List<Stream> streams() {
    return List.copyOf(streams);
  }

  /** What one stream has seen; written by the selector thread, read by the test. */
  static final class Stream {
    final String path;
    private volatile int status;
    private volatile long events;
    private volatile End end;
    private volatile long endedAtNanos;
    private volatile String cause;
    private final List<Event> notable = new ArrayList<>(); // guarded by this
    private final ArrayDeque<Event> tail = new ArrayDeque<>(); // guarded by this
    private SocketChannel channel;

    // parser state (selector thread only)
    private final StringBuilder head = new StringBuilder();
    private boolean body;
    private long chunkLeft = -1; // -1: reading a chunk-size line
    private boolean chunkCrlf;
    private boolean lastChunk;
    private final StringBuilder sizeLine = new StringBuilder();
    private final StringBuilder line = new StringBuilder();
    private boolean inBlock; // a field line of an event not yet ended by a blank line
    private String id;
    private String name;
    private final StringBuilder data = new StringBuilder();

    Stream(String path) {
      this.path = path;
    }

    int status() {
      return status;
    }

    long events() {
      return events;
    }

    /** Null while the stream is open. */
    End end() {
      return end;
    }

    long endedAtNanos() {
      return endedAtNanos;
    }

    /** Every event not named {@code progress}, in order. */
    synchronized List<Event> notable() {
      return List.copyOf(notable);
    }

    /** The last event received, if any. */
    synchronized Event last() {
      return tail.peekLast();
    }

    /** The last few events, for a failure's message. */
    synchronized List<Event> tail() {
      return List.copyOf(tail);
    }

    @Override
    public String toString() {
      return path
          + " (status "
          + status
          + ", "
          + events
          + " events, "
          + end
          + (cause == null ? "" : ": " + cause)
          + ", ending "
          + tail()
          + ")";
    }

    /** Feeds bytes read from the socket; returns false once the stream has ended. */
    private boolean feed(ByteBuffer bytes) {
      while (bytes.hasRemaining()) {
        byte b = bytes.get();
        if (!body) {
          head.append((char) (b & 0xff));
          int n = head.length();
          if (n >= 4 && b == '\n' && head.indexOf("\r\n\r\n", n - 4) >= 0) {
            String text = head.toString().toLowerCase(Locale.ROOT);
            status = Integer.parseInt(text.substring(9, 12));
            body = true;
            if (!text.contains("transfer-encoding: chunked")) {
              cause = "not chunked: " + head;
              return false;
            }
          }
        } else if (lastChunk) {
          continue; // the trailer's blank line; then the server closes (Connection: close)
        } else if (chunkCrlf) {
          if (b == '\n') {
            chunkCrlf = false;
            chunkLeft = -1;
          }
        } else if (chunkLeft < 0) {
          if (b == '\n') {
            String hex = sizeLine.toString().trim();
            sizeLine.setLength(0);
            int semicolon = hex.indexOf(';');
            chunkLeft = Long.parseLong(semicolon < 0 ? hex : hex.substring(0, semicolon), 16);
            lastChunk = chunkLeft == 0;
          } else if (b != '\r') {
            sizeLine.append((char) b);
          }
        } else {
          parse(b);
          if (--chunkLeft == 0) {
            chunkCrlf = true;
          }
        }
      }
      return true;
    }

    private void parse(byte b) {
      if (b != '\n') {
        line.append((char) (b & 0xff)); // ASCII is all this test's events carry in their fields
        return;
      }
      String text = line.toString();
      line.setLength(0);
      if (text.isEmpty()) {
        if (name != null || data.length() > 0) {
          dispatch(new Event(id, name == null ? "message" : name, data.toString()));
        }
        inBlock = false;
        id = null;
        name = null;
        data.setLength(0);
        return;
      }
      inBlock = true; // a comment or retry: line too, until its blank line
      if (text.startsWith("id:")) {
        id = text.substring(3).trim();
      } else if (text.startsWith("event:")) {
        name = text.substring(6).trim();
      } else if (text.startsWith("data:")) {
        data.append(data.length() > 0 ? "\n" : "").append(text.substring(5).stripLeading());
      }
    }

    private synchronized void dispatch(Event event) {
      events++;
      if (!"progress".equals(event.name())) {
        notable.add(event);
      }
      tail.addLast(event);
      if (tail.size() > TAIL) {
        tail.removeFirst();
      }
    }

    /** The connection is gone: clean if the last chunk came after a whole event block. */
    private void ended(String why) {
      if (end != null) {
        return;
      }
      boolean clean = lastChunk && !inBlock && line.length() == 0;
      if (!clean && cause == null) {
        cause = why != null ? why : lastChunk ? "an unfinished event block" : "no last chunk";
      }
      endedAtNanos = System.nanoTime();
      end = clean ? End.CLEAN : End.CUT;
    }
  }

  private void submit(Runnable action) {
    inbox.add(action);
    selector.wakeup();
  }

  private void connect(Stream stream) {
    try {
      SocketChannel channel = SocketChannel.open();
      stream.channel = channel;
      channel.setOption(StandardSocketOptions.SO_LINGER, 0); // the test's own close is a reset
      channel.configureBlocking(false);
      if (channel.connect(server)) {
        request(stream);
      } else {
        channel.register(selector, SelectionKey.OP_CONNECT, stream);
      }
    } catch (IOException e) {
      close(stream, "connect: " + e);
    }
  }

  private void request(Stream stream) throws IOException {
    String request =
        "GET /%s HTTP/1.1\r\nHost: localhost:%d\r\nAccept: text/event-stream\r\n%s\r\n"
            .formatted(stream.path, server.getPort(), authorization);
    ByteBuffer bytes = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
    while (bytes.hasRemaining()) {
      stream.channel.write(bytes); // a fresh socket takes a request of a few hundred bytes at once
    }
    stream.channel.register(selector, SelectionKey.OP_READ, stream);
  }

  private void close(Stream stream, String why) {
    stream.ended(why);
    try {
      if (stream.channel != null) {
        stream.channel.close();
      }
    } catch (IOException e) {
      // closing anyway
    }
  }

  private void run() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        selector.select();
        for (Runnable action; (action = inbox.poll()) != null; ) {
          action.run();
        }
        for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
          SelectionKey key = keys.next();
          keys.remove();
          Stream stream = (Stream) key.attachment();
          try {
            if (key.isConnectable()) {
              stream.channel.finishConnect();
              request(stream);
            } else if (key.isReadable()) {
              buffer.clear();
              if (stream.channel.read(buffer) < 0) {
                close(stream, null);
                continue;
              }
              buffer.flip();
              if (!stream.feed(buffer)) {
                close(stream, null);
              }
            }
          } catch (IOException | RuntimeException e) {
            close(stream, e.toString());
          }
        }
      } catch (IOException | ClosedSelectorException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    loop.interrupt();
    selector.close();
    for (Stream stream : streams()) {
      if (stream.channel != null) {
        stream.channel.close();
      }
    }
  }
}
