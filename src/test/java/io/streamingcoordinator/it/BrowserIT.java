package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.File;
import java.net.URL;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A browser's own {@code EventSource} (headless Chromium, {@link Browser}) on a page of the
 * server's origin, watching streams by the subscriber-token {@code stream_url} of the create
 * answer: after the end it stops asking, a burst of 10,000 events arrives whole without a
 * reconnect, and a task that has already finished still shows its final event.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserIT {

  private static final String PAGE = TestPages.PATH + "/eventsource.html";
  private static final int CLOSED = 2; // EventSource.CLOSED
  private static final int BURST = 10_000;

  @Deployment(testable = false)
  static WebArchive deployment() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    // at the root, where the page's relative stream_url finds the streams (same origin)
    return ShrinkWrap.create(WebArchive.class, "ROOT.war")
        .merge(
            Deployments.withConfig(
                Map.of(
                    "streaming.security.streams",
                    "token",
                    "streaming.security.stream-token.key",
                    Base64.getEncoder().encodeToString(key))))
        .addClass(TestPages.class)
        .addAsWebResource(
            new File(Browser.SCRIPTS.toFile(), "eventsource.html"),
            TestPages.FOLDER + "eventsource.html");
  }

  @ArquillianResource URL base;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(base);
  }

  @Test
  void afterTheEndTheBrowserIsToldNoContentAndStopsAsking() throws Exception {
    try (TcpProxy proxy = new TcpProxy(base.getPort())) {
      // not started until the browser opens the stream, so that it sees every event live
      JsonObject task = api.createPending("tests/ExampleTask", "{\"delayMs\":50}");
      String path = "/stream/tests/ExampleTask/" + task.getInt("id");
      JsonObject run =
          watch(
              "http://127.0.0.1:" + proxy.port(),
              task,
              Json.createObjectBuilder().add("observeMs", 10_000));

      assertEquals(
          List.of("start", "progress", "progress", "progress", "complete"),
          types(run),
          () -> all(run));
      long end = run.getJsonObject("end").getJsonNumber("t").longValue();
      List<JsonObject> after = requests(run).stream().filter(r -> time(r) > end).toList();
      int atServer = proxy.requestsTo("GET", path);
      String seen =
          "after `complete` the browser asked for the stream %d more times in 10 s (%s);"
                  .formatted(after.size(), describe(after, end))
              + " the server saw %d requests for it, %d connections in all (the page's too); readyState at the end %d"
                  .formatted(atServer, proxy.connections(), run.getInt("readyState"));
      System.out.println("BrowserIT clean end: " + seen);
      // the one reconnect after the end (EventSource always makes it) is answered 204, then none
      assertTrue(after.size() <= 1, seen);
      assertTrue(after.stream().allMatch(r -> r.getInt("status", 0) == 204), seen);
      assertEquals(CLOSED, run.getInt("readyState"), seen);
      assertTrue(atServer <= 2, seen);
    }
  }

  @Test
  void aBurstOfTenThousandEventsArrivesWholeInOrderWithoutReconnectFiveTimesInARow() {
    List<String> runs = new ArrayList<>();
    List<JsonObject> results = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      // pending: the browser's open starts it, so it is there for the first event
      JsonObject task =
          api.createPending(
              "tests/SpamTask", "{\"count\":" + BURST + ",\"size\":1000,\"delayMs\":0}");
      JsonObject run =
          watch(
              "http://127.0.0.1:" + base.getPort(),
              task,
              Json.createObjectBuilder()
                  .add("types", Json.createArrayBuilder(List.of("progress", "complete", "error")))
                  .add("gaveUpMs", 8_000) // a failed run: see what its reconnects bring, briefly
                  .add("timeoutMs", 60_000));
      results.add(run);
      runs.add(burstLine(i, run));
    }
    String table = String.join("\n", runs);
    System.out.println("BrowserIT burst runs:\n" + table);
    for (int i = 0; i < results.size(); i++) {
      JsonObject run = results.get(i);
      String which = "run " + (i + 1) + ": ";
      JsonObject byType = run.getJsonObject("byType");
      assertEquals(BURST, byType.getInt("progress", 0), which + "progress events\n" + table);
      assertEquals(0, run.getInt("duplicates"), which + "duplicates\n" + table);
      assertEquals(0, run.getInt("outOfOrder"), which + "out of order\n" + table);
      assertEquals(0, run.getInt("seqBreaks"), which + "seq breaks\n" + table);
      assertEquals(BURST, run.getInt("lastSeq"), which + "last seq\n" + table);
      assertEquals("complete", endType(run), which + "the end\n" + table);
      // without a reconnect: one open, no connection error and one request until `complete`
      assertEquals(1, run.getInt("opensBeforeEnd"), which + "opens before the end\n" + table);
      assertEquals(0, run.getInt("errorsBeforeEnd"), which + "errors before the end\n" + table);
      assertEquals(1, requestsBeforeEnd(run), which + "stream requests before the end\n" + table);
    }
  }

  @Test
  void aFinishedTaskOpenedInTheBrowserShowsItsFinalEvent() {
    JsonObject task = api.create("tests/ExampleTask", "{\"delayMs\":50}");
    long id = task.getInt("id");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "COMPLETED".equals(api.read("tests/ExampleTask", id).getString("status")));
    JsonObject finished = api.read("tests/ExampleTask", id);

    JsonObject run =
        watch(
            "http://127.0.0.1:" + base.getPort(),
            finished,
            Json.createObjectBuilder().add("timeoutMs", 15_000));

    String seen = all(run);
    System.out.println("BrowserIT finished task: " + seen);
    assertEquals("complete", endType(run), seen);
    JsonObject complete = (JsonObject) Api.parse(run.getJsonObject("end").getString("data"));
    assertEquals(finished.get("final_value"), complete.get("final_value"), seen);
  }

  /** The page at {@code origin} watches the task's {@code stream_url} in Chromium. */
  private static JsonObject watch(String origin, JsonObject task, JsonObjectBuilder options) {
    JsonObject args =
        options.add("page", origin + PAGE).add("stream", task.getString("stream_url")).build();
    return Browser.run("eventsource.mjs", args, Duration.ofSeconds(120));
  }

  private static List<String> types(JsonObject run) {
    return run.getJsonArray("events").getValuesAs(JsonObject.class).stream()
        .map(e -> e.getString("type"))
        .toList();
  }

  private static String endType(JsonObject run) {
    return run.isNull("end") ? null : run.getJsonObject("end").getString("type");
  }

  private static List<JsonObject> requests(JsonObject run) {
    return run.getJsonArray("requests").getValuesAs(JsonObject.class);
  }

  private static long time(JsonObject entry) {
    return entry.getJsonNumber("t").longValue();
  }

  private static long requestsBeforeEnd(JsonObject run) {
    long end = run.isNull("end") ? Long.MAX_VALUE : time(run.getJsonObject("end"));
    return requests(run).stream().filter(r -> time(r) <= end).count();
  }

  /** Each request as "+ms status content-type", relative to {@code since}. */
  private static String describe(List<JsonObject> requests, long since) {
    return requests.stream()
        .map(
            r ->
                "+%d ms %s %s%s"
                    .formatted(
                        time(r) - since,
                        r.isNull("status") ? "-" : r.getInt("status"),
                        r.isNull("contentType") ? "" : r.getString("contentType"),
                        r.isNull("failure") ? "" : " " + r.getString("failure")))
        .collect(Collectors.joining(", "));
  }

  private static String burstLine(int i, JsonObject run) {
    long t0 = run.getJsonNumber("t0").longValue();
    String delivered =
        run.isNull("lastEventAt")
            ? "-"
            : (run.getJsonNumber("lastEventAt").longValue() - t0) + " ms";
    return ("run %d: %d progress events of %d (%d before the first connection error; %d unique"
            + " ids), %d duplicates, %d out of order, %d seq breaks, ended with %s, %d opens,"
            + " %d connection errors, %d stream requests (%s), last event after %s%s")
        .formatted(
            i,
            run.getJsonObject("byType").getInt("progress", 0),
            BURST,
            run.getInt("beforeFirstError"),
            run.getInt("unique"),
            run.getInt("duplicates"),
            run.getInt("outOfOrder"),
            run.getInt("seqBreaks"),
            endType(run),
            run.getJsonArray("opens").size(),
            run.getJsonArray("errors").size(),
            requests(run).size(),
            describe(requests(run), t0),
            delivered,
            run.getBoolean("timedOut") ? ", timed out" : "");
  }

  /** What the page saw, for a failure message: events, errors, requests, console. */
  private static String all(JsonObject run) {
    long t0 = run.getJsonNumber("t0").longValue();
    JsonArray console = run.getJsonArray("console");
    return "events %s; errors %s; requests %s; console %s; readyState %d"
        .formatted(
            run.getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .map(e -> "#" + e.getString("id") + " " + e.getString("type"))
                .toList(),
            run.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> "+" + (time(e) - t0) + " ms readyState " + e.getInt("readyState"))
                .toList(),
            describe(requests(run), t0),
            console.getValuesAs(JsonObject.class).stream().map(c -> c.getString("text")).toList(),
            run.getInt("readyState"));
  }
}
