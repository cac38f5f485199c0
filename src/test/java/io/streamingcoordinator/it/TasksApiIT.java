package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.it.EventStream.Received;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The REST API for tasks over real HTTP on Payara Micro, and the coordinator behind it. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TasksApiIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.product()
        .addClass(FailingTask.class)
        // its table, as a task type of one's own comes with the migration that makes it
        .addAsResource(
            "db/it/V1000__it_failing_task.sql", "db/migration/h2/V1000__it_failing_task.sql");
  }

  @ArquillianResource URL base;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(base);
  }

  @Test
  void createAnswers201WithTheTaskAndItsStreamUrl() {
    HttpResponse<String> response =
        api.send("POST", "tasks/tests/ExampleTask?start=false", "{\"message\":\"created\"}");
    assertEquals(201, response.statusCode(), response.body());
    JsonObject task = Api.json(response);
    long id = task.getInt("id");
    // relative to the server (no streaming.public-url here): the Host header is never echoed
    assertEquals(
        api.base.getRawPath() + "tasks/tests/ExampleTask/" + id,
        response.headers().firstValue("Location").orElseThrow());
    assertEquals(
        api.base.getRawPath() + "stream/tests/ExampleTask/" + id, task.getString("stream_url"));
    assertEquals("PENDING", task.getString("status"));
    assertFalse(task.getBoolean("running"));
    assertEquals("created", task.getJsonObject("fields").getString("message"));
    assertEquals(task, api.read("tests/ExampleTask", id));
  }

  @Test
  void theCoordinatorRunsATaskOnceReportsItAndPersistsItsEnd() {
    long id = api.create("tests/ContinueTask", "{\"timeoutSeconds\":120}").getInt("id");
    await()
        .atMost(WAIT)
        .until(() -> api.read("tests/ContinueTask", id).getString("status").equals("RUNNING"));
    assertTrue(api.read("tests/ContinueTask", id).getBoolean("running"));
    try (EventStream stream = api.stream("tests/ContinueTask", id)) {
      stream.awaitFirst(WAIT);
      api.patch("tests/ContinueTask", id, "{\"continue\":true}");
      List<Received> events = stream.awaitEnd(WAIT);
      // opening the stream of a running task did not start it again: one 'started' only
      assertEquals(List.of("started", "final", "complete"), stream.names());
      assertTrue(events.get(2).data().getJsonObject("final_value").getBoolean("continued"));
    }
    await().atMost(WAIT).until(() -> !api.read("tests/ContinueTask", id).getBoolean("running"));
    JsonObject done = api.read("tests/ContinueTask", id);
    assertEquals("COMPLETED", done.getString("status"));
    assertTrue(done.getJsonObject("final_value").getBoolean("continued"));
    assertEquals("complete", done.getJsonObject("last_event").getString("event"));
    assertFalse(done.isNull("completed_at"));
  }

  @Test
  void aContinueTaskNobodyContinuesTimesOut() {
    long id = api.createPending("tests/ContinueTask", "{\"timeoutSeconds\":1}").getInt("id");
    try (EventStream stream = api.stream("tests/ContinueTask", id)) {
      List<Received> events = stream.awaitEnd(WAIT);
      assertEquals(List.of("started", "timeout", "complete"), stream.names());
      assertFalse(events.get(2).data().getJsonObject("final_value").getBoolean("continued"));
    }
  }

  @Test
  void aFailingTaskEndsWithAnErrorEventAndOthersCarryOn() {
    long other =
        api.createPending("tests/CountdownTask", "{\"steps\":5,\"delayMs\":50}").getInt("id");
    long failing = api.createPending("it/FailingTask", "{\"failAfter\":2}").getInt("id");
    try (EventStream otherStream = api.stream("tests/CountdownTask", other);
        EventStream stream = api.stream("it/FailingTask", failing)) {
      List<Received> events = stream.awaitEnd(WAIT);
      assertEquals(List.of("progress", "progress", "error"), stream.names());
      JsonObject error = events.get(2).data();
      assertEquals("IllegalStateException", error.getString("error_type"));
      assertEquals("failed on purpose after 2 steps", error.getString("message"));
      assertEquals("FAILED", api.read("it/FailingTask", failing).getString("status"));

      otherStream.awaitEnd(WAIT);
      assertEquals("complete", otherStream.names().get(otherStream.names().size() - 1));
      assertEquals("COMPLETED", api.read("tests/CountdownTask", other).getString("status"));
    }
  }

  @Test
  void cancellingARunningTaskEndsItsStream() {
    long id = api.create("tests/ContinueTask", "{\"timeoutSeconds\":120}").getInt("id");
    try (EventStream stream = api.stream("tests/ContinueTask", id)) {
      stream.awaitFirst(WAIT);
      HttpResponse<String> cancelled =
          api.send("POST", "tasks/tests/ContinueTask/" + id + "/cancel", null);
      assertEquals(200, cancelled.statusCode(), cancelled.body());
      assertEquals("CANCELLED", Api.json(cancelled).getString("status"));
      List<Received> events = stream.awaitEnd(WAIT);
      Received last = events.get(events.size() - 1);
      assertEquals("error", last.name());
      assertEquals("CancelledError", last.data().getString("error_type"));
    }
    Api.problem(api.send("POST", "tasks/tests/ContinueTask/" + id + "/cancel", null), 409);
    Api.problem(api.send("PATCH", "tasks/tests/ContinueTask/" + id, "{\"continue\":true}"), 409);
    // as curl opens it (no text/event-stream in Accept): the state as JSON
    HttpResponse<String> after = api.send("GET", "stream/tests/ContinueTask/" + id, null);
    assertEquals("CANCELLED", Api.json(after).getString("status"));
  }

  @Test
  void cancellingAPendingTaskMeansItNeverRuns() {
    long id = api.createPending("tests/ExampleTask", "{}").getInt("id");
    HttpResponse<String> cancelled =
        api.send("POST", "tasks/tests/ExampleTask/" + id + "/cancel", null);
    assertEquals("CANCELLED", Api.json(cancelled).getString("status"));
    HttpResponse<String> state = api.send("GET", "stream/tests/ExampleTask/" + id, null);
    assertEquals("CANCELLED", Api.json(state).getString("status"));
    // as an EventSource opens it: the event that says it ended before it ran, then the end
    try (EventStream stream = api.stream("tests/ExampleTask", id)) {
      List<Received> events = stream.awaitEnd(WAIT);
      assertEquals(1, events.size());
      assertEquals("error", events.get(0).name());
      assertEquals("CancelledError", events.get(0).data().getString("error_type"));
    }
  }

  @Test
  void badInputIsAProblemWithAUsefulDetail() {
    assertTrue(
        Api.problem(api.send("POST", "tasks/tests/ExampleTask", "{\"message\":"), 400)
            .contains("not valid JSON"));
    assertTrue(
        Api.problem(api.send("POST", "tasks/tests/ExampleTask", "[1,2]"), 400)
            .contains("JSON object"));
    assertTrue(
        Api.problem(api.send("POST", "tasks/tests/ExampleTask", "{\"nope\":1}"), 400)
            .contains("unknown field 'nope'"));
    assertTrue(
        Api.problem(api.send("POST", "tasks/tests/ExampleTask", "{\"status\":\"COMPLETED\"}"), 400)
            .contains("unknown field 'status'"));
    assertTrue(
        Api.problem(api.send("POST", "tasks/tests/ExampleTask", "{\"delayMs\":\"soon\"}"), 400)
            .contains("'delayMs'"));
    assertTrue(
        Api.problem(api.send("POST", "tasks/tests/ExampleTask", "{\"delayMs\":-1}"), 400)
            .contains("delayMs"));
    assertTrue(
        Api.problem(api.send("POST", "tasks/tests/ExampleTask", "{\"delayMs\":null}"), 400)
            .contains("must not be null"));
    assertTrue(
        Api.problem(api.send("POST", "tasks/tests/ExampleTask?start=maybe", "{}"), 400)
            .contains("'maybe'"));
    // over streaming.api.max-body-bytes (1 MiB), under Payara's own limit (2 MiB, pre-boot)
    String huge = "{\"message\":\"" + "x".repeat(1536 * 1024) + "\"}";
    api.assertTooLarge("tasks/tests/ExampleTask", huge);
    assertTrue(
        Api.problem(api.send("POST", "tasks/tests/Unknown", "{}"), 404).contains("tests/Unknown"));
    assertTrue(
        Api.problem(api.send("GET", "tasks/tests/ExampleTask/12x", null), 400).contains("'12x'"));
    Api.problem(api.send("GET", "tasks/tests/ExampleTask/999999", null), 404);
    Api.problem(api.send("GET", "no/such/path", null), 404);
    Api.problem(api.send("DELETE", "tasks/tests/ExampleTask", null), 405);
    Api.problem(api.send("PUT", "tasks/tests/ExampleTask/1", "{}"), 405);
  }

  /** What a page on another site can send without asking (a form, text/plain) starts nothing. */
  @Test
  void onlyJsonBodiesAreAccepted() {
    for (String type :
        List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; b=x")) {
      HttpResponse<String> refused =
          api.http(
              "POST", "tasks/tests/ExampleTask?start=false", "{\"message\":\"from a form\"}", type);
      assertTrue(Api.problem(refused, 415).contains("media type"), refused::body);
    }
    long id = api.createPending("tests/ContinueTask", "{}").getInt("id");
    HttpResponse<String> patched =
        api.http("PATCH", "tasks/tests/ContinueTask/" + id, "{\"continue\":true}", "text/plain");
    Api.problem(patched, 415);
    HttpResponse<String> merged =
        api.http(
            "PATCH",
            "tasks/tests/ContinueTask/" + id,
            "{\"continue\":true}",
            "application/merge-patch+json");
    assertEquals(200, merged.statusCode(), merged::body);
    assertTrue(Api.json(merged).getJsonObject("fields").getBoolean("continue"));
  }

  @Test
  void typesAreListedWithTheirFieldsAndWhatEachAccepts() {
    String body = api.send("GET", "tasks", null).body();
    JsonObject type =
        Api.parse(body).asJsonArray().getValuesAs(JsonObject.class).stream()
            .filter(t -> t.getString("model").equals("ContinueTask"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(body));
    assertEquals("tests", type.getString("app"));
    assertEquals(
        Json.createArrayBuilder(List.of("continue", "timeoutSeconds")).build(),
        type.getJsonArray("fields"));
    assertEquals(
        Json.createArrayBuilder()
            .add(
                Json.createObjectBuilder()
                    .add("name", "continue")
                    .add("type", "boolean")
                    .add("default", false))
            .add(
                Json.createObjectBuilder()
                    .add("name", "timeoutSeconds")
                    .add("type", "integer")
                    .add("minimum", 0)
                    .add("maximum", 86_400)
                    .add("default", 5))
            .build(),
        type.getJsonArray("inputs"));
    assertTrue(body.contains("\"model\":\"FailingTask\""), body);
  }
}
