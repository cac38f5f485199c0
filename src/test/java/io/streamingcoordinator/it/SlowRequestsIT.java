package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * Slow and endless request bodies over raw sockets: they are cut at the body deadline ({@code
 * streaming.api.body-timeout}, 15 s by default) and meanwhile health, the API and streams answer as
 * usual.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SlowRequestsIT {

  private static final Duration DEADLINE = Duration.ofSeconds(15);
  private static final Duration PROMPT = Duration.ofSeconds(3);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.product();
  }

  @ArquillianResource URL base;
  Api api;
  ScheduledExecutorService pacer;
  final List<SlowBody> slow = new ArrayList<>();

  @BeforeEach
  void client() {
    api = new Api(base);
    pacer = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterEach
  void closeEverything() {
    pacer.shutdownNow();
    slow.forEach(SlowBody::close);
  }

  @Test
  void threeHundredSlowBodiesLeaveHealthTheApiAndStreamsAnswering() throws IOException {
    for (int i = 0; i < 300; i++) {
      slow.add(open(create("Content-Length: 100"), "{"));
    }
    pacer.scheduleAtFixedRate(() -> slow.forEach(s -> s.send(" ")), 2, 2, TimeUnit.SECONDS);

    Duration health = assertHealthy();
    assertATaskStreamsToItsEnd();
    assertTrue(slow.stream().noneMatch(SlowBody::answered), "the checks ran during the attack");

    await()
        .atMost(DEADLINE.plusSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> slow.stream().allMatch(SlowBody::poll));
    Duration lastCut = Duration.ZERO;
    for (SlowBody body : slow) {
      assertCutAtTheDeadline(body, Duration.ofSeconds(2));
      lastCut = max(lastCut, body.closedAfter());
    }
    System.out.printf(
        "SlowRequestsIT: 300 slow bodies: /health took %d ms during the attack;"
            + " all answered 408 and closed within %d ms%n",
        health.toMillis(), lastCut.toMillis());
    assertHealthy();
    assertATaskStreamsToItsEnd();
  }

  @Test
  void aContentLengthLongerThanTheBodyIsCutAtTheDeadline() throws IOException {
    SlowBody lying = open(create("Content-Length: 1000"), "{\"message\":");
    slow.add(lying);
    assertHealthy();
    await().atMost(DEADLINE.plusSeconds(10)).until(lying::poll);
    assertCutAtTheDeadline(lying, Duration.ofSeconds(2));
    System.out.printf(
        "SlowRequestsIT: a lying Content-Length was answered after %d ms, closed after %d ms%n",
        lying.answeredAfter().toMillis(), lying.closedAfter().toMillis());
    assertHealthy();
    assertATaskStreamsToItsEnd();
  }

  @Test
  void aChunkedBodyThatNeverEndsIsCutAtTheDeadline() throws IOException {
    SlowBody endless = open(create("Transfer-Encoding: chunked"), "1\r\n{\r\n");
    slow.add(endless);
    pacer.scheduleAtFixedRate(() -> endless.send("1\r\n \r\n"), 1, 1, TimeUnit.SECONDS);
    assertHealthy();
    await().atMost(DEADLINE.plusSeconds(10)).until(endless::poll);
    assertCutAtTheDeadline(endless, Duration.ofSeconds(5));
    System.out.printf(
        "SlowRequestsIT: an endless chunked body was answered after %d ms, closed after %d ms%n",
        endless.answeredAfter().toMillis(), endless.closedAfter().toMillis());
    assertHealthy();
    assertATaskStreamsToItsEnd();
  }

  @Test
  void largeBodiesAtNormalSpeedAreReadUpToTheLimits() {
    // 1000 items of 1000 characters: about 1 MB, under streaming.api.max-body-bytes (1 MiB)
    String items = "\"" + "x".repeat(1000) + "\"";
    String large =
        "{\"items\":[" + String.join(",", java.util.Collections.nCopies(1000, items)) + "]}";
    HttpResponse<String> read = api.send("POST", "tasks/tests/ItemsTask?start=false", large);
    assertEquals(201, read.statusCode(), read::body);

    String overTheApiLimit = "{\"message\":\"" + "x".repeat(1_500_000) + "\"}";
    api.assertTooLarge("tasks/tests/ExampleTask?start=false", overTheApiLimit);

    // over the container's max-post-size (2 MiB): refused by Payara before the application
    String overTheServerLimit = "{\"message\":\"" + "x".repeat(3_000_000) + "\"}";
    try {
      assertEquals(
          413,
          api.send("POST", "tasks/tests/ExampleTask?start=false", overTheServerLimit).statusCode());
    } catch (java.io.UncheckedIOException closedWhileSending) {
      // Payara answered 413 and closed before the client had sent the rest: also refused
    }
    assertHealthy();
  }

  private SlowBody open(String head, String start) throws IOException {
    return new SlowBody(base.getPort(), head, start);
  }

  /** The head of a request creating a task, with the given body framing header. */
  private String create(String framing) {
    return "POST %stasks/tests/ExampleTask?start=false HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
            .formatted(api.base.getRawPath(), base.getPort())
        + "Content-Type: application/json\r\n"
        + api.authorizationLine()
        + framing;
  }

  private static void assertCutAtTheDeadline(SlowBody body, Duration closeAfterAnswer) {
    assertEquals(408, body.status(), body::answer);
    assertTrue(body.answer().contains("application/problem+json"), body::answer);
    Duration answered = body.answeredAfter();
    assertTrue(answered.compareTo(DEADLINE.minusSeconds(1)) >= 0, "answered early: " + answered);
    assertTrue(answered.compareTo(DEADLINE.plusSeconds(5)) <= 0, "answered late: " + answered);
    Duration lingered = body.closedAfter().minus(answered);
    assertTrue(lingered.compareTo(closeAfterAnswer) <= 0, "closed late: " + lingered);
  }

  /** Health answers promptly, UP. Returns how long it took. */
  private Duration assertHealthy() {
    long start = System.nanoTime();
    HttpResponse<String> response = health();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertEquals(200, response.statusCode(), response::body);
    assertEquals("UP", Api.json(response).getString("status"), response::body);
    return took;
  }

  private HttpResponse<String> health() {
    HttpRequest request =
        HttpRequest.newBuilder(TestServer.health(api.base)).timeout(PROMPT).GET().build();
    return api.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A new task, started by opening its stream, streams every event to 'complete'. */
  private void assertATaskStreamsToItsEnd() {
    long id = api.createPending("tests/ExampleTask", "{\"delayMs\":10}").getInt("id");
    try (EventStream stream = api.stream("tests/ExampleTask", id)) {
      stream.awaitEnd(Duration.ofSeconds(10));
      assertEquals(
          List.of("start", "progress", "progress", "progress", "complete"), stream.names());
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
