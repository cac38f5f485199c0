package io.streamingcoordinator.client;

import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One task's stream being read: events arrive in order until {@code complete} or {@code error}. A
 * connection cut before that is reopened (up to the client's reconnect attempts) with the {@code
 * Last-Event-ID} of the last event received. A task that already finished yields one event made
 * from its final state. Closing the watch (or its client) closes the connection.
 *
 * <p>Read by the client's own connection rather than {@code SseEventSource}: that class silently
 * retries a 503 and cannot return a finished task's JSON answer, both of which callers need.
 */
public final class Watch implements AutoCloseable {

  private static final Object END = new Object();

  private final StreamingClient client;
  private final URI streamUrl;
  private final Duration reconnectDelay;
  private final int maxReconnects;
  private final List<StreamEvent> received = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
  private final CompletableFuture<List<StreamEvent>> ended = new CompletableFuture<>();
  private final Duration silenceLimit;
  private Parser parser;
  private volatile boolean closed;
  private volatile String lastEventId;
  private volatile int reconnects;

  Watch(
      StreamingClient client,
      URI streamUrl,
      Duration reconnectDelay,
      int maxReconnects,
      Duration silenceLimit) {
    this.client = client;
    this.silenceLimit = silenceLimit;
    this.streamUrl = streamUrl;
    this.reconnectDelay = reconnectDelay;
    this.maxReconnects = maxReconnects;
  }

  /** The next event, waiting up to {@code timeout}; empty once the stream has ended. */
  public Optional<StreamEvent> next(Duration timeout)
      throws InterruptedException, TimeoutException {
    Object next = arrivals.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (next == null) {
      throw new TimeoutException("no event within " + timeout);
    }
    if (next == END) {
      arrivals.add(END); // later calls see the end too
      rethrowFailure();
      return Optional.empty();
    }
    return Optional.of((StreamEvent) next);
  }

  /** Waits for the stream to end and returns every event received. */
  public List<StreamEvent> awaitEnd(Duration timeout)
      throws InterruptedException, TimeoutException {
    try {
      return ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw failure(e.getCause());
    }
  }

  public List<StreamEvent> events() {
    return List.copyOf(received);
  }

  /** How many times the stream was reopened after a cut. */
  public int reconnects() {
    return reconnects;
  }

  public String lastEventId() {
    return lastEventId;
  }

  public boolean isEnded() {
    return ended.isDone();
  }

  /** Stops reading; the reading thread notices within one poll interval and disconnects. */
  @Override
  public void close() {
    closed = true;
    finish(null);
  }

  /** Reads the stream, reconnecting after cuts; runs on one of the client's threads. */
  void run() {
    int attempts = 0;
    while (!closed) {
      try {
        if (readOnce()) {
          finish(null);
          return;
        }
      } catch (StreamingClientException refused) {
        finish(refused);
        return;
      } catch (IOException | ProcessingException | IllegalStateException cut) {
        if (closed) {
          break;
        }
        if (unreachable(cut) || attempts >= maxReconnects) {
          // a server that refuses connections is reported at once; a cut stream is reopened
          finish(cut);
          return;
        }
      }
      attempts++;
      reconnects++;
      if (!pause()) {
        break;
      }
    }
    finish(null);
  }

