package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile requests over real sockets, each followed by the proof that the server is fine: {@code
 * /health} UP and a normal task completing. Bounded in count and time; 127.0.0.1 only.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AbuseIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int MAX_RUNNING = 8;
  private static final int MAX_QUEUED = 8;
  private static final int WAITING = 300;

  /**
   * Where the server cannot tell that a client closed its connection (WildFly: Undertow reads
   * nothing from a connection while its request is in progress), the next heartbeat finds it gone;
   * there this class's heartbeat is short.
   */
  private static final Duration HEARTBEAT = Duration.ofSeconds(TestServer.isWildFly() ? 3 : 15);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withConfig(
            Map.of(
                "streaming.tasks.max-running", String.valueOf(MAX_RUNNING),
                "streaming.tasks.max-queued", String.valueOf(MAX_QUEUED),
                "streaming.tasks.max-waiting", String.valueOf(WAITING),
                "streaming.heartbeat.interval", HEARTBEAT.toString()))
        .addClass(TestSupport.class);
  }

  @ArquillianResource URL base;
  Api api;
  final List<String> toCancel = new ArrayList<>();

  @BeforeEach
  void client() {
    api = new Api(base);
  }

  @AfterEach
  void serverIsFine() {
    toCancel.forEach(task -> api.send("POST", "tasks/" + task + "/cancel", null));
    await().atMost(WAIT).until(() -> api.healthy());
    long id = api.createPending("tests/ExampleTask", "{\"delayMs\":10}").getInt("id");
    try (EventStream stream = api.stream("tests/ExampleTask", id)) {
      stream.awaitEnd(WAIT);
      assertEquals("complete", stream.names().get(stream.names().size() - 1));
    }
  }

  /** The original report: one request whose events would fill the heap (5 GB, and 10 TB). */
  @Test
  void aTaskWhoseOutputIsTooLargeIsRefusedAndTheLargestAllowedStaysInItsBound() {
    String tooBig = "{\"count\":5000,\"size\":1000000,\"delayMs\":0}";
    assertTrue(
        Api.problem(api.send("POST", "tasks/tests/SpamTask", tooBig), 400).contains("'size'"));
    String terabytes = "{\"count\":10000000,\"size\":1000000}";
    Api.problem(api.send("POST", "tasks/tests/SpamTask", terabytes), 400);
    String total = "{\"count\":1000000,\"size\":60000}";
    assertTrue(
        Api.problem(api.send("POST", "tasks/tests/SpamTask", total), 400).contains("count × size"));

    // the heaviest events allowed, as fast as the server takes them, nobody reading: memory is
    // bounded by the log's backlog, the in-memory window and one write batch, not by the output
    long before = api.heap();
    long id =
        api.create("tests/SpamTask", "{\"count\":2000,\"size\":60000,\"delayMs\":0}").getInt("id");
    AtomicLong peak = new AtomicLong(before);
    await()
        .atMost(WAIT)
        .until(
            () -> {
              assertTrue(api.healthy(), "health stays UP while the task floods the log");
              peak.accumulateAndGet(api.heap(), Math::max);
              return api.read("tests/SpamTask", id).getString("status").equals("COMPLETED");
            });
    long growth = peak.get() - before;
    System.out.printf(
        "Largest SpamTask (2,000 x 60 KB, unpaced): heap after GC %d -> peak %d bytes (growth %d)%n",
        before, peak.get(), growth);
    assertTrue(growth < 120_000_000, "heap grew by " + growth);
  }

  /** Waiting tasks do not hold turns; past every cap a start is refused and stores nothing. */
  @Test
  void waitingTasksLeaveTurnsFreeAndStartsPastTheCapsAre503WithoutARow() {
    for (int i = 0; i < WAITING; i++) {
      toCancel.add("tests/ContinueTask/" + createWhenRoom("{\"timeoutSeconds\":86400}"));
    }
    await().atMost(WAIT).until(() -> api.metric("streaming_tasks_waiting") == WAITING);
    assertTrue(api.healthy());
    // the waiting room is full: these wait holding their turns, then the queue fills
    for (int i = 0; i < MAX_RUNNING + MAX_QUEUED; i++) {
      toCancel.add(
          "tests/SpamTask/"
              + api.create("tests/SpamTask", "{\"count\":1,\"hold\":true}").getInt("id"));
    }
    await().atMost(WAIT).until(() -> api.metric("streaming_tasks_queued") == MAX_QUEUED);
    assertEquals(MAX_RUNNING, api.metric("streaming_tasks_running"));
    assertEquals(WAITING, api.metric("streaming_tasks_waiting"));

    long rows = storedTasks();
    HttpResponse<String> refused = api.send("POST", "tasks/tests/ExampleTask", "{}");
    assertTrue(Api.problem(refused, 503).contains("streaming.tasks.max-queued"), refused::body);
    assertTrue(refused.headers().firstValue("Retry-After").isPresent());
    assertEquals(rows, storedTasks(), "a refused create stores nothing");

    long pending = api.createPending("tests/ExampleTask", "{}").getInt("id");
    try (EventStream stream = api.stream("tests/ExampleTask", pending)) {
      assertEquals(503, stream.status(), "a stream that would start a task is refused before 200");
      assertTrue(stream.header("Retry-After") != null);
    }
    JsonObject untouched = api.read("tests/ExampleTask", pending);
    assertEquals("PENDING", untouched.getString("status"));
    assertFalse(untouched.getBoolean("running"));
    assertTrue(api.healthy());
  }

  /** HEAD answers headers only: no slot held, nothing started. */
  @Test
  void headRequestsHoldNoSlotAndStartNothing() throws Exception {
    long id = api.createPending("tests/ExampleTask", "{}").getInt("id");
    HttpRequest head =
        api.request(api.base.resolve("stream/tests/ExampleTask/" + id))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(10))
            .build();
    for (int i = 0; i < 1000; i++) {
      HttpResponse<Void> answer = send(head);
      assertEquals(200, answer.statusCode());
      assertTrue(
          answer.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    }
    assertEquals(0, api.metric("streaming_connections_active"));
    JsonObject task = api.read("tests/ExampleTask", id);
    assertEquals("PENDING", task.getString("status"));
    assertFalse(task.getBoolean("running"));
    HttpRequest missing =
        api.request(api.base.resolve("stream/tests/ExampleTask/999999999"))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build();
    assertEquals(404, send(missing).statusCode());
  }

  /**
   * A client that closes its stream gives its slot back at once, long before a heartbeat (15 s by
   * default) would find it gone; on WildFly, within two heartbeats (the first write after the
   * client's FIN goes out, the one after it fails).
   */
  @Test
  void aClosedStreamFreesItsSlotAtOnce() throws Exception {
    long id = api.create("tests/ContinueTask", "{\"timeoutSeconds\":120}").getInt("id");
    toCancel.add("tests/ContinueTask/" + id);
    for (int i = 0; i < 3; i++) {
      try (RawClient client =
          new RawClient(api.base.resolve("stream/tests/ContinueTask/" + id), null, 65536)) {
        assertEquals(200, client.status());
        await().atMost(WAIT).until(() -> api.metric("streaming_connections_active") == 1);
      }
      await()
          .atMost(TestServer.isWildFly() ? HEARTBEAT.multipliedBy(3) : Duration.ofSeconds(5))
          .until(() -> api.metric("streaming_connections_active") == 0);
    }
  }

  /** Bodies built to exhaust the parser: refused as bad input, without a stack trace each. */
  @Test
  void deepJsonAndHugeNumbersAreBadRequests() {
    String deep = "{\"message\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    Api.problem(api.send("POST", "tasks/tests/ExampleTask", deep), 400);
    String huge = "{\"delayMs\":1" + "0".repeat(1100) + "}";
    Api.problem(api.send("POST", "tasks/tests/ExampleTask", huge), 400);
    String exponent = "{\"delayMs\":1e400}";
    Api.problem(api.send("POST", "tasks/tests/ExampleTask", exponent), 400);
  }

  /** Creates a ContinueTask; a 503 (its turn queue full for a moment) is retried once it drains. */
  private long createWhenRoom(String fields) {
    for (int attempt = 0; attempt < 100; attempt++) {
      HttpResponse<String> created = api.send("POST", "tasks/tests/ContinueTask", fields);
      if (created.statusCode() == 201) {
        return Api.json(created).getInt("id");
      }
      Api.problem(created, 503);
      await().atMost(WAIT).until(() -> api.metric("streaming_tasks_queued") < MAX_QUEUED);
    }
    throw new AssertionError("no room for a ContinueTask after 100 attempts");
  }

  private long storedTasks() {
    JsonObject health = Api.json(api.health(""));
    return health.getJsonArray("checks").stream()
        .map(check -> check.asJsonObject())
        .filter(check -> check.getString("name").equals("database"))
        .findFirst()
        .orElseThrow()
        .getJsonObject("data")
        .get("tasks")
        .toString()
        .replace("\"", "")
        .transform(Long::parseLong);
  }

  private HttpResponse<Void> send(HttpRequest request) {
    return api.send(request, HttpResponse.BodyHandlers.discarding());
  }
}
