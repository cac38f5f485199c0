package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.it.EventStream.Received;
import io.streamingcoordinator.security.entity.Role;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.sse.InboundSseEvent;
import jakarta.ws.rs.sse.SseEventSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /stream/...} over real HTTP on Payara Micro: what clients of a task receive. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StreamIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.product();
  }

  @ArquillianResource URL base;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(base);
  }

  @Test
  void eventsArriveInOrderWithTheirPayloads() {
    long id = api.createPending("tests/ExampleTask", "{\"message\":\"in order\"}").getInt("id");
    try (EventStream stream = api.stream("tests/ExampleTask", id)) {
      assertTrue(stream.contentType().startsWith("text/event-stream"), stream.contentType());
      List<Received> events = stream.awaitEnd(WAIT);

      assertEquals(
          List.of("start", "progress", "progress", "progress", "complete"), stream.names());
      for (int i = 0; i < events.size(); i++) {
        Received event = events.get(i);
        assertEquals(String.valueOf(i + 1), event.id());
        assertEquals(id, event.data().getJsonNumber("_task_id").longValue());
        assertEquals("tests", event.data().getString("_app"));
        assertEquals("ExampleTask", event.data().getString("_model"));
        Instant.parse(event.data().getString("_timestamp"));
      }
      assertEquals("in order", events.get(0).data().getString("message"));
      for (int step = 1; step <= 3; step++) {
        JsonObject progress = events.get(step).data();
        assertEquals(step, progress.getInt("step"));
        assertEquals(3, progress.getInt("total_steps"));
      }
      JsonObject finalValue = events.get(4).data().getJsonObject("final_value");
      assertEquals("in order", finalValue.getString("message"));
    }
  }

  @Test
  void aFinishedTaskAnswersCurlWithItsStateAndAnEventSourceWithItsFinalEventThen204() {
    long id = api.createPending("tests/ExampleTask", "{\"delayMs\":0}").getInt("id");
    List<Received> all;
    try (EventStream stream = api.stream("tests/ExampleTask", id)) {
      all = stream.awaitEnd(WAIT);
    }
    Received last = all.get(all.size() - 1);
    assertEquals("complete", last.name());
    // what curl sends (Accept: */*): the task's state as JSON, as the original answered
    HttpResponse<String> state =
        api.send(
            api.request(api.base.resolve("stream/tests/ExampleTask/" + id))
                .header("Accept", "*/*")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, state.statusCode());
    assertTrue(
        state.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonObject json = Api.json(state);
    assertEquals("COMPLETED", json.getString("status"));
    assertEquals(3, json.getJsonObject("final_value").getInt("steps"));
    Instant.parse(json.getString("completed_at"));
    // what an EventSource sends (Accept: text/event-stream): the final event, then the end
    try (EventStream again = api.stream("tests/ExampleTask", id)) {
      assertEquals(200, again.status());
      assertTrue(again.isEventStream(), again.contentType());
      assertEquals(List.of(last), again.awaitEnd(WAIT));
    }
    // its reconnect with that event's id: 204, the SSE way to say "do not come back"
    for (String lastId : List.of(last.id(), String.valueOf(Long.parseLong(last.id()) + 5))) {
      HttpResponse<String> done =
          api.send(
              api.request(api.base.resolve("stream/tests/ExampleTask/" + id))
                  .header("Accept", "text/event-stream")
                  .header("Last-Event-ID", lastId)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(204, done.statusCode(), done::body);
      assertEquals("", done.body());
    }
    // one that missed the end still gets it
    try (EventStream resumed = api.resume("stream/tests/ExampleTask/" + id, 3)) {
      assertEquals(List.of("4", "5"), resumed.awaitEnd(WAIT).stream().map(Received::id).toList());
    }
  }

  @Test
  void aLateClientFirstGetsTheLatestEvent() {
    long id =
        api.createPending("tests/CountdownTask", "{\"steps\":15,\"delayMs\":100}").getInt("id");
    try (EventStream early = api.stream("tests/CountdownTask", id)) {
      await().atMost(WAIT).until(() -> early.events().size() >= 4);
      try (EventStream late = api.stream("tests/CountdownTask", id)) {
        List<Received> lateEvents = late.awaitEnd(WAIT);
        List<Received> earlyEvents = early.awaitEnd(WAIT);

        Received first = lateEvents.get(0);
        int firstId = Integer.parseInt(first.id());
        assertTrue(firstId >= 4, "the late client joined after event 4, got " + first.id());
        // the first event it got is the one everyone got under that id: the latest when it joined
        assertEquals(earlyEvents.get(firstId - 1), first);
        assertEquals(earlyEvents.subList(firstId - 1, earlyEvents.size()), lateEvents);
        assertEquals("complete", lateEvents.get(lateEvents.size() - 1).name());
      }
    }
  }

  @Test
  void manyClientsOfOneTaskGetTheSameEventsUntilItIsContinuedThroughTheApi()
      throws InterruptedException {
    int clients = 60;
    long id = api.create("tests/ContinueTask", "{\"timeoutSeconds\":120}").getInt("id");
    String token = TestIdentity.token(Role.READER);
    Client jaxrs =
        ClientBuilder.newClient()
            .register(
                (ClientRequestFilter)
                    request -> request.getHeaders().putSingle("Authorization", "Bearer " + token));
    List<List<InboundSseEvent>> received = new ArrayList<>();
    List<SseEventSource> sources = new ArrayList<>();
    CountDownLatch started = new CountDownLatch(clients);
    CountDownLatch completed = new CountDownLatch(clients);
    try {
      for (int i = 0; i < clients; i++) {
        List<InboundSseEvent> events = new CopyOnWriteArrayList<>();
        received.add(events);
        SseEventSource source =
            SseEventSource.target(jaxrs.target(api.base.resolve("stream/tests/ContinueTask/" + id)))
                .build();
        source.register(
            event -> {
              events.add(event);
              switch (event.getName()) {
                case "started" -> started.countDown();
                case "complete" -> completed.countDown();
                default -> {}
              }
            });
        sources.add(source);
        source.open();
      }
      assertTrue(started.await(WAIT.toSeconds(), TimeUnit.SECONDS), "every client got 'started'");
      JsonObject patched = api.patch("tests/ContinueTask", id, "{\"continue\":true}");
      assertTrue(patched.getJsonObject("fields").getBoolean("continue"));
      assertTrue(completed.await(WAIT.toSeconds(), TimeUnit.SECONDS), "every client completed");
    } finally {
      sources.forEach(source -> source.close(5, TimeUnit.SECONDS));
      jaxrs.close();
    }
    List<String> expected = List.of("started:1", "final:2", "complete:3");
    for (List<InboundSseEvent> events : received) {
      List<String> seen = events.stream().map(e -> e.getName() + ":" + e.getId()).toList();
      assertEquals(expected, seen);
      assertEquals(received.get(0).get(1).readData(), events.get(1).readData());
    }
  }

  /**
   * Jersey's SseEventSource reconnects whenever a stream ends (every 0.5 s, ~7,000 an hour, when
   * the end was an empty 200); the 204 its reconnect now gets stops it.
   */
  @Test
  void jerseysEventSourceStopsReconnectingOnceTheTaskHasEnded() {
    long id = api.createPending("tests/ExampleTask", "{\"delayMs\":20}").getInt("id");
    String token = TestIdentity.token(Role.READER);
    java.util.concurrent.atomic.AtomicInteger requests =
        new java.util.concurrent.atomic.AtomicInteger();
    Client jaxrs =
        ClientBuilder.newClient()
            .register(
                (ClientRequestFilter)
                    request -> {
                      requests.incrementAndGet();
                      request.getHeaders().putSingle("Authorization", "Bearer " + token);
                    });
    List<String> names = new CopyOnWriteArrayList<>();
    try (SseEventSource source =
        SseEventSource.target(jaxrs.target(api.base.resolve("stream/tests/ExampleTask/" + id)))
            .reconnectingEvery(500, TimeUnit.MILLISECONDS)
            .build()) {
      source.register(event -> names.add(event.getName()));
      source.open();
      await().atMost(WAIT).until(() -> names.contains("complete"));
      // its one reconnect, with the final event's id, is answered 204; then nothing for 5 s
      await()
          .during(Duration.ofSeconds(5))
          .atMost(Duration.ofSeconds(7))
          .until(() -> requests.get() <= 2);
      assertEquals(List.of("start", "progress", "progress", "progress", "complete"), names);
    } finally {
      jaxrs.close();
    }
  }

  @Test
  void clientsThatNeverReadBlockNeitherTheTaskNorOtherClients() throws IOException {
    int count = 3000;
    long id =
        api.createPending(
                "tests/SpamTask", "{\"count\":%d,\"size\":1024,\"delayMs\":1}".formatted(count))
            .getInt("id");
    List<Socket> stalled = new ArrayList<>();
    try (EventStream reader = api.stream("tests/SpamTask", id)) {
      for (int i = 0; i < 10; i++) {
        stalled.add(neverReading("stream/tests/SpamTask/" + id));
      }
      List<Received> events = reader.awaitEnd(WAIT);

      assertEquals(count + 1, events.size());
      IntStream.range(0, count)
          .forEach(i -> assertEquals(i + 1, events.get(i).data().getInt("seq")));
      assertEquals("complete", events.get(count).name());
      assertEquals("COMPLETED", api.read("tests/SpamTask", id).getString("status"));
    } finally {
      for (Socket socket : stalled) {
        socket.close();
      }
    }
  }

  @Test
  void aTaskGoesOnAfterItsClientLeaves() {
    long id =
        api.createPending("tests/CountdownTask", "{\"steps\":8,\"delayMs\":100}").getInt("id");
    try (EventStream stream = api.stream("tests/CountdownTask", id)) {
      stream.awaitFirst(WAIT);
    }
    await()
        .atMost(WAIT)
        .until(() -> api.read("tests/CountdownTask", id).getString("status").equals("COMPLETED"));
    JsonObject task = api.read("tests/CountdownTask", id);
    assertFalse(task.getBoolean("running"));
    assertEquals(8, task.getJsonObject("final_value").getInt("steps"));
    assertEquals("complete", task.getJsonObject("last_event").getString("event"));
  }

  @Test
  void aGeneratorTaskDrivenByItsItemsSendsOneProgressEventPerItem() {
    long id =
        api.createPending("tests/ItemsTask", "{\"items\":[\"a\",\"b\",\"c\"],\"delayMs\":0}")
            .getInt("id");
    try (EventStream stream = api.stream("tests/ItemsTask", id)) {
      List<Received> events = stream.awaitEnd(WAIT);
      assertEquals(List.of("progress", "progress", "progress", "complete"), stream.names());
      assertEquals("B", events.get(1).data().getString("result"));
      assertEquals(2, events.get(1).data().getInt("step"));
      assertEquals(3, events.get(3).data().getJsonObject("final_value").getInt("processed"));
    }
  }

  @Test
  void badStreamAddressesAreProblems() {
    assertTrue(
        Api.problem(api.send("GET", "stream/tests/NoSuchTask/1", null), 404)
            .contains("tests/NoSuchTask"));
    assertTrue(
        Api.problem(api.send("GET", "stream/tests/ExampleTask/999999", null), 404)
            .contains("999999"));
    assertTrue(
        Api.problem(api.send("GET", "stream/tests/ExampleTask/abc", null), 400).contains("'abc'"));
    Api.problem(api.send("GET", "stream/tests/ExampleTask", null), 404);
  }

  /** Opens a stream on a socket with a tiny receive buffer and never reads from it. */
  private Socket neverReading(String path) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
    OutputStream out = socket.getOutputStream();
    String request =
        "GET %s HTTP/1.1\r\nHost: %s:%d\r\nAccept: text/event-stream\r\n\r\n"
            .formatted(api.base.resolve(path).getPath(), base.getHost(), base.getPort());
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }
}