  /**
   * One connection: true if the stream ended for good (a final event, or a finished task's state),
   * false if it was cut and may be reopened.
   */
  private boolean readOnce() throws IOException {
    client.acquireConnection();
    try {
      parser = new Parser();
      var request =
          client
              .streamTarget(streamUrl)
              .request(MediaType.SERVER_SENT_EVENTS_TYPE, MediaType.APPLICATION_JSON_TYPE);
      if (lastEventId != null) {
        request.header("Last-Event-ID", lastEventId);
      }
      Response response = request.get();
      try {
        if (response.getStatus() >= 400) {
          String body = response.hasEntity() ? response.readEntity(String.class) : "";
          throw StreamingClient.problem(
              response.getStatus(), response.getHeaderString("Retry-After"), body);
        }
        MediaType type = response.getMediaType();
        if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
          JsonObject state = (JsonObject) StreamingClient.parse(response.readEntity(String.class));
          String status = state.getString("status", "");
          arrive(new StreamEvent(null, "COMPLETED".equals(status) ? "complete" : "error", state));
          return true;
        }
        return readEvents(response.readEntity(InputStream.class));
      } finally {
        response.close();
      }
    } finally {
      client.releaseConnection();
    }
  }

  /**
   * Reads events until a final one (true) or the end of the connection (false). Reads wake up every
   * poll interval (the stream client's read timeout) to see whether the watch was closed: closing
   * the response from another thread would block on the reading thread's lock.
   */
  private boolean readEvents(InputStream body) throws IOException {
    byte[] buffer = new byte[8192];
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    long lastData = System.nanoTime();
    while (true) {
      int read;
      try {
        read = body.read(buffer);
      } catch (SocketTimeoutException idle) {
        if (closed) {
          return true;
        }
        if (System.nanoTime() - lastData > silenceLimit.toNanos()) {
          throw new IOException("no data, not even a heartbeat, for " + silenceLimit);
        }
        continue;
      }
      if (read < 0) {
        return false;
      }
      if (closed) {
        return true;
      }
      lastData = System.nanoTime();
      for (int i = 0; i < read; i++) {
        if (buffer[i] == '\n') {
          String text = line.toString(StandardCharsets.UTF_8);
          line.reset();
          if (parser.line(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text)) {
            return true;
          }
        } else {
          line.write(buffer[i]);
        }
      }
    }
  }

  /** The SSE fields of the event being read; one line at a time. */
  private final class Parser {
    private String id;
    private String name;
    private final List<String> data = new ArrayList<>();

    /** Takes one line; true once a final event has arrived. */
    boolean line(String line) {
      if (line.isEmpty()) {
        boolean terminal = false;
        if (!data.isEmpty()) {
          StreamEvent event =
              new StreamEvent(
                  id,
                  name == null ? "message" : name,
                  (JsonObject) StreamingClient.parse(String.join("\n", data)));
          if (id != null) {
            lastEventId = id;
          }
          arrive(event);
          terminal = event.isTerminal();
        }
        id = null;
        name = null;
        data.clear();
        return terminal;
      }
      if (line.startsWith("id:")) {
        id = field(line, 3);
      } else if (line.startsWith("event:")) {
        name = field(line, 6);
      } else if (line.startsWith("data:")) {
        data.add(field(line, 5));
      }
      // comment lines (heartbeats) and unknown fields are ignored, as by browsers
      return false;
    }
  }

  private static String field(String line, int from) {
    String value = line.substring(from);
    return value.startsWith(" ") ? value.substring(1) : value;
  }

  private static boolean unreachable(Exception failure) {
    Throwable cause =
        failure instanceof ProcessingException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    return cause instanceof java.net.ConnectException
        || cause instanceof java.net.UnknownHostException
        || cause instanceof java.net.NoRouteToHostException;
  }

  private void arrive(StreamEvent event) {
    received.add(event);
    arrivals.add(event);
  }

  private boolean pause() {
    try {
      Thread.sleep(reconnectDelay.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void finish(Throwable failure) {
    boolean first =
        failure == null ? ended.complete(events()) : ended.completeExceptionally(failure);
    if (first) {
      arrivals.add(END);
      client.forget(this);
    }
  }

  private void rethrowFailure() {
    if (ended.isCompletedExceptionally()) {
      try {
        ended.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw failure(e.getCause());
      }
    }
  }

  private static RuntimeException failure(Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof IOException io) {
      return new java.io.UncheckedIOException(io);
    }
    return new IllegalStateException(cause);
  }
}
