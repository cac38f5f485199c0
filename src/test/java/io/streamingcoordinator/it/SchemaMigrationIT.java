package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamingcoordinator.it.EventStream.Received;
import jakarta.json.JsonObject;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import org.h2.tools.RunScript;
import org.junit.jupiter.api.Test;

/**
 * A database the first release made (EclipseLink's generated tables,
 * src/test/resources/db/release-1, dumped from that release after a kill) is upgraded in place with
 * its tasks and events kept: on the embedded H2 default and on PostgreSQL (skipped where none
 * listens); a second start migrates nothing. The migrations (db/migration) on an empty PostgreSQL
 * database, and a second start there where the history holds a migration the WAR no longer has and
 * the rows of a task type it no longer has, are checked by {@link PostgresIT} on its own start.
 */
class SchemaMigrationIT {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String ADOPTED =
      "Tables of the first release found: taken as schema version 1";

  @Test
  void aDatabaseOfTheFirstReleaseIsUpgradedOnTheEmbeddedDefault() throws Exception {
    Path root = Files.createTempDirectory(Path.of("target"), "release-root");
    Path file = root.resolve("lib/databases/embedded_default").toAbsolutePath();
    try (Connection h2 = DriverManager.getConnection("jdbc:h2:" + file, "", "");
        Reader script =
            Files.newBufferedReader(
                Path.of("src/test/resources/db/release-1/h2.sql"), StandardCharsets.UTF_8)) {
      RunScript.execute(h2, script);
    }
    try (PayaraProcess server = new PayaraProcess(root).start()) {
      upgradedWithEverythingKept(server.api, server.log, 2000);
      restartMigratesNothing(server);
    }
  }

  @Test
  void aDatabaseOfTheFirstReleaseIsUpgradedOnPostgresql() throws Exception {
    assumeTrue(TestDatabase.serverListens(), "no PostgreSQL on 127.0.0.1:5432");
    try (TestDatabase database = TestDatabase.create("release")) {
      database.load(Files.readString(Path.of("src/test/resources/db/release-1/postgresql.sql")));
      try (PayaraProcess server = new PayaraProcess(null, database.payaraOptions()).start()) {
        upgradedWithEverythingKept(server.api, server.log, 1000);
      }
    }
  }

  /**
   * What the first release left: ExampleTask 1, CountdownTask 2 and ItemsTask 3 completed, SpamTask
   * 4 (850 events, 50 logged) and ContinueTask 5 running when it was killed, ExampleTask 6 pending;
   * task ids were handed out up to 50, and the SpamTask's event ids up to {@code reserved}. On any
   * server ({@code log}: its output so far).
   */
  static void upgradedWithEverythingKept(Api api, List<String> log, long reserved) {
    assertTrue(log.stream().anyMatch(line -> line.contains(ADOPTED)), log::toString);
    assertTrue(
        log.stream().anyMatch(line -> line.contains((Schema.latest() - 1) + " migrations applied")),
        log::toString);
    JsonObject example = api.read("tests/ExampleTask", 1);
    assertEquals("COMPLETED", example.getString("status"));
    assertEquals("hi", example.getJsonObject("fields").getString("message"));
    try (EventStream replay = api.resume("stream/tests/ExampleTask/1", "0")) {
      assertEquals(
          List.of("start", "progress", "progress", "progress", "complete"),
          replay.awaitEnd(WAIT).stream().map(Received::name).toList(),
          "the first release's log is read as it was written");
    }
    assertEquals(
        List.of("a", "b", "c"),
        api.read("tests/ItemsTask", 3).getJsonObject("fields").getJsonArray("items").stream()
            .map(item -> item.toString().replace("\"", ""))
            .toList());
    // the run cut short by the kill: the resumable one runs again (the release saved no
    // checkpoint) with ids after the ones it reserved, the other ends FAILED
    await().atMost(WAIT).until(() -> status(api, "tests/SpamTask", 4).equals("COMPLETED"));
    await().atMost(WAIT).until(() -> status(api, "tests/ContinueTask", 5).equals("FAILED"));
    try (EventStream resumed = api.resume("stream/tests/SpamTask/4", "50")) {
      List<Received> events = resumed.awaitEnd(WAIT);
      assertEquals("complete", events.get(events.size() - 1).name());
      assertTrue(
          events.stream()
              .filter(e -> e.id() != null)
              .allMatch(e -> Long.parseLong(e.id()) > reserved),
          "no id the first release may have sent again: " + events.get(0));
    }
    // the pending task starts as before, and new tasks take ids past the release's
    try (EventStream pending = api.stream("tests/ExampleTask", 6)) {
      List<Received> events = pending.awaitEnd(WAIT);
      assertEquals("complete", events.get(events.size() - 1).name());
    }
    long created = api.create("tests/CountdownTask", "{\"steps\":2,\"delayMs\":1}").getInt("id");
    assertTrue(created > 50, "a new task's id " + created + " is past those handed out");
  }

  static void restartMigratesNothing(PayaraProcess server) throws Exception {
    server.stop();
    server.log.clear();
    server.start();
    assertTrue(logged(server, "0 migrations applied"), server.log::toString);
  }

  static boolean logged(PayaraProcess server, String text) {
    return server.log.stream().anyMatch(line -> line.contains(text));
  }

  static String status(Api api, String type, long id) {
    return api.read(type, id).getString("status");
  }
}
