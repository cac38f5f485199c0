package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamingcoordinator.it.EventStream.Received;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The event log on a real PostgreSQL (127.0.0.1:5432, a database of this test's own), configured
 * only through server-config/payara/postgresql. Skipped where no PostgreSQL listens; .ci/run starts
 * one.
 */
class PostgresIT {

  private static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void resumingFromTheLogWorksOnPostgresql() throws Exception {
    assumeTrue(TestDatabase.serverListens(), "no PostgreSQL on 127.0.0.1:5432");
    try (TestDatabase database = TestDatabase.create("postgres");
        PayaraProcess server = new PayaraProcess(null, database.payaraOptions()).start()) {
      Api api = server.api;
      assertTrue(
          server.log.stream()
              .anyMatch(line -> line.contains("pool StreamingPostgres created successfully")),
          "the PostgreSQL pool was created: " + server.log);

      long id =
          api.createPending("tests/SpamTask", "{\"count\":600,\"size\":64,\"delayMs\":2}")
              .getInt("id");
      long cut = 50;
      try (EventStream first = api.stream("tests/SpamTask", id)) {
        await().atMost(WAIT).until(() -> first.events().size() >= 100);
      }
      try (EventStream resumed = api.resume("stream/tests/SpamTask/" + id, String.valueOf(cut))) {
        List<Received> events = resumed.awaitEnd(WAIT);
        assertEquals(
            LongStream.rangeClosed(cut + 1, 601).boxed().toList(),
            events.stream().map(e -> Long.parseLong(e.id())).toList());
      }
      LogThroughput.measure(api, "PostgreSQL", 20_000);
    }
  }
}
