package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamingcoordinator.it.EventStream.Received;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * WildFly on PostgreSQL as an operator sets it up (server-config/wildfly/setup.cli, then
 * postgresql.cli, the database named by {@code STREAMING_DB_URL}), on a database of the test's own
 * that the first release left: the migrations upgrade it with everything kept, a limit changed with
 * the management CLI applies to the next stream, SIGTERM with open streams ends cleanly, and a
 * restart keeps tasks and events and migrates nothing. In the WildFly pass (which gives it {@code
 * wildfly.home}).
 */
@EnabledIfSystemProperty(named = WildFlyProcess.HOME, matches = ".+")
class WildFlyPostgresIT {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Duration APPLIES_WITHIN = Duration.ofSeconds(5);
  private static final Path POSTGRESQL_CLI = Path.of("server-config/wildfly/postgresql.cli");
  private static final String LIMIT = "streaming.connections.max-per-task";

  @Test
  void aReleaseDatabaseIsUpgradedALimitChangesLiveAndARestartKeepsEverything() throws Exception {
    assumeTrue(TestDatabase.serverListens(), "no PostgreSQL on 127.0.0.1:5432");
    try (TestDatabase database = TestDatabase.create("wildfly");
        WildFlyProcess server = new WildFlyProcess(environment(database), POSTGRESQL_CLI)) {
      // what the first release left in its database (EclipseLink's tables), upgraded under
      // Hibernate with every task and event kept
      database.load(Files.readString(Path.of("src/test/resources/db/release-1/postgresql.sql")));
      long starting = System.nanoTime();
      server.start();
      long started = System.nanoTime();
      SchemaMigrationIT.upgradedWithEverythingKept(server.api, server.log, 1000);
      Api api = server.api;
      long items =
          api.create("tests/ItemsTask", "{\"items\":[\"x\",\"y\"],\"delayMs\":1}").getInt("id");
      await().atMost(WAIT).until(() -> status(api, "tests/ItemsTask", items).equals("COMPLETED"));
      await() // the log writes behind
          .atMost(WAIT)
          .alias("the task's events are in PostgreSQL")
          .until(
              () -> database.count("SELECT count(*) FROM task_event WHERE taskid = " + items) >= 3);

      aLimitSetWithTheCliAppliesToTheNextStream(server);

      long spam = api.create("tests/SpamTask", "{\"count\":100000,\"delayMs\":5}").getInt("id");
      Duration stopped;
      List<Received> before;
      int stopping;
      try (EventStream open = api.stream("tests/SpamTask", spam)) {
        open.awaitFirst(WAIT);
        long rss = server.rssMegabytes();
        stopping = server.log.size();
        stopped = server.stop();
        before = open.awaitEnd(Duration.ofSeconds(10));
        assertEquals("suspended", before.get(before.size() - 1).name(), before::toString);
        System.out.printf(
            "WildFly on PostgreSQL: started in %d ms, RSS %d MB; stopped with an open stream"
                + " in %d ms%n",
            TimeUnit.NANOSECONDS.toMillis(started - starting), rss, stopped.toMillis());
      }
      List<String> shutdown = server.log.subList(stopping, server.log.size());
      for (String code : List.of("WFLYEE0110", "WFLYTX0002", "UT015021", "ERROR")) {
        assertTrue(
            shutdown.stream().noneMatch(line -> line.contains(code)),
            () -> code + " logged at shutdown:\n" + String.join("\n", shutdown));
      }

      server.log.clear();
      server.start();
      assertTrue(logged(server, "0 migrations applied"), server.log::toString);
      assertEquals("COMPLETED", status(api, "tests/ItemsTask", items));
      try (EventStream replay = api.resume("stream/tests/ItemsTask/" + items, "0")) {
        List<Received> events = replay.awaitEnd(WAIT);
        assertEquals("complete", events.get(events.size() - 1).name(), events::toString);
      }
      // the suspended run goes on from its checkpoint: the client resumes where it was
      String last = before.get(before.size() - 2).id();
      try (EventStream resumed = api.resume("stream/tests/SpamTask/" + spam, last)) {
        Received next = resumed.awaitFirst(WAIT);
        assertEquals(Long.parseLong(last) + 1, Long.parseLong(next.id()), next::toString);
      } finally {
        api.send("POST", "tasks/tests/SpamTask/" + spam + "/cancel", null);
      }
    }
  }

  /**
   * {@code /system-property=...:add} on the running server: WildFly's config source for system
   * properties reads them on each use, so the next stream meets the limit, and its removal the
   * default again.
   */
  private static void aLimitSetWithTheCliAppliesToTheNextStream(WildFlyProcess server)
      throws Exception {
    Api api = server.api;
    long id = api.create("tests/ContinueTask", "{\"timeoutSeconds\":120}").getInt("id");
    try (EventStream held = api.stream("tests/ContinueTask", id)) {
      assertTrue(held.isEventStream());
      assertTrue(secondStreamAdmitted(api, id), "the default (1000) admits a second stream");
      server.cli("/system-property=" + LIMIT + ":add(value=1)");
      long returned = System.nanoTime();
      await()
          .atMost(APPLIES_WITHIN)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> !secondStreamAdmitted(api, id));
      long applied = System.nanoTime();
      try (EventStream refused = api.stream("tests/ContinueTask", id)) {
        assertEquals(503, refused.status());
        assertTrue(refused.json().getString("detail").contains("per-task limit of 1"));
      }
      server.cli("/system-property=" + LIMIT + ":remove");
      await()
          .atMost(APPLIES_WITHIN)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> secondStreamAdmitted(api, id));
      System.out.printf(
          "jboss-cli system property: the limit applied %d ms after the command returned%n",
          TimeUnit.NANOSECONDS.toMillis(applied - returned));
    } finally {
      api.send("POST", "tasks/tests/ContinueTask/" + id + "/cancel", null);
    }
  }

  private static boolean secondStreamAdmitted(Api api, long id) {
    try (EventStream second = api.stream("tests/ContinueTask", id)) {
      return second.isEventStream();
    }
  }

  private static Map<String, String> environment(TestDatabase database) {
    return Map.of(
        "STREAMING_DB_URL",
        "jdbc:postgresql://127.0.0.1:5432/"
            + database.name
            + "?connectTimeout=1&loginTimeout=2&socketTimeout=30",
        "STREAMING_DB_USER",
        "postgres");
  }

  private static boolean logged(WildFlyProcess server, String text) {
    return server.log.stream().anyMatch(line -> line.contains(text));
  }

  private static String status(Api api, String type, long id) {
    return api.read(type, id).getString("status");
  }
}
