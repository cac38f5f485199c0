package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.client.StreamEvent;
import io.streamingcoordinator.client.StreamingClient;
import io.streamingcoordinator.client.StreamingClientException;
import io.streamingcoordinator.client.TaskRef;
import io.streamingcoordinator.client.Watch;
import io.streamingcoordinator.client.Watcher;
import io.streamingcoordinator.security.entity.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Java client, the watcher and FetchTask against a real Payara Micro. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClientIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Deployment(testable = false)
  static WebArchive deployment() {
    // FetchTask fetches from this server, on a port known only once it runs
    return Deployments.withConfig(Map.of("streaming.http.allowed-hosts", "127.0.0.1"))
        .addClass(TestSupport.class);
  }

  @ArquillianResource URL base;
  StreamingClient client;
  Api api;

  @BeforeEach
  void open() {
    client =
        StreamingClient.builder(URI.create(base.toString()))
            .bearerToken(TestIdentity.token(Role.PRODUCER))
            .build();
    api = new Api(base);
  }

  @AfterEach
  void close() {
    client.close();
    api.send("DELETE", "test-support/properties/streaming.connections.max-per-task", null);
  }

  @Test
  void createsATaskAndWatchesEveryEventInOrder() throws Exception {
    TaskRef task =
        client.create("tests", "ExampleTask", fields("{\"message\":\"watched\"}"), false);
    try (Watch watch = client.watch(task)) {
      List<StreamEvent> events = watch.awaitEnd(WAIT);
      assertEquals(
          List.of("start", "progress", "progress", "progress", "complete"),
          events.stream().map(StreamEvent::name).toList());
      assertEquals(List.of("1", "2", "3", "4", "5"), events.stream().map(StreamEvent::id).toList());
      assertEquals("watched", events.get(0).data().getString("message"));
    }
    JsonObject state = client.read("tests", "ExampleTask", task.id());
    assertEquals("COMPLETED", state.getString("status"));

    // events more than a read poll apart (1 s) still arrive on the same connection
    TaskRef slow =
        client.create("tests", "CountdownTask", fields("{\"steps\":2,\"delayMs\":1500}"), false);
    try (Watch watch = client.watch(slow)) {
      assertEquals(
          List.of("progress", "progress", "complete"),
          watch.awaitEnd(WAIT).stream().map(StreamEvent::name).toList());
      assertEquals(0, watch.reconnects());
    }
  }

  @Test
  void patchesAndCancelsThroughTheClient() throws Exception {
    TaskRef waiting = client.create("tests", "ContinueTask", fields("{\"timeoutSeconds\":60}"));
    try (Watch watch = client.watch(waiting)) {
      assertEquals("started", watch.next(WAIT).orElseThrow().name());
      client.patch("tests", "ContinueTask", waiting.id(), fields("{\"continue\":true}"));
      List<StreamEvent> events = watch.awaitEnd(WAIT);
      assertEquals("complete", events.get(events.size() - 1).name());
    }
    TaskRef cancelled = client.create("tests", "ContinueTask", fields("{\"timeoutSeconds\":60}"));
    await()
        .atMost(WAIT)
        .until(() -> client.read("tests", "ContinueTask", cancelled.id()).getBoolean("running"));
    assertEquals(
        "CANCELLED", client.cancel("tests", "ContinueTask", cancelled.id()).getString("status"));
  }

  @Test
  void aProblemAnswerBecomesATypedException() {
    StreamingClientException missing =
        assertThrows(StreamingClientException.class, () -> client.read("tests", "NoSuchTask", 1));
    assertEquals(404, missing.status());
    assertEquals("Not Found", missing.title());
    assertTrue(missing.detail().contains("tests/NoSuchTask"), missing.detail());
    StreamingClientException invalid =
        assertThrows(
            StreamingClientException.class,
            () -> client.create("tests", "ExampleTask", fields("{\"delayMs\":\"soon\"}")));
    assertEquals(400, invalid.status());
  }

  @Test
  void aRefusalAtAConnectionLimitCarriesRetryAfter() throws Exception {
    assertEquals(
        204,
        api.send("PUT", "test-support/properties/streaming.connections.max-per-task", "1")
            .statusCode());
    TaskRef task = client.create("tests", "ContinueTask", fields("{\"timeoutSeconds\":60}"));
    try (Watch first = client.watch(task)) {
      first.next(WAIT);
      StreamingClientException refused =
          await().atMost(WAIT).until(() -> refusal(task), exception -> exception != null);
      assertEquals(503, refused.status());
      assertEquals(Duration.ofSeconds(5), refused.retryAfter().orElseThrow());
      assertTrue(refused.detail().contains("per-task"), refused.detail());
    } finally {
      client.cancel("tests", "ContinueTask", task.id());
    }
  }

  /** A second watch of the task: its refusal, or null (and closed) if it was admitted. */
  private StreamingClientException refusal(TaskRef task) throws Exception {
    try (Watch second = client.watch(task)) {
      second.next(WAIT);
      return null;
    } catch (StreamingClientException e) {
      return e;
    }
  }

  @Test
  void aCutStreamIsReopenedWithLastEventId() throws Exception {
    try (TcpProxy proxy = new TcpProxy(base.getPort());
        StreamingClient viaProxy =
            StreamingClient.builder(URI.create("http://127.0.0.1:" + proxy.port() + base.getPath()))
                .reconnect(Duration.ofMillis(200), 3)
                .bearerToken(TestIdentity.token(Role.PRODUCER))
                .build()) {
      TaskRef task =
          viaProxy.create("tests", "CountdownTask", fields("{\"steps\":30,\"delayMs\":100}"));
      try (Watch watch = viaProxy.watch(task)) {
        await().atMost(WAIT).until(() -> watch.events().size() >= 5);
        proxy.cutAll();
        List<StreamEvent> events = watch.awaitEnd(WAIT);

        assertEquals(1, watch.reconnects());
        String lastBeforeCut = events.get(4).id();
        assertTrue(
            proxy.requests().contains("Last-Event-ID: "),
            "the reconnect names the last event it got");
        assertEquals("complete", events.get(events.size() - 1).name());
        // the server replays what the client missed: every id once, none missing at the seam
        assertEquals(
            java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList(),
            events.stream().map(e -> Long.parseLong(e.id())).toList());
        assertTrue(Long.parseLong(lastBeforeCut) >= 5);
      }
    }
  }

  @Test
  void fetchTaskFetchesWithTheServersOutboundClient() throws Exception {
    String self = "http://127.0.0.1:" + base.getPort() + base.getPath();
    TaskRef ok =
        client.create(
            "tests",
            "FetchTask",
            fields("{\"url\":\"" + self + "test-support/payload/2048\"}"),
            false);
    try (Watch watch = client.watch(ok)) {
      List<StreamEvent> events = watch.awaitEnd(WAIT);
      assertEquals(
          List.of("start", "progress", "progress", "complete"),
          events.stream().map(StreamEvent::name).toList());
      assertEquals("fetching", events.get(1).data().getString("stage"));
      JsonObject fetched = events.get(2).data();
      assertEquals("fetched", fetched.getString("stage"));
      assertEquals(200, fetched.getInt("status_code"));
      assertEquals(2048, fetched.getInt("size"));
    }
    TaskRef missing =
        client.create(
            "tests",
            "FetchTask",
            fields("{\"url\":\"" + self + "test-support/status/404\"}"),
            false);
    try (Watch watch = client.watch(missing)) {
      List<StreamEvent> events = watch.awaitEnd(WAIT);
      StreamEvent error = events.get(events.size() - 1);
      assertEquals("error", error.name());
      assertEquals("HttpStatusException", error.data().getString("error_type"));
      assertTrue(error.data().getString("message").contains("answered 404"));
    }
    StreamingClientException notHttp =
        assertThrows(
            StreamingClientException.class,
            () -> client.create("tests", "FetchTask", fields("{\"url\":\"file:///etc/passwd\"}")));
    assertTrue(notHttp.detail().contains("http or https URL"), notHttp.detail());
  }

  @Test
  void theWatcherPrintsEachEventAndASummary() {
    TaskRef task = client.create("tests", "ExampleTask", fields("{\"message\":\"cli\"}"), false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = watcher(out, err, "watch", task.streamUrl().toString());
    String printed = out.toString(StandardCharsets.UTF_8);
    System.out.println("Watcher output:\n" + printed);
    assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
    List<String> lines = printed.lines().toList();
    assertEquals(6, lines.size(), printed);
    assertTrue(lines.get(0).matches("#1 start \\S+Z message=cli"), lines.get(0));
    assertTrue(lines.get(1).startsWith("#2 progress "), lines.get(1));
    assertTrue(lines.get(4).startsWith("#5 complete "), lines.get(4));
    assertTrue(lines.get(5).startsWith("Task ended with 'complete' after 5 events"), lines.get(5));

    ByteArrayOutputStream refusedErr = new ByteArrayOutputStream();
    assertEquals(
        4,
        watcher(
            new ByteArrayOutputStream(),
            refusedErr,
            "watch",
            base + "stream/tests/ExampleTask/999999"));
    assertTrue(refusedErr.toString(StandardCharsets.UTF_8).startsWith("404 Not Found"));
    assertEquals(
        3,
        watcher(
            new ByteArrayOutputStream(),
            new ByteArrayOutputStream(),
            "watch",
            "http://127.0.0.1:1/stream/a/b/1"));
    assertEquals(2, watcher(new ByteArrayOutputStream(), new ByteArrayOutputStream(), "nonsense"));
  }

  /** Runs the command-line watcher in this JVM, capturing what it prints. */
  private static int watcher(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
    return new Watcher(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            TestIdentity.token(Role.READER))
        .run(args);
  }

  private static JsonObject fields(String json) {
    return Json.createReader(new java.io.StringReader(json)).readObject();
  }
}
