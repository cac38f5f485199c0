package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.it.EventStream.Received;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Resuming streams with Last-Event-ID from the durable event log, on Payara Micro. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ResumeIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  /** Little memory per task, so that resuming reads the database; a small log for retention. */
  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withConfig(
            Map.of(
                "streaming.log.memory-events", "50", "streaming.log.max-events-per-task", "5000"))
        .addClass(TestSupport.class);
  }

  @ArquillianResource URL base;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(base);
  }

  @Test
  void aClientResumingMidStreamGetsEveryLaterEventExactlyOnceWhileTheTaskPublishes() {
    int count = 3000; // under the log's 5000: nothing is trimmed here
    long id =
        api.createPending(
                "tests/SpamTask", "{\"count\":%d,\"size\":64,\"delayMs\":1}".formatted(count))
            .getInt("id");
    long cut;
    try (EventStream first = api.stream("tests/SpamTask", id)) {
      await().atMost(WAIT).until(() -> first.events().size() >= 100);
      cut = Long.parseLong(first.events().get(99).id());
    }
    // resume well behind the task, beyond what memory holds: the gap comes from the log
    await().atMost(WAIT).until(() -> lastEventId(id) > cut + 200 || finished(id));
    try (EventStream byHeader = api.resume("stream/tests/SpamTask/" + id, String.valueOf(cut));
        EventStream byQuery = api.stream("stream/tests/SpamTask/" + id + "?lastEventId=" + cut)) {
      for (EventStream resumed : List.of(byHeader, byQuery)) {
        List<Received> events = resumed.awaitEnd(WAIT);
        assertEquals(
            LongStream.rangeClosed(cut + 1, count + 1).boxed().toList(),
            events.stream().map(e -> Long.parseLong(e.id())).toList(),
            "every event after the cut exactly once, in order");
        assertEquals("complete", events.get(events.size() - 1).name());
      }
    }
  }

  @Test
  void malformedIdsAreProblemsAndATooNewIdMeansNothingWasMissed() {
    long id = api.create("tests/ContinueTask", "{\"timeoutSeconds\":60}").getInt("id");
    assertTrue(Api.problem(send("stream/tests/ContinueTask/" + id, "abc"), 400).contains("'abc'"));
    assertTrue(
        Api.problem(
                api.send("GET", "stream/tests/ContinueTask/" + id + "?lastEventId=-1", null), 400)
            .contains("'-1'"));
    try (EventStream watching = api.stream("tests/ContinueTask", id)) {
      assertEquals("started", watching.awaitFirst(WAIT).name());
      try (EventStream tooNew = api.resume("stream/tests/ContinueTask/" + id, "999999")) {
        api.patch("tests/ContinueTask", id, "{\"continue\":true}");
        assertEquals(List.of("final", "complete"), names(tooNew.awaitEnd(WAIT)));
      }
    }
  }

  @Test
  void aClientBehindTheRetentionIsToldWhatItMissedThenGetsWhatIsKept() {
    long id = api.create("tests/SpamTask", "{\"count\":6000,\"size\":16}").getInt("id");
    await().atMost(WAIT).until(() -> finished(id));
    try (EventStream late = api.resume("stream/tests/SpamTask/" + id, "10")) {
      List<Received> events = late.awaitEnd(WAIT);
      assertEquals("history-lost", events.get(0).name());
      assertEquals(11, events.get(0).data().getInt("from"));
      assertEquals(1001, events.get(0).data().getInt("to"));
      List<Received> kept = events.subList(1, events.size());
      assertEquals(5000, kept.size(), "the log keeps the last 5000 events of the task");
      assertEquals("1002", kept.get(0).id());
      assertEquals("complete", kept.get(4999).name());
    }
  }

  @Test
  void publishingWithTheLogOnTheEmbeddedDatabaseAndWithout() {
    LogThroughput.measure(api, "H2 (embedded)", 20_000);
    api.send("PUT", "test-support/properties/streaming.log.enabled", "false");
    try {
      // the setting is read when a task starts, through a config cache of a second
      LogThroughput.Run unlogged =
          await()
              .atMost(WAIT)
              .until(
                  () -> LogThroughput.publish(api, 20_000),
                  run -> !LogThroughput.logged(api, run.id(), 20_000));
      unlogged.print("In memory (log off)", 20_000);
    } finally {
      api.send("DELETE", "test-support/properties/streaming.log.enabled", null);
    }
  }

  /** The latest event the server has stored for a SpamTask (written about once a second). */
  private long lastEventId(long id) {
    var task = api.read("tests/SpamTask", id);
    return task.isNull("last_event") ? 0 : task.getJsonObject("last_event").getInt("id");
  }

  private boolean finished(long id) {
    return !api.read("tests/SpamTask", id).getString("status").matches("PENDING|RUNNING");
  }

  private HttpResponse<String> send(String path, String lastEventId) {
    try {
      return api.http.send(
          api.request(URI.create(api.base + path)).header("Last-Event-ID", lastEventId).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> names(List<Received> events) {
    return events.stream().map(Received::name).toList();
  }
}
