package io.streamingcoordinator.outbound;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.config.OutboundSettings;
import io.streamingcoordinator.task.entity.HttpFetcher.Fetched;
import io.streamingcoordinator.task.entity.TaskCancelledException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server's outbound client against a local server: bounded, policed, abortable, and closed for
 * good when the application stops. 127.0.0.1 only.
 */
class OutboundHttpTest {

  final AtomicInteger accepted = new AtomicInteger();
  final AtomicInteger openConnections = new AtomicInteger();
  final AtomicInteger requests = new AtomicInteger();
  final AtomicInteger slowRequests = new AtomicInteger();
  final AtomicInteger slowHangUps = new AtomicInteger();
  final ExecutorService serverThreads = Executors.newCachedThreadPool();
  final TestSettings settings = new TestSettings();
  ServerSocket listener;
  OutboundHttp http;

  @BeforeEach
  void start() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    serverThreads.execute(this::accept);
    settings.allowedHosts = "127.0.0.1:" + listener.getLocalPort();
    http = new OutboundHttp();
    http.settings = settings;
  }

  @AfterEach
  void stop() throws IOException {
    http.close();
    listener.close();
    serverThreads.shutdownNow();
  }

  @Test
  void fetchesAndCountsTheBody() throws IOException {
    Fetched fetched = http.forTask().get(uri("/hello"));
    assertEquals(200, fetched.status());
    assertEquals("OK", fetched.reason());
    assertEquals(5, fetched.bytes());
    assertEquals("text/plain", fetched.contentType());
  }

  @Test
  void afterCloseItRefusesUseAndLeavesNoConnectionOpen() throws IOException {
    TaskFetcher fetcher = http.forTask();
    fetcher.get(uri("/a"));
    fetcher.get(uri("/b"));
    http.close();
    http.close(); // twice is harmless

    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> fetcher.get(uri("/c")));
    assertEquals(
        "the outbound HTTP client is closed: the server is stopping", refused.getMessage());
    // every request had its own connection, closed after its answer
    await().atMost(Duration.ofSeconds(5)).until(() -> openConnections.get() == 0);
  }

  @Test
  void loopbackIsRefusedUnlessAllowedAndNothingConnects() {
    settings.allowedHosts = "127.0.0.1:" + (listener.getLocalPort() == 1 ? 2 : 1);
    OutboundRefusedException refused =
        assertThrows(OutboundRefusedException.class, () -> http.forTask().get(uri("/hello")));
    assertTrue(refused.getMessage().contains("streaming.http.allowed-hosts"));
    assertEquals(0, accepted.get());
  }

  @Test
  void redirectsAreFollowedAndEachLocationIsChecked() throws IOException {
    TaskFetcher fetcher = http.forTask();
    assertEquals(5, fetcher.get(uri("/redirect?to=/hello")).bytes());
    assertEquals(2, requests.get());

    for (String refused :
        new String[] {"http://169.254.169.254/", "http://localhost:1/", "http://[::1]/"}) {
      OutboundRefusedException redirected =
          assertThrows(
              OutboundRefusedException.class, () -> fetcher.get(uri("/redirect?to=" + refused)));
      assertEquals(
          "GET "
              + uri("/redirect?to=" + refused)
              + " was redirected to a URL refused by the outbound address policy: the server"
              + " fetches only public addresses, and others only if streaming.http.allowed-hosts"
              + " allows them",
          redirected.getMessage());
    }

    requests.set(0);
    IOException loop = assertThrows(IOException.class, () -> fetcher.get(uri("/loop")));
    assertTrue(loop.getMessage().contains("more than 5 redirects"), loop.getMessage());
    assertEquals(6, requests.get(), "the first request and five redirects");
  }

  @Test
  void bodiesOfEachFramingAreCountedUpToTheLimit() throws IOException {
    TaskFetcher fetcher = http.forTask();
    assertEquals(12, fetcher.get(uri("/chunked")).bytes());
    assertEquals(1000, fetcher.get(uri("/stream/1000")).bytes());
    assertEquals(1000, fetcher.get(uri("/sized/1000")).bytes());

    for (String tooLarge : new String[] {"/stream/1001", "/sized/1001", "/stream/100000"}) {
      ResponseTooLargeException failed =
          assertThrows(ResponseTooLargeException.class, () -> fetcher.get(uri(tooLarge)));
      assertTrue(
          failed.getMessage().contains("larger than 1000 bytes")
              && failed.getMessage().contains("streaming.http.max-response-bytes"),
          failed.getMessage());
    }
  }

  @Test
  void anAbortEndsAFetchBlockedOnASlowServerAtOnce() {
    TaskFetcher fetcher = http.forTask();
    CompletableFuture<Fetched> fetch = fetchInBackground(fetcher, "/slow");
    await().atMost(Duration.ofSeconds(5)).until(() -> slowRequests.get() == 1);

    fetcher.abort();

    await().atMost(Duration.ofSeconds(1)).until(fetch::isDone);
    CompletionException ended = assertThrows(CompletionException.class, fetch::join);
    assertInstanceOf(TaskCancelledException.class, ended.getCause());
    await().atMost(Duration.ofSeconds(1)).until(() -> slowHangUps.get() == 1);
    assertThrows(TaskCancelledException.class, () -> fetcher.get(uri("/hello")));
  }

  @Test
  void closingTheClientEndsTheFetchesInFlight() {
    CompletableFuture<Fetched> fetch = fetchInBackground(http.forTask(), "/slow");
    await().atMost(Duration.ofSeconds(5)).until(() -> slowRequests.get() == 1);

    http.close(); // the application stopping

    await().atMost(Duration.ofSeconds(1)).until(fetch::isDone);
    CompletionException ended = assertThrows(CompletionException.class, fetch::join);
    assertEquals(OutboundHttp.CLOSED, ended.getCause().getMessage());
  }

  @Test
  void aTaskHasAtMostItsShareOfConnections() throws IOException {
    settings.maxConnectionsPerTask = 1;
    TaskFetcher fetcher = http.forTask();
    CompletableFuture<Fetched> first = fetchInBackground(fetcher, "/slow");
    await().atMost(Duration.ofSeconds(5)).until(() -> slowRequests.get() == 1);

    IOException second = assertThrows(IOException.class, () -> fetcher.get(uri("/hello")));
    assertTrue(
        second.getMessage().contains("streaming.http.max-connections-per-task"),
        second.getMessage());
    assertEquals(200, http.forTask().get(uri("/hello")).status(), "another task has its own");
    fetcher.abort();
    await().atMost(Duration.ofSeconds(1)).until(first::isDone);
  }

  @Test
  void aFetchTakesAtMostTheRequestTimeoutInAll() {
    settings.requestTimeout = Duration.ofMillis(500);
    long start = System.nanoTime();
    IOException timedOut = assertThrows(IOException.class, () -> http.forTask().get(uri("/slow")));
    assertTrue(
        timedOut.getMessage().contains("streaming.http.request-timeout"), timedOut.getMessage());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1500);
  }

  private CompletableFuture<Fetched> fetchInBackground(TaskFetcher fetcher, String path) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return fetcher.get(uri(path));
          } catch (IOException e) {
            throw new CompletionException(e);
          }
        },
        serverThreads);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort() + path);
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        accepted.incrementAndGet();
        openConnections.incrementAndGet();
        serverThreads.execute(() -> serve(socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  /**
   * Answers each request on the connection by its path, keeping it open until the client ends it.
   */
  private void serve(Socket socket) {
    try (socket;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
      OutputStream out = socket.getOutputStream();
      String path = null;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (path == null) {
          path = line.split(" ")[1];
        } else if (line.isEmpty()) {
          requests.incrementAndGet();
          if (path.equals("/slow")) {
            slowRequests.incrementAndGet();
            while (in.read() >= 0) {
              // never answers; waits for the client to hang up
            }
            slowHangUps.incrementAndGet();
            return;
          }
          out.write(answer(path).getBytes(StandardCharsets.US_ASCII));
          out.flush();
          if (path.startsWith("/stream/")) {
            return; // its body ends with the connection
          }
          path = null;
        }
      }
    } catch (IOException gone) {
      // the client closed the connection
    } finally {
      openConnections.decrementAndGet();
    }
  }

  private static String answer(String path) {
    if (path.startsWith("/redirect?to=")) {
      String to =
          URLDecoder.decode(path.substring("/redirect?to=".length()), StandardCharsets.UTF_8);
      return "HTTP/1.1 302 Found\r\nLocation: " + to + "\r\nContent-Length: 0\r\n\r\n";
    }
    if (path.equals("/loop")) {
      return "HTTP/1.1 307 Temporary Redirect\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n";
    }
    if (path.equals("/chunked")) {
      return "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\n";
    }
    if (path.startsWith("/sized/")) {
      int size = Integer.parseInt(path.substring("/sized/".length()));
      return "HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n" + "x".repeat(size);
    }
    if (path.startsWith("/stream/")) {
      int size = Integer.parseInt(path.substring("/stream/".length()));
      return "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + "x".repeat(size);
    }
    return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";
  }

  /** Settings as a test sets them, read when the client is created (at its first request). */
  static final class TestSettings extends OutboundSettings {
    String allowedHosts = "";
    Duration requestTimeout = Duration.ofSeconds(10);
    int maxConnectionsPerTask = 4;

    @Override
    public Duration connectTimeout() {
      return Duration.ofSeconds(1);
    }

    @Override
    public Duration readTimeout() {
      return Duration.ofSeconds(2);
    }

    @Override
    public Duration requestTimeout() {
      return requestTimeout;
    }

    @Override
    public int maxConnections() {
      return 2;
    }

    @Override
    public int maxConnectionsPerTask() {
      return maxConnectionsPerTask;
    }

    @Override
    public long maxResponseBytes() {
      return 1000;
    }

    @Override
    public String allowedHosts() {
      return allowedHosts;
    }
  }
}
