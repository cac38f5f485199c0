package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.it.EventStream.Received;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * FetchTask under the outbound address policy: internal addresses are refused before anything
 * connects, and the error says so without telling what lies behind; the one local server the
 * deployment allows is fetched, its redirects re-checked, its bodies bounded, and a fetch it never
 * answers ends at once when the task is cancelled. 127.0.0.1 only: refused addresses are never
 * connected to.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FetchPolicyIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int MAX_BYTES = 65536;
  private static final String FETCH = "tests/FetchTask";
  private static final String POLICY =
      " by the outbound address policy: the server fetches only public addresses, and others only"
          + " if streaming.http.allowed-hosts allows them";

  // opened before the deployment, which allows exactly the first one's port
  static final LocalServer ALLOWED = new LocalServer();
  static final LocalServer REFUSED = new LocalServer();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withConfig(
        Map.of(
            "streaming.http.allowed-hosts",
            "127.0.0.1:" + ALLOWED.port(),
            "streaming.http.max-response-bytes",
            String.valueOf(MAX_BYTES),
            "streaming.http.connect-timeout",
            "PT2S"));
  }

  @ArquillianResource URL base;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(base);
  }

  @AfterAll
  static void stopServers() {
    ALLOWED.close();
    REFUSED.close();
  }

  @Test
  void internalAddressesAreRefusedBeforeAnythingConnects() {
    for (String url :
        List.of(
            "http://127.0.0.1:" + REFUSED.port() + "/",
            "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/",
            "http://[fd00::1]/",
            "http://localhost:" + REFUSED.port() + "/")) {
      List<Received> events = fetch(url);
      assertEquals(List.of("start", "progress", "error"), names(events), url);
      JsonObject error = events.get(2).data();
      assertEquals("OutboundRefusedException", error.getString("error_type"), url);
      // the URL the task was given, and nothing of what it resolved to or what answers there
      assertEquals("GET " + url + " was refused" + POLICY, error.getString("message"));
    }
    assertEquals(0, REFUSED.accepted(), "no refused fetch reached the local listener");
  }

  @Test
  void theAllowedServerIsFetchedWithTheUsualEvents() {
    String url = ALLOWED.url("/sized/2048");
    List<Received> events = fetch(url);
    assertEquals(List.of("start", "progress", "progress", "complete"), names(events));
    assertEquals("fetching", events.get(1).data().getString("stage"));
    JsonObject fetched = events.get(2).data();
    assertEquals("fetched", fetched.getString("stage"));
    assertEquals(200, fetched.getInt("status_code"));
    assertEquals(2048, fetched.getInt("size"));
    assertEquals("text/plain", fetched.getString("content_type"));
    JsonObject result = events.get(3).data().getJsonObject("final_value");
    assertEquals(url, result.getString("url"));
    assertEquals(2048, result.getInt("size"));

    List<Received> redirected = fetch(ALLOWED.url("/redirect?to=/sized/10"));
    assertEquals("complete", redirected.get(3).name(), redirected::toString);
    assertEquals(10, redirected.get(2).data().getInt("size"), "the redirect was followed");
  }

  @Test
  void aRedirectFromTheAllowedServerToARefusedAddressIsRefused() {
    for (String location :
        List.of("http://127.0.0.1:" + REFUSED.port() + "/", "http://169.254.169.254/")) {
      String url = ALLOWED.url("/redirect?to=" + location);
      List<Received> events = fetch(url);
      assertEquals(List.of("start", "progress", "error"), names(events), url);
      assertEquals(
          "GET " + url + " was redirected to a URL refused" + POLICY,
          events.get(2).data().getString("message"));
    }
    assertEquals(0, REFUSED.accepted(), "the refused redirect reached no listener");
  }

  @Test
  void aBodyOverTheLimitFailsTheFetch() {
    for (String path : List.of("/sized/" + (MAX_BYTES + 1), "/stream/" + (4 * MAX_BYTES))) {
      List<Received> events = fetch(ALLOWED.url(path));
      JsonObject error = events.get(events.size() - 1).data();
      assertEquals("ResponseTooLargeException", error.getString("error_type"), path);
      assertTrue(
          error.getString("message").contains("streaming.http.max-response-bytes"),
          error::toString);
    }
  }

  @Test
  void cancellingAFetchBlockedOnASlowServerEndsItWithinASecond() {
    long id = api.create(FETCH, fields(ALLOWED.url("/slow"))).getInt("id");
    try (EventStream stream = api.stream(FETCH, id)) {
      await().atMost(WAIT).until(() -> ALLOWED.slowRequests() == 1);

      CompletableFuture<HttpResponse<String>> cancel =
          CompletableFuture.supplyAsync(
              () -> api.send("POST", "tasks/" + FETCH + "/" + id + "/cancel", null));
      await().atMost(Duration.ofSeconds(1)).until(cancel::isDone);

      HttpResponse<String> cancelled = cancel.join();
      assertEquals(200, cancelled.statusCode(), cancelled::body);
      assertEquals("CANCELLED", Api.json(cancelled).getString("status"));
      assertFalse(Api.json(cancelled).getBoolean("running"), "the run has ended");
      await().atMost(Duration.ofSeconds(1)).until(() -> ALLOWED.slowHangUps() == 1);
      List<Received> events = stream.awaitEnd(WAIT);
      assertEquals("CancelledError", events.get(events.size() - 1).data().getString("error_type"));
    }
  }

  /** Creates a FetchTask of {@code url} and returns every event of its stream. */
  private List<Received> fetch(String url) {
    long id = api.createPending(FETCH, fields(url)).getInt("id");
    try (EventStream stream = api.stream(FETCH, id)) {
      return stream.awaitEnd(WAIT);
    }
  }

  private static String fields(String url) {
    return "{\"url\":\"" + url + "\"}";
  }

  private static List<String> names(List<Received> events) {
    return events.stream().map(Received::name).toList();
  }

  /**
   * A minimal HTTP/1.1 server on 127.0.0.1 that counts the connections it accepts: {@code /sized/n}
   * answers n bytes with a Content-Length, {@code /stream/n} n bytes up to the close, {@code
   * /redirect?to=url} a 302, and {@code /slow} nothing ever (it waits for the hang-up).
   */
  static final class LocalServer implements AutoCloseable {
    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger slowRequests = new AtomicInteger();
    private final AtomicInteger slowHangUps = new AtomicInteger();

    LocalServer() {
      try {
        listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      threads.execute(this::accept);
    }

    int port() {
      return listener.getLocalPort();
    }

    String url(String path) {
      return "http://127.0.0.1:" + port() + path;
    }

    int accepted() {
      return accepted.get();
    }

    int slowRequests() {
      return slowRequests.get();
    }

    int slowHangUps() {
      return slowHangUps.get();
    }

    private void accept() {
      while (!listener.isClosed()) {
        try {
          Socket socket = listener.accept();
          accepted.incrementAndGet();
          threads.execute(() -> serve(socket));
        } catch (IOException closed) {
          return;
        }
      }
    }

    private void serve(Socket socket) {
      try (socket;
          BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
        String requestLine = in.readLine();
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
          // headers are read past
        }
        String path = requestLine == null ? "/" : requestLine.split(" ")[1];
        if (path.equals("/slow")) {
          slowRequests.incrementAndGet();
          while (in.read() >= 0) {
            // never answers; waits for the client to hang up
          }
          slowHangUps.incrementAndGet();
          return;
        }
        OutputStream out = socket.getOutputStream();
        out.write(answer(path).getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException gone) {
        // the client hung up (a body over its limit)
      }
    }

    private static String answer(String path) {
      if (path.startsWith("/redirect?to=")) {
        String to =
            URLDecoder.decode(path.substring("/redirect?to=".length()), StandardCharsets.UTF_8);
        return "HTTP/1.1 302 Found\r\nLocation: " + to + "\r\nContent-Length: 0\r\n\r\n";
      }
      if (path.startsWith("/stream/")) {
        return "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"
            + "x".repeat(Integer.parseInt(path.substring("/stream/".length())));
      }
      int size = path.startsWith("/sized/") ? Integer.parseInt(path.substring(7)) : 0;
      return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
          + size
          + "\r\nConnection: close\r\n\r\n"
          + "x".repeat(size);
    }

    @Override
    public void close() {
      try {
        listener.close();
      } catch (IOException e) {
        // closed already
      }
      threads.shutdownNow();
    }
  }
}
