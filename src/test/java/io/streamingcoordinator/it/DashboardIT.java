package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.security.entity.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
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
 * The dashboard at {@code /} in a real headless Chromium ({@link Browser}, {@code dashboard.mjs}),
 * signed in with bearer tokens and watching streams by their subscriber-token {@code stream_url}: a
 * task started from the form runs to the end of its bar, a ContinueTask is continued from the page
 * while the hub panel counts its stream, a cut connection resumes without duplicates, a reader gets
 * no controls of a producer; screenshots at laptop and phone width and an axe-core check.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DashboardIT {

  private static final Path SCREENSHOTS = Path.of("target/screenshots");
  private static final Duration RUN = Duration.ofSeconds(120);
  private static final int SPAM = 400;

  @Deployment(testable = false)
  static WebArchive deployment() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    // at the root, where the dashboard is
    return ShrinkWrap.create(WebArchive.class, "ROOT.war")
        .merge(
            Deployments.withConfig(
                Map.of(
                    "streaming.security.streams",
                    "token",
                    "streaming.security.stream-token.key",
                    Base64.getEncoder().encodeToString(key))));
  }

  @ArquillianResource URL base;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(base);
  }

  @Test
  void thePageAndItsFilesAreServedAtTheRootAndNothingBesides() {
    Api anonymous = api.anonymous();
    HttpResponse<String> page = anonymous.send("GET", "/", null);
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(page.body().contains("<title>Streaming Coordinator</title>"), page.body());
    assertTrue(
        page.headers()
            .firstValue("Content-Security-Policy")
            .orElse("")
            .contains("script-src 'self'"));
    HttpResponse<String> script = anonymous.send("GET", "/dashboard/dashboard.js", null);
    assertEquals(200, script.statusCode());
    assertTrue(
        script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
    assertEquals(200, anonymous.send("GET", "/dashboard/dashboard.css", null).statusCode());
    for (String path :
        List.of(
            "/dashboard/missing.js",
            "/dashboard/",
            "/WEB-INF/web.xml",
            "/dashboard/WEB-INF/web.xml",
            "/dashboard/web.xml",
            "/index.html")) {
      HttpResponse<String> answer = anonymous.send("GET", path, null);
      assertEquals(404, answer.statusCode(), path);
      assertFalse(answer.body().contains("<web-app"), path);
      assertEquals(
          "application/problem+json",
          answer.headers().firstValue("Content-Type").orElse(""),
          () -> path + ": " + answer.body());
    }
    // an encoded way out of the folder: refused by the server or by the servlet, never served
    HttpResponse<String> escape = anonymous.send("GET", "/dashboard/..%2FWEB-INF%2Fweb.xml", null);
    assertTrue(escape.statusCode() >= 400, () -> escape.statusCode() + " " + escape.body());
    assertFalse(escape.body().contains("<web-app"), escape::body);
    // what the page reads: who the caller is, the hub, the recent tasks; problems otherwise
    Api.problem(anonymous.send("GET", "/hub", null), 401);
    Api.problem(anonymous.send("GET", "/caller", null), 401);
    JsonObject reader = Api.json(api.as(Role.READER).send("GET", "/caller", null));
    assertEquals(List.of("reader"), strings(reader, "roles"));
    assertEquals(
        Json.createObjectBuilder()
            .add("read", true)
            .add("produce", false)
            .add("administer", false)
            .build(),
        reader.getJsonObject("may"));
    JsonObject producer = Api.json(api.as(Role.PRODUCER).send("GET", "/caller", null));
    assertTrue(producer.getJsonObject("may").getBoolean("produce"));
    JsonObject hub = Api.json(api.as(Role.READER).send("GET", "/hub", null));
    assertEquals(100, hub.getJsonObject("limits").getInt("queue_capacity"));
    assertEquals("catch-up", hub.getJsonObject("limits").getString("overflow"));
    Api.problem(api.send("GET", "/tasks/recent?limit=0", null), 400);
    Api.problem(api.send("GET", "/tasks/recent?limit=x", null), 400);
    JsonObject created = api.create("tests/ExampleTask", "{\"delayMs\":0}");
    JsonObject newest =
        (JsonObject)
            Api.parse(api.send("GET", "/tasks/recent?limit=1", null).body()).asJsonArray().get(0);
    assertEquals(created.getInt("id"), newest.getInt("id"));
  }

  @Test
  void anExampleTaskStartedFromTheFormFillsItsBarAndCompletes() throws Exception {
    Files.createDirectories(SCREENSHOTS);
    JsonObject run =
        dashboard(
            "example",
            Role.PRODUCER,
            origin(base.getPort()),
            Json.createObjectBuilder().add("screenshots", SCREENSHOTS.toAbsolutePath().toString()));
    String seen = describe(run);
    System.out.println("DashboardIT example: " + seen + "; bar seen " + run.get("barSeen"));
    assertEquals("COMPLETED", run.getString("status"), seen);
    JsonObject bar = run.getJsonObject("bar");
    assertTrue(bar.getBoolean("shown"), seen);
    assertEquals(3, bar.getJsonNumber("max").intValue(), seen);
    assertEquals(3, bar.getJsonNumber("value").intValue(), seen);
    assertEquals("3 of 3 (100%)", run.getString("barText"), seen);
    assertEquals(
        List.of("start", "progress", "progress", "progress", "complete"), types(run), seen);
    assertIdsAscendOnce(run);
    assertEquals("Final value", run.getString("outcomeTitle"), seen);
    assertTrue(run.getString("outcome").contains("from the dashboard"), seen);
    assertCleanConsole(run);

    for (String width : List.of("axeLaptop", "axePhone")) {
      List<JsonObject> serious =
          run.getJsonObject(width).getJsonArray("violations").getValuesAs(JsonObject.class).stream()
              .filter(v -> Set.of("serious", "critical").contains(v.getString("impact", "")))
              .toList();
      System.out.println(
          "DashboardIT "
              + width
              + ": "
              + run.getJsonObject(width).getInt("passes")
              + " rules passed, violations "
              + run.getJsonObject(width).getJsonArray("violations"));
      assertEquals(List.of(), serious, width);
    }
    assertTrue(
        run.getInt("phoneWidth") <= 390,
        "the page is wider than a phone: " + run.getInt("phoneWidth"));
    for (String shot : List.of("laptop", "phone")) {
      Path file = Path.of(run.getJsonObject("shots").getString(shot));
      assertTrue(Files.size(file) > 10_000, file + " is " + Files.size(file) + " bytes");
    }
  }

  @Test
  void aContinueTaskIsContinuedFromThePageWhileTheHubCountsItsStream() {
    JsonObject run =
        dashboard("continue", Role.PRODUCER, origin(base.getPort()), Json.createObjectBuilder());
    String seen =
        describe(run)
            + "; hub open streams while streaming "
            + run.getString("openWhileStreaming")
            + ", after "
            + run.getString("openAfter")
            + "; buttons "
            + run.get("buttons");
    System.out.println("DashboardIT continue: " + seen);
    assertEquals(List.of("started", "final", "complete"), types(run), seen);
    assertEquals("COMPLETED", run.getString("status"), seen);
    assertTrue(Integer.parseInt(run.getString("openWhileStreaming")) >= 1, seen);
    assertEquals("0", run.getString("openAfter"), seen);
    assertTrue(
        strings(run, "buttons").containsAll(List.of("Continue", "Cancel task", "Start")), seen);
    assertIdsAscendOnce(run);
    assertCleanConsole(run);
  }

  @Test
  void aCutConnectionResumesAfterTheLastEventWithoutDuplicates() throws Exception {
    try (TcpProxy proxy = new TcpProxy(base.getPort())) {
      // not started until the page opens its stream, so that the page sees every event
      JsonObject task =
          api.createPending(
              "tests/SpamTask", "{\"count\":" + SPAM + ",\"size\":10,\"delayMs\":15}");
      long id = task.getInt("id");
      CompletableFuture<JsonObject> watching =
          CompletableFuture.supplyAsync(
              () ->
                  dashboard(
                      "resume",
                      Role.READER,
                      origin(proxy.port()),
                      Json.createObjectBuilder().add("task", "tests/SpamTask/" + id)));
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> seq(api.read("tests/SpamTask", id)) >= 50 || watching.isDone());
      long cutAt = seq(api.read("tests/SpamTask", id));
      proxy.cutAll();
      JsonObject run = watching.get(RUN.toSeconds() + 10, TimeUnit.SECONDS);

      // what the browser sent, as the proxy saw it (the DevTools protocol does not show the
      // Last-Event-ID header the network stack adds to a reconnect)
      List<String> lastEventIds = streamRequests(proxy.requests());
      String requests = "Last-Event-ID per stream request " + lastEventIds;
      List<Long> seqs = new ArrayList<>();
      for (JsonObject event : events(run)) {
        if (event.getString("type").equals("progress")) {
          seqs.add(
              ((JsonObject) Api.parse(event.getString("data"))).getJsonNumber("seq").longValue());
        }
      }
      String seen =
          "cut at seq "
              + cutAt
              + "; stream requests "
              + requests
              + "; "
              + seqs.size()
              + " progress events; "
              + describe(run);
      System.out.println("DashboardIT resume: " + seen);
      assertEquals("COMPLETED", run.getString("status"), seen);
      assertEquals(LongStream.rangeClosed(1, SPAM).boxed().toList(), seqs, seen);
      assertIdsAscendOnce(run);
      assertTrue(lastEventIds.size() >= 2, "no reconnect: " + seen);
      assertEquals("-", lastEventIds.get(0), seen);
      for (String resumedAfter : lastEventIds.subList(1, lastEventIds.size())) {
        assertTrue(resumedAfter.matches("[0-9]+"), "a reconnect without Last-Event-ID: " + seen);
      }
      assertEquals(SPAM + " of " + SPAM + " (100%)", run.getString("barText"), seen);
    }
  }

  @Test
  void aReaderSeesTasksAndTheHubButNoStartFormAndNoTaskButtons() {
    JsonObject task = api.create("tests/ContinueTask", "{\"timeoutSeconds\":60}");
    long id = task.getInt("id");
    try {
      JsonObject run =
          dashboard(
              "reader",
              Role.READER,
              origin(base.getPort()),
              Json.createObjectBuilder().add("task", "tests/ContinueTask/" + id));
      String seen =
          describe(run) + "; buttons " + run.get("buttons") + "; " + run.getString("caller");
      System.out.println("DashboardIT reader: " + seen);
      assertTrue(run.getBoolean("startSectionHidden"), seen);
      assertFalse(run.getBoolean("startFormVisible"), seen);
      assertEquals("RUNNING", run.getString("status"), seen);
      assertEquals(List.of("started"), types(run), seen);
      List<String> buttons = strings(run, "buttons");
      assertFalse(
          buttons.contains("Start")
              || buttons.contains("Continue")
              || buttons.contains("Cancel task"),
          seen);
      assertTrue(run.getString("caller").contains("reader"), seen);
      assertCleanConsole(run);
    } finally {
      api.send("POST", "tasks/tests/ContinueTask/" + id + "/cancel", null);
    }
  }

  /** The Last-Event-ID of each stream request in {@code sent} ("-" for none), in order. */
  private static List<String> streamRequests(String sent) {
    Matcher request =
        Pattern.compile("(?s)GET /stream/\\S+ HTTP/1\\.1\r\n(.*?)\r\n\r\n").matcher(sent);
    Pattern header = Pattern.compile("(?im)^Last-Event-ID: *([0-9]+)");
    List<String> ids = new ArrayList<>();
    while (request.find()) {
      Matcher id = header.matcher(request.group(1));
      ids.add(id.find() ? id.group(1) : "-");
    }
    return ids;
  }

  private static String origin(int port) {
    return "http://127.0.0.1:" + port + "/";
  }

  private static JsonObject dashboard(
      String scenario, String role, String page, JsonObjectBuilder more) {
    JsonObject args =
        more.add("scenario", scenario)
            .add("page", page)
            .add("token", TestIdentity.token(role))
            .add("timeoutMs", 60_000)
            .build();
    return Browser.run("dashboard.mjs", args, RUN);
  }

  private static long seq(JsonObject task) {
    JsonValue last = task.get("last_event");
    if (!(last instanceof JsonObject event) || !(event.get("data") instanceof JsonObject data)) {
      return 0;
    }
    return data.containsKey("seq") ? data.getJsonNumber("seq").longValue() : 0;
  }

  private static List<JsonObject> events(JsonObject run) {
    return run.getJsonArray("events").getValuesAs(JsonObject.class);
  }

  private static List<String> types(JsonObject run) {
    return events(run).stream().map(e -> e.getString("type")).toList();
  }

  private static List<String> strings(JsonObject object, String key) {
    return object.getJsonArray(key).getValuesAs(jakarta.json.JsonString.class).stream()
        .map(jakarta.json.JsonString::getString)
        .toList();
  }

  /** Every event the page listed has an id, each once, ascending. */
  private static void assertIdsAscendOnce(JsonObject run) {
    List<Long> ids = new ArrayList<>();
    for (JsonObject event : events(run)) {
      assertFalse(event.isNull("id"), () -> "an event without an id: " + event);
      ids.add(Long.parseLong(event.getString("id")));
    }
    Set<Long> unique = new HashSet<>(ids);
    assertEquals(ids.size(), unique.size(), () -> "duplicates among " + ids);
    for (int i = 1; i < ids.size(); i++) {
      assertTrue(ids.get(i) > ids.get(i - 1), "out of order: " + ids);
    }
  }

  /** No script errors and nothing the page's content security policy refused. */
  private static void assertCleanConsole(JsonObject run) {
    assertEquals(
        List.of(), run.getJsonArray("pageErrors").getValuesAs(JsonValue.class), describe(run));
    List<String> refused =
        run.getJsonArray("console").getValuesAs(JsonObject.class).stream()
            .map(m -> m.getString("text"))
            .filter(text -> text.contains("Content Security Policy") || text.contains("Uncaught"))
            .toList();
    assertEquals(List.of(), refused, describe(run));
  }

  private static String describe(JsonObject run) {
    return "status %s %s, bar %s (%s), outcome %s: %s, %d events %s, console %s"
        .formatted(
            run.getString("status", "?"),
            run.getString("connection", ""),
            run.get("bar"),
            run.getString("barText", ""),
            run.getString("outcomeTitle", ""),
            run.getString("outcome", ""),
            events(run).size(),
            events(run).stream()
                .limit(8)
                .map(
                    e ->
                        "#"
                            + (e.isNull("id") ? "-" : e.getString("id"))
                            + " "
                            + e.getString("type"))
                .toList(),
            run.get("console"));
  }
}
