package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamingcoordinator.it.EventStream.Received;
import io.streamingcoordinator.it.Outage.Answer;
import io.streamingcoordinator.it.Outage.Probe;
import io.streamingcoordinator.security.entity.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A database outage pauses, it does not kill (issue 13): on a PostgreSQL database of the test's
 * own, taken away while a SpamTask streams to a client and given back later. Skipped where no
 * PostgreSQL listens.
 */
class PostgresOutageIT {

  private static final String TYPE = "tests/SpamTask";
  private static final int COUNT = 30_000; // one every 1 ms: the run outlasts the outage
  private static final Duration QUICK = Duration.ofSeconds(1);
  private static final Duration NOTICED = Duration.ofSeconds(5);
  private static final Duration WAIT = Duration.ofSeconds(90);
  // a Java class name (case matters: "streaming.log.outage-timeout" is a setting), or words of
  // the database or JDBC in any case
  private static final Pattern INTERNALS =
      Pattern.compile(
          "\\b[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+\\.[A-Z]\\w*|(?i:\\bSQL|Exception|jdbc|postgres)");

  @Test
  void aRunningTaskStreamsThroughAnOutageAndItsLogIsWrittenInFullAfterIt() throws Exception {
    assumeTrue(TestDatabase.serverListens(), "no PostgreSQL on 127.0.0.1:5432");
    try (TestDatabase database = TestDatabase.create("outage");
        PayaraProcess server = new PayaraProcess(null, database.payaraOptions()).start()) {
      Api api = server.api;
      long id = api.createPending(TYPE, fields()).getInt("id");
      try (EventStream client = api.stream(TYPE, id)) {
        await().atMost(WAIT).until(() -> client.events().size() >= 1000);

        int before = client.events().size();
        Outage outage = Outage.begin(database);
        try (outage) {
          outage
              .probing(new Probe("POST", api.as(Role.PRODUCER), "POST", create(), "{\"count\":1}"))
              .probing(new Probe("GET", api.as(Role.READER), "GET", task(id), null))
              .probing(new Probe("ready", api, "GET", "/health/ready", null))
              .probing(new Probe("live", api, "GET", "/health/live", null))
              .endAfter(Duration.ofSeconds(20));
        }
        int during = client.events().size() - before;
        System.out.println("During the outage (" + during + " events streamed):" + outage);

        boolean ended = endsWithin(client, WAIT);
        List<Received> events = client.events();
        System.out.println(ending(outage, events));
        List<Received> logged = replay(api, id);
        String status = storedStatus(api, id);
        String all = "1-" + (COUNT + 1);
        assertAll(
            () -> assertAnswers(outage, "POST"),
            () -> assertAnswers(outage, "GET"),
            () -> assertReadiness(outage),
            () -> assertLiveness(outage),
            () ->
                assertTrue(during >= 1000, during + " events streamed while the database was away"),
            () -> assertTrue(ended, "the stream did not end; last: " + last(events)),
            () -> assertEquals(all, EventRuns.ids(events), "the client's event ids"),
            () -> assertEquals("1-" + COUNT, EventRuns.seqs(events), "the client's progress seq"),
            () -> assertEquals("progress x" + COUNT + ", complete", EventRuns.names(events)),
            () ->
                assertEquals(
                    all,
                    EventRuns.ids(logged),
                    "the log's event ids (replay from 0): " + EventRuns.names(logged)),
            () -> assertEquals("COMPLETED", status, "the task's stored status"));
      }
    }
  }

