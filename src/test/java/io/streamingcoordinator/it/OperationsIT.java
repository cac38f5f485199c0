package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What an operator relies on: health and the cleanup of old tasks. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperationsIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withConfig(Map.of("streaming.cleanup.retention", "PT2S"));
  }

  @ArquillianResource URL base;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(base);
  }

  @Test
  void healthReportsTheDatabaseTheTaskExecutorAndTheEventLog() {
    HttpResponse<String> response = api.health("");
    assertEquals(200, response.statusCode(), response.body());
    JsonObject health = Api.json(response);
    assertEquals("UP", health.getString("status"));
    JsonArray checks = health.getJsonArray("checks");
    assertTrue(hasCheck(checks, "database"), response.body());
    assertTrue(hasCheck(checks, "task-executor"), response.body());
    assertTrue(hasCheck(checks, "event-log"), response.body());
    assertTrue(response.body().contains("\"dropped_events\""), response.body());
  }

  /**
   * Every counter is in the scrape from start-up, with each of its labels, before anything has
   * counted it: {@code rate()} and absence alerts need the series at 0.
   */
  @Test
  void everyCounterIsScrapedFromStartUp() {
    String text = api.metricsText();
    String[][] counters = {
      {"streaming_events_published_total", ""},
      {"streaming_events_delivered_total", ""},
      {"streaming_events_dropped_total", ""},
      {"streaming_clients_behind_total", ""},
      {"streaming_log_events_dropped_total", ""},
      {"streaming_cluster_messages_sent_total", ""},
      {"streaming_cluster_messages_unsent_total", ""},
      {"streaming_cluster_messages_received_total", ""},
      {"streaming_clients_evicted_total", "reason=\"queue-full\""},
      {"streaming_clients_evicted_total", "reason=\"send-timeout\""},
      {"streaming_connections_rejected_total", "limit=\"global\""},
      {"streaming_connections_rejected_total", "limit=\"per-task\""},
      {"streaming_connections_rejected_total", "limit=\"per-address\""}
    };
    for (String[] counter : counters) {
      assertTrue(
          Api.series(counter[0], counter[1]).matcher(text).find(),
          () -> String.join(" ", counter) + " is not in the scrape:\n" + text);
    }
  }

  /**
   * Delivery latency in seconds: on Payara a histogram with buckets in seconds and no quantiles
   * (Payara 6.2025.10 exports them in nanoseconds); on WildFly a summary. Either way its sum reads
   * as seconds: a few writes of a few milliseconds each, not millions of "seconds".
   */
  @Test
  void deliveryLatencyIsInSeconds() {
    long id = api.createPending("tests/ExampleTask", "{\"delayMs\":0}").getInt("id");
    try (EventStream stream = api.stream("tests/ExampleTask", id)) {
      stream.awaitEnd(WAIT);
    }
    String text = api.metricsText();
    String latency = "streaming_delivery_latency_seconds";
    assertFalse(text.contains("quantile="), text);
    double count = api.metric(latency + "_count");
    double sum = api.metric(latency + "_sum");
    assertTrue(count >= 1, () -> "the stream's writes are counted:\n" + text);
    assertTrue(sum > 0 && sum < WAIT.toSeconds(), () -> sum + " s of latency:\n" + text);
    if (!TestServer.isWildFly()) {
      assertEquals(count, api.metric(latency + "_bucket", "le=\"+Inf\""), text);
      // bounds in seconds: every write of this test took less than the 10 s bucket
      assertEquals(count, api.metric(latency + "_bucket", "le=\"10.0\""), text);
      assertTrue(text.contains(latency + "_bucket{") && text.contains("le=\"0.005\""), text);
    }
  }

  @Test
  void cleanupReportsOnADryRunAndThenDeletesOldFinishedTasks() {
    long finished = api.createPending("tests/ExampleTask", "{\"delayMs\":0}").getInt("id");
    try (EventStream stream = api.stream("tests/ExampleTask", finished)) {
      stream.awaitEnd(WAIT);
    }
    long pending = api.createPending("tests/ExampleTask", "{}").getInt("id");

    await()
        .atMost(WAIT)
        .until(
            () -> listed(Api.json(api.send("POST", "admin/cleanup?dryRun=true", null)), finished));
    JsonObject dryRun = Api.json(api.send("POST", "admin/cleanup?dryRun=true", null));
    assertTrue(dryRun.getBoolean("dry_run"));
    assertEquals("PT2S", dryRun.getString("retention"));
    assertFalse(listed(dryRun, pending), "an unfinished task is never cleaned up");
    assertEquals(200, api.send("GET", "tasks/tests/ExampleTask/" + finished, null).statusCode());

    JsonObject deleted = Api.json(api.send("POST", "admin/cleanup", null));
    assertFalse(deleted.getBoolean("dry_run"));
    assertTrue(listed(deleted, finished));
    assertTrue(deleted.getInt("deleted") >= 1);
    Api.problem(api.send("GET", "tasks/tests/ExampleTask/" + finished, null), 404);
    assertEquals(200, api.send("GET", "tasks/tests/ExampleTask/" + pending, null).statusCode());
    Api.problem(api.send("POST", "admin/cleanup?dryRun=yes", null), 400);
  }

  private static boolean listed(JsonObject report, long id) {
    return report.getJsonArray("tasks").stream()
        .map(JsonValue::asJsonObject)
        .anyMatch(task -> task.getJsonNumber("id").longValue() == id);
  }

  private static boolean hasCheck(JsonArray checks, String name) {
    return checks.stream()
        .map(JsonValue::asJsonObject)
        .anyMatch(c -> c.getString("name").equals(name) && c.getString("status").equals("UP"));
  }
}
