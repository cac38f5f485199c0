package io.streamingcoordinator.client;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Java client of a Streaming Coordinator server: creates, reads, changes and cancels tasks, and
 * watches their streams. It owns a JAX-RS {@link Client}, a bounded set of connections and the
 * threads that read streams; {@link #close} releases all of them, and a closed client refuses every
 * use with {@link IllegalStateException}. It is never silently recreated.
 *
 * <pre>{@code
 * try (StreamingClient client = StreamingClient.builder(URI.create("http://localhost:8080/")).build()) {
 *   TaskRef task = client.create("tests", "ExampleTask", Json.createObjectBuilder().add("message", "hi").build());
 *   try (Watch watch = client.watch(task)) {
 *     watch.awaitEnd(Duration.ofMinutes(1)).forEach(System.out::println);
 *   }
 * }
 * }</pre>
 *
 * <p>In CDI, produce it from an {@code @ApplicationScoped} producer and close it in a disposer.
 */
public final class StreamingClient implements AutoCloseable {

  /** Settings of a client; every one has a default. */
  public static final class Builder {
    private final URI base;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private int maxConnections = 16;
    private Duration reconnectDelay = Duration.ofSeconds(1);
    private int maxReconnects = 5;
    private String bearerToken;

    private Builder(URI base) {
      String text = base.toString();
      this.base = URI.create(text.endsWith("/") ? text : text + "/");
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * How long a read may wait for data. Streams send a heartbeat every 15 s by default, so keep
     * this above the server's heartbeat interval.
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    /** Connections open at once at most, streams included (the pool's size). */
    public Builder maxConnections(int connections) {
      if (connections < 1) {
        throw new IllegalArgumentException("maxConnections must be at least 1: " + connections);
      }
      this.maxConnections = connections;
      return this;
    }

    /** How long to wait before reconnecting a stream that was cut, and how often at most. */
    public Builder reconnect(Duration delay, int attempts) {
      this.reconnectDelay = delay;
      this.maxReconnects = attempts;
      return this;
    }

    /**
     * The bearer token sent with every request ({@code Authorization: Bearer}), for a server with
     * security on; a stream URL carrying a subscriber token needs none.
     */
    public Builder bearerToken(String token) {
      this.bearerToken = token == null || token.isBlank() ? null : token.trim();
      return this;
    }

    public StreamingClient build() {
      return new StreamingClient(this);
    }
  }

  private static final AtomicInteger CLIENTS = new AtomicInteger();
  private static final Duration STREAM_POLL = Duration.ofSeconds(1);

  private final URI base;
  private final Client client;
  private final Client streams;
  private final Duration readTimeout;
  private final Semaphore connections;
  private final Duration connectTimeout;
  private final ThreadPoolExecutor readers;
  private final Duration reconnectDelay;
  private final int maxReconnects;
  private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private StreamingClient(Builder settings) {
    this.base = settings.base;
    this.connectTimeout = settings.connectTimeout;
    this.reconnectDelay = settings.reconnectDelay;
    this.maxReconnects = settings.maxReconnects;
    this.connections = new Semaphore(settings.maxConnections);
    int number = CLIENTS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.readers =
        new ThreadPoolExecutor(
            0,
            settings.maxConnections,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            runnable -> {
              Thread thread =
                  new Thread(
                      runnable,
                      "streaming-client-" + number + "-watch-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.readTimeout = settings.readTimeout;
    this.client =
        ClientBuilder.newBuilder()
            .connectTimeout(settings.connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(settings.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .build();
    ClientRequestFilter credentials = credentials(settings.bearerToken);
    // streams are read in short polls so that a closed watch lets go at once; a stream silent
    // for the whole read timeout counts as cut
    this.streams =
        ClientBuilder.newBuilder()
            .connectTimeout(settings.connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(STREAM_POLL.toMillis(), TimeUnit.MILLISECONDS)
            .build();
    if (credentials != null) {
      client.register(credentials);
      streams.register(credentials);
    }
  }

  private static ClientRequestFilter credentials(String token) {
    if (token == null) {
      return null;
    }
    return request -> request.getHeaders().putSingle("Authorization", "Bearer " + token);
  }

  public static Builder builder(URI base) {
    return new Builder(base);
  }

  public URI base() {
    return base;
  }

  /** Creates a task from its fields and starts it. */
  public TaskRef create(String app, String model, JsonObject fields) {
    return create(app, model, fields, true);
  }

  public TaskRef create(String app, String model, JsonObject fields, boolean start) {
    JsonObject task =
        call(
            "POST",
            target("tasks", app, model).queryParam("start", start),
            fields == null ? JsonValue.EMPTY_JSON_OBJECT : fields);
    return new TaskRef(
        task.getString("app"),
        task.getString("model"),
        task.getJsonNumber("id").longValue(),
        // relative unless the server has a public URL configured
        base.resolve(task.getString("url")),
        base.resolve(task.getString("stream_url")));
  }

  /** The task's state as the server answers it (status, fields, final value, ...). */
  public JsonObject read(String app, String model, long id) {
    return call("GET", target("tasks", app, model, Long.toString(id)), null);
  }

  /** Changes the task's own fields, such as {@code {"continue": true}} for a ContinueTask. */
  public JsonObject patch(String app, String model, long id, JsonObject changes) {
    // sent as an overridden POST: HttpURLConnection, under many JAX-RS clients, cannot PATCH
    return call("POST", target("tasks", app, model, Long.toString(id)), changes, "PATCH");
  }

  public JsonObject cancel(String app, String model, long id) {
    return call(
        "POST",
        target("tasks", app, model, Long.toString(id), "cancel"),
        JsonValue.EMPTY_JSON_OBJECT);
  }

  /** Starts reading a task's events; see {@link Watch}. */
  public Watch watch(TaskRef task) {
    return watch(task.streamUrl());
  }

  public Watch watch(URI streamUrl) {
    checkOpen();
    Watch watch = new Watch(this, streamUrl, reconnectDelay, maxReconnects, readTimeout);
    watches.add(watch);
    try {
      readers.execute(watch::run);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      watches.remove(watch);
      throw new IllegalStateException(
          "all " + readers.getMaximumPoolSize() + " connections are busy");
    }
    return watch;
  }

  /** Closes every open stream, the HTTP client and its threads. Closing twice does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List.copyOf(watches).forEach(Watch::close);
    readers.shutdownNow();
    try {
      readers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.close();
    streams.close();
  }

  public boolean isClosed() {
    return closed.get();
  }

  void forget(Watch watch) {
    watches.remove(watch);
  }

  /** A connection of the pool for one request or stream; released by the caller. */
  void acquireConnection() {
    checkOpen();
    try {
      if (!connections.tryAcquire(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "no free connection within " + connectTimeout + " (maxConnections is too small?)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a connection", e);
    }
  }

  void releaseConnection() {
    connections.release();
  }

  WebTarget target(URI uri) {
    checkOpen();
    return client.target(uri);
  }

  WebTarget streamTarget(URI uri) {
    checkOpen();
    return streams.target(uri);
  }

  private WebTarget target(String... segments) {
    WebTarget target = target(base);
    for (String segment : segments) {
      target = target.path(segment);
    }
    return target;
  }

  private JsonObject call(String method, WebTarget target, JsonObject body) {
    return call(method, target, body, null);
  }

  private JsonObject call(String method, WebTarget target, JsonObject body, String override) {
    acquireConnection();
    Invocation.Builder request = target.request(MediaType.APPLICATION_JSON_TYPE);
    if (override != null) {
      request.header("X-HTTP-Method-Override", override);
    }
    try (Response response =
        body == null
            ? request.method(method)
            : request.method(method, Entity.json(body.toString()))) {
      String text = response.hasEntity() ? response.readEntity(String.class) : "";
      if (response.getStatus() >= 400) {
        throw problem(response.getStatus(), response.getHeaderString("Retry-After"), text);
      }
      return (JsonObject) parse(text);
    } catch (ProcessingException e) {
      throw unreachable(target.getUri(), e);
    } finally {
      releaseConnection();
    }
  }

  void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("this StreamingClient is closed; build a new one");
    }
  }

  static UncheckedIOException unreachable(URI uri, ProcessingException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return new UncheckedIOException(
        "cannot reach " + uri + ": " + cause.getMessage(),
        cause instanceof java.io.IOException io ? io : new java.io.IOException(cause));
  }

  /** A problem+json answer (or any error answer) as a typed exception. */
  static StreamingClientException problem(int status, String retryAfter, String body) {
    String title = "HTTP " + status;
    String detail = body;
    try {
      JsonObject problem = (JsonObject) parse(body);
      title = problem.getString("title", title);
      detail = problem.getString("detail", body);
    } catch (RuntimeException notJson) {
      // keep the raw body as the detail
    }
    Duration wait = null;
    if (retryAfter != null && retryAfter.trim().chars().allMatch(Character::isDigit)) {
      wait = Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
    }
    return new StreamingClientException(status, title, detail, wait);
  }

  static JsonValue parse(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }
}
