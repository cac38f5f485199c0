package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamingcoordinator.it.EventStream.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Prints how fast an unpaced task publishes with nobody watching, and when all of its events can be
 * read back from the event log (a resume from the last id forces the log to be written). A figure
 * for the notes, not an assertion of speed.
 */
final class LogThroughput {

  private LogThroughput() {}

  /** One unpaced task: its id and how long it took to publish. */
  record Run(long id, Duration published) {
    void print(String label, int count) {
      System.out.printf(
          "%s: %d events of 100 B published in %d ms (%.0f events/s)%n",
          label,
          count,
          published.toMillis(),
          count / Math.max(0.001, published.toMillis() / 1000.0));
    }
  }

  static Run publish(Api api, int count) {
    long id =
        api.create("tests/SpamTask", "{\"count\":%d,\"size\":100}".formatted(count)).getInt("id");
    await()
        .atMost(Duration.ofMinutes(5))
        .until(() -> api.read("tests/SpamTask", id).getString("status").equals("COMPLETED"));
    var task = api.read("tests/SpamTask", id);
    return new Run(
        id,
        Duration.between(
            Instant.parse(task.getString("created_at")),
            Instant.parse(task.getString("completed_at"))));
  }

  /**
   * Whether the task's events are in the log: a resume from further back than the server keeps in
   * memory gets them only from the log.
   */
  static boolean logged(Api api, long id, int count) {
    try (EventStream tail = api.resume("stream/tests/SpamTask/" + id, count - 100)) {
      return !tail.awaitEnd(Duration.ofMinutes(5)).isEmpty();
    }
  }

  static void measure(Api api, String database, int count) {
    long started = System.nanoTime();
    Run run = publish(api, count);
    long id = run.id();
    Duration published = run.published();
    try (EventStream tail = api.resume("stream/tests/SpamTask/" + id, String.valueOf(count))) {
      List<Received> rest = tail.awaitEnd(Duration.ofMinutes(5));
      assertEquals(String.valueOf(count + 1), rest.get(rest.size() - 1).id());
    }
    long logged = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(
        "%s: %d events of 100 B published in %d ms (%.0f events/s); all in the log after %d ms"
            + " (%.0f events/s)%n",
        database,
        count,
        published.toMillis(),
        count / Math.max(0.001, published.toMillis() / 1000.0),
        logged,
        count / Math.max(0.001, logged / 1000.0));
  }
}