  @Test
  void anOutageLongerThanItsBoundFailsTheTaskWhichIsStoredWhenTheDatabaseIsBack() throws Exception {
    assumeTrue(TestDatabase.serverListens(), "no PostgreSQL on 127.0.0.1:5432");
    try (TestDatabase database = TestDatabase.create("longoutage");
        PayaraProcess server =
            new PayaraProcess(
                    null, Map.of("streaming.log.outage-timeout", "PT5S"), database.payaraOptions())
                .start()) {
      Api api = server.api;
      long id = api.createPending(TYPE, fields()).getInt("id");
      try (EventStream client = api.stream(TYPE, id)) {
        await().atMost(WAIT).until(() -> client.events().size() >= 1000);

        Outage outage = Outage.begin(database);
        try (outage) {
          outage
              .probing(new Probe("GET", api.as(Role.READER), "GET", task(id), null))
              .endAfter(Duration.ofSeconds(10));
        }
        System.out.println("During the outage:" + outage);

        boolean ended = endsWithin(client, WAIT);
        List<Received> events = client.events();
        System.out.println(ending(outage, events));
        Received error = last(events);
        String status = storedStatus(api, id);
        List<Received> logged = replay(api, id);
        assertAll(
            () -> assertAnswers(outage, "GET"),
            () -> assertTrue(ended, "the stream did not end; last: " + error),
            () ->
                assertEquals(
                    "progress x" + (events.size() - 1) + ", error", EventRuns.names(events)),
            () ->
                assertFalse(
                    error == null || INTERNALS.matcher(error.data().toString()).find(),
                    "the error speaks of internals: " + error.data()),
            () -> {
              if (error != null && error.name().equals("error")) {
                Instant failed = Instant.parse(error.data().getString("_timestamp"));
                Duration after = Duration.between(outage.began, failed);
                assertTrue(
                    after.compareTo(Duration.ofSeconds(4)) > 0
                        && after.compareTo(Duration.ofSeconds(9)) < 0,
                    "the task failed " + after + " into the outage, its bound is 5 s");
              }
            },
            () ->
                assertEquals("1-" + events.size(), EventRuns.ids(events), "the client's event ids"),
            () ->
                assertEquals(
                    EventRuns.ids(events),
                    EventRuns.ids(logged),
                    "the log's event ids (replay from 0)"),
            () -> assertEquals("FAILED", status, "the task's stored status"));
      }
    }
  }

  /** Every answer is a quick 503 with Retry-After, as a problem. */
  private static void assertAnswers(Outage outage, String what) {
    List<Answer> answers = outage.answers(what);
    List<Answer> wrong = answers.stream().filter(a -> !a.unavailable() || !a.quick(QUICK)).toList();
    assertTrue(
        !answers.isEmpty() && wrong.isEmpty(),
        what
            + ": "
            + wrong.size()
            + " of "
            + answers.size()
            + " answers not 503 + Retry-After + problem within "
            + QUICK
            + Outage.lines(wrong));
  }

  /** DOWN within a few seconds, and from then on. */
  private static void assertReadiness(Outage outage) {
    List<Answer> ready = outage.answers("ready");
    long noticed =
        ready.stream()
            .filter(a -> a.status() == 503)
            .mapToLong(a -> a.sentMillis() + a.tookMillis())
            .findFirst()
            .orElse(Long.MAX_VALUE);
    assertTrue(
        noticed <= NOTICED.toMillis()
            && ready.stream().allMatch(a -> a.sentMillis() < noticed || a.status() == 503),
        "/health/ready was not DOWN within " + NOTICED + " and after:" + Outage.lines(ready));
  }

  private static void assertLiveness(Outage outage) {
    List<Answer> live = outage.answers("live");
    List<Answer> down = live.stream().filter(a -> a.status() != 200 || !a.quick(QUICK)).toList();
    assertTrue(
        !live.isEmpty() && down.isEmpty(),
        "/health/live was not UP throughout:" + Outage.lines(down));
  }

  /** What the client got, and when its last event was sent, counted from the outage's start. */
  private static String ending(Outage outage, List<Received> events) {
    Received last = last(events);
    return "The client got "
        + EventRuns.names(events)
        + (last == null
            ? ""
            : ", the last (id "
                + last.id()
                + ") sent at "
                + outage.since(Instant.parse(last.data().getString("_timestamp"))))
        + "; the database was back at "
        + outage.since(outage.ended());
  }

  private static boolean endsWithin(EventStream client, Duration timeout) {
    try {
      await().atMost(timeout).until(client::hasEnded);
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  /** The task's status once it is stored as anything but RUNNING (or whatever it is after 30 s). */
  private static String storedStatus(Api api, long id) {
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> !status(api, id).equals("RUNNING"));
    } catch (ConditionTimeoutException stillRunning) {
      // reported by the caller's assertion
    }
    return status(api, id);
  }

  private static String status(Api api, long id) {
    var answer = api.send("GET", task(id), null);
    return answer.statusCode() == 200
        ? Api.json(answer).getString("status")
        : "HTTP " + answer.statusCode() + " " + answer.body();
  }

  private static List<Received> replay(Api api, long id) {
    try (EventStream replay = api.resume("stream/" + TYPE + "/" + id, "0")) {
      return replay.awaitEnd(WAIT);
    }
  }

  private static String fields() {
    return "{\"count\":" + COUNT + ",\"size\":100,\"delayMs\":1}";
  }

  private static String create() {
    return "tasks/" + TYPE + "?start=false";
  }

  private static String task(long id) {
    return "tasks/" + TYPE + "/" + id;
  }

  private static Received last(List<Received> events) {
    return events.isEmpty() ? null : events.get(events.size() - 1);
  }
}
