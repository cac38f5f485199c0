package io.streamingcoordinator.it;

import static io.streamingcoordinator.it.SchemaMigrationIT.logged;
import static io.streamingcoordinator.it.SchemaMigrationIT.restartMigratesNothing;
import static io.streamingcoordinator.it.SchemaMigrationIT.status;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamingcoordinator.it.EventStream.Received;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A real PostgreSQL (127.0.0.1:5432, a database of this test's own), configured only through
 * server-config/payara/postgresql, from empty: the migrations (db/migration) make the whole schema,
 * a second start migrates nothing, also where the history holds a migration the WAR no longer has,
 * and leaves the rows of a task type it no longer has alone; then the event log on it. One server
 * process, started twice (the first release's databases: {@link SchemaMigrationIT}). Skipped where
 * no PostgreSQL listens; .ci/run starts one.
 */
class PostgresIT {

  private static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void anEmptyDatabaseGetsTheWholeSchemaARestartChangesNothingAndResumingFromTheLogWorks()
      throws Exception {
    assumeTrue(TestDatabase.serverListens(), "no PostgreSQL on 127.0.0.1:5432");
    try (TestDatabase database = TestDatabase.create("postgres");
        PayaraProcess server = new PayaraProcess(null, database.payaraOptions()).start()) {
      assertTrue(
          logged(server, "pool StreamingPostgres created successfully"),
          "the PostgreSQL pool was created: " + server.log);
      anEmptyDatabaseGetsTheWholeSchemaAndARestartChangesNothing(database, server);
      resumingFromTheLogWorks(server.api);
    }
  }

  private static void anEmptyDatabaseGetsTheWholeSchemaAndARestartChangesNothing(
      TestDatabase database, PayaraProcess server) throws Exception {
    assertTrue(
        logged(server, "Schema at version " + Schema.latest() + " (postgresql"),
        server.log::toString);
    assertTrue(logged(server, Schema.latest() + " migrations applied"), server.log::toString);
    long id =
        server
            .api
            .create("tests/ItemsTask", "{\"items\":[\"x\",\"y\"],\"delayMs\":1}")
            .getInt("id");
    await().atMost(WAIT).until(() -> status(server.api, "tests/ItemsTask", id).equals("COMPLETED"));
    // as if a task type of one's own had been removed since: its table's migration applied,
    // its table and its tasks (one finished long ago, one cut short) still in the database
    database.load(
        """
        INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,
          checksum, installed_by, execution_time, success) VALUES (1000, '1000',
          'a removed task type', 'SQL', 'V1000__removed_task.sql', 0, 'test', 1, true);
        CREATE TABLE removedtask (id bigint NOT NULL PRIMARY KEY REFERENCES stream_task (id));
        INSERT INTO stream_task (id, dtype, createdat, updatedat, completedat, status) VALUES
          (900001, 'RemovedTask', '2026-01-01', '2026-01-01', '2026-01-01', 'COMPLETED'),
          (900002, 'RemovedTask', '2026-01-01', '2026-01-01', NULL, 'RUNNING');
        INSERT INTO removedtask (id) VALUES (900001), (900002);
        """);
    restartMigratesNothing(server);
    assertEquals("COMPLETED", status(server.api, "tests/ItemsTask", id));
    // its rows are left alone, said once; everything else works around them
    assertTrue(
        logged(server, "Stored tasks of types this application does not have are left")
            && logged(server, "RemovedTask=2"),
        server.log::toString);
    HttpResponse<String> cleanup = server.api.send("POST", "admin/cleanup?dryRun=true", null);
    assertEquals(200, cleanup.statusCode(), cleanup::body);
    HttpResponse<String> recent = server.api.send("GET", "tasks/recent", null);
    assertEquals(200, recent.statusCode(), recent::body);
    assertTrue(recent.body().contains("\"id\":" + id), recent::body);
    assertEquals(2, database.count("SELECT count(*) FROM stream_task WHERE dtype = 'RemovedTask'"));
  }

  private static void resumingFromTheLogWorks(Api api) {
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
