package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamingcoordinator.it.EventStream.Received;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * WildFly on PostgreSQL as an operator sets it up (server-config/wildfly/setup.cli, then
 * postgresql.cli, the database named by {@code STREAMING_DB_URL}, and cluster/node.cli: a node of a
 * cluster), on a database of the test's own that the first release left: the migrations upgrade it
 * with everything kept, a limit changed with the management CLI applies to the next stream, a
 * second WildFly node on the same database serves the first one's tasks and takes over the task of
 * its own that it was killed running, SIGTERM with open streams ends cleanly, and a restart keeps
 * tasks and events and migrates nothing. In the WildFly pass (which gives it {@code wildfly.home}).
 */
@EnabledIfSystemProperty(named = WildFlyProcess.HOME, matches = ".+")
class WildFlyPostgresIT {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Duration APPLIES_WITHIN = Duration.ofSeconds(5);
  private static final Path POSTGRESQL_CLI = Path.of("server-config/wildfly/postgresql.cli");
  private static final String LIMIT = "streaming.connections.max-per-task";
  private static final Path NODE_CLI = Path.of("server-config/wildfly/cluster/node.cli");
  private static final Duration LEASE = Duration.ofSeconds(3);
  private static final Duration RECONCILE = Duration.ofSeconds(1);
  private static final String NODE_A = "wf-a";
  private static final String NODE_B = "wf-b";

  @Test
  void aReleaseDatabaseIsUpgradedALimitChangesLiveAndARestartKeepsEverything() throws Exception {
    assumeTrue(TestDatabase.serverListens(), "no PostgreSQL on 127.0.0.1:5432");
    try (TestDatabase database = TestDatabase.create("wildfly");
        WildFlyProcess server =
            new WildFlyProcess(
                environment(database), node(NODE_A), POSTGRESQL_CLI, clusterCli(database));
        WildFlyProcess other = server.copy(node(NODE_B).toArray(String[]::new))) {
      // what the first release left in its database (EclipseLink's tables), upgraded under
      // Hibernate with every task and event kept
      database.load(Files.readString(Path.of("src/test/resources/db/release-1/postgresql.sql")));
      long starting = System.nanoTime();
      server.start();
      long started = System.nanoTime();
      try {
        SchemaMigrationIT.upgradedWithEverythingKept(server.api, server.log, 1000);
      } catch (AssertionError failed) {
        throw new AssertionError(
            failed.getMessage() + leaseLines(server) + lines(server, "cut short"), failed);
      }
      // node B boots beside A's next checks, once A's migrations and recovery are done
      CompletableFuture<Duration> otherStarted = startInTheBackground(other);
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
      aSecondNodeServesTheFirstOnesTasksAndTakesOverWhenItsOwnerIsKilled(
          server, other, otherStarted, database);

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

  /**
   * Node B (the same configuration, its own {@code jboss.node.name}) joins A's database: a task of
   * each node streamed on the other arrives whole, in order and once, and runs once, on the node
   * that took it, under the name WildFly gave that node; B killed mid-task, A takes it over from
   * its checkpoint once B's lease has expired, every item once.
   */
  private static void aSecondNodeServesTheFirstOnesTasksAndTakesOverWhenItsOwnerIsKilled(
      WildFlyProcess a,
      WildFlyProcess b,
      CompletableFuture<Duration> bStarted,
      TestDatabase database)
      throws Exception {
    long waiting = System.nanoTime();
    Duration bStart = bStarted.join();
    long waited = System.nanoTime() - waiting;
    long checking = System.nanoTime();
    String spam = "{\"count\":200,\"delayMs\":5}";
    long onA = a.api.create("tests/SpamTask", spam).getInt("id");
    long onB = b.api.create("tests/SpamTask", spam).getInt("id");
    try (EventStream fromA = b.api.resume("stream/tests/SpamTask/" + onA, "0");
        EventStream fromB = a.api.resume("stream/tests/SpamTask/" + onB, "0")) {
      assertWholeAndOnce(awaitEnd(fromA, onA, a, b), 200);
      assertWholeAndOnce(awaitEnd(fromB, onB, a, b), 200);
    }
    for (long id : List.of(onA, onB)) {
      WildFlyProcess owner = id == onA ? a : b;
      WildFlyProcess follower = id == onA ? b : a;
      // the lease's owner is the name WildFly resolved ${jboss.node.name} to in node.cli
      assertEquals(id == onA ? NODE_A : NODE_B, leaseOwner(database, id));
      assertEquals(201, database.count("SELECT count(*) FROM task_event WHERE taskid = " + id));
      assertTrue(
          logged(owner, "Task tests/SpamTask " + id + " ended COMPLETED"), owner.log::toString);
      assertTrue(
          follower.log.stream()
              .noneMatch(line -> line.contains("Task tests/SpamTask " + id + " ended")),
          "only its owner ran it");
    }

    long taken = b.api.create("tests/SpamTask", "{\"count\":400,\"delayMs\":10}").getInt("id");
    try (EventStream client = a.api.resume("stream/tests/SpamTask/" + taken, "0")) {
      await().atMost(WAIT).until(() -> client.events().size() >= 100);
      b.kill();
      long killed = System.nanoTime();
      int seen = client.events().size();
      // B's lease expires at most LEASE after its last renewal; A's next reconciliation runs it
      await()
          .atMost(LEASE.plus(RECONCILE).plusSeconds(10))
          .until(() -> client.events().size() > seen + 5);
      long resumed = System.nanoTime();
      List<Received> events = awaitEnd(client, taken, a);
      // A's run goes on from the last checkpoint B logged: the items B sent (over the bus) but had
      // not logged come again
      assertEquals("complete", events.get(events.size() - 1).name(), events::toString);
      long again = EventRuns.resentAfterTakeover(payloadSeqs(events), 400);
      List<Long> ids = events.stream().map(event -> Long.parseLong(event.id())).toList();
      assertEquals(ids.stream().sorted().distinct().toList(), ids, "ids increasing, none twice");
      assertTrue(
          logged(a, "Task " + taken + " was cut short: running it again from its last checkpoint"),
          a.log::toString);
      assertEquals(NODE_A, leaseOwner(database, taken));
      // A held its leases throughout: only B's task changed hands
      assertEquals("", leaseLines(a), "A stopped none of its runs for a lost lease");
      System.out.printf(
          "WildFly cluster: node B started in %d ms (beside A's checks; then waited for: %d ms);"
              + " the two nodes' checks took %d ms; B killed after %d events seen on A, whose"
              + " client got events again %d ms later (lease %s, reconciliation every %s), %d"
              + " events in all, %d items again%n",
          bStart.toMillis(),
          TimeUnit.NANOSECONDS.toMillis(waited),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - checking),
          seen,
          TimeUnit.NANOSECONDS.toMillis(resumed - killed),
          LEASE,
          RECONCILE,
          events.size(),
          again);
    }
  }

  /** Starts {@code node} on a thread of its own; the future is the time it took. */
  private static CompletableFuture<Duration> startInTheBackground(WildFlyProcess node) {
    return CompletableFuture.supplyAsync(
        () -> {
          long starting = System.nanoTime();
          try {
            node.start();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return Duration.ofNanos(System.nanoTime() - starting);
        },
        start -> {
          Thread thread = new Thread(start, "start-node-b");
          thread.setDaemon(true); // a failed test does not wait for it
          thread.start();
        });
  }

  /** A SpamTask's stream: every id once and in order, every item, then {@code complete}. */
  private static void assertWholeAndOnce(List<Received> events, int count) {
    assertEquals("complete", events.get(events.size() - 1).name(), events::toString);
    assertEquals(
        LongStream.rangeClosed(1, count + 1).boxed().toList(),
        events.stream().map(event -> Long.parseLong(event.id())).toList(),
        "ids in order, once each");
    assertEquals(LongStream.rangeClosed(1, count).boxed().toList(), payloadSeqs(events));
  }

  /** The SpamTask's own item numbers, in the order the client got them. */
  private static List<Long> payloadSeqs(List<Received> events) {
    return events.stream()
        .filter(event -> event.name().equals("progress"))
        .map(event -> event.data().getJsonNumber("seq").longValue())
        .toList();
  }

  /** The stream's events once it ends; if it does not, the nodes' lines about the task say why. */
  private static List<Received> awaitEnd(EventStream stream, long id, WildFlyProcess... nodes) {
    try {
      return stream.awaitEnd(WAIT);
    } catch (CompletionException notEnded) {
      StringBuilder lines = new StringBuilder("task " + id + " did not end; got " + stream.names());
      for (WildFlyProcess node : nodes) {
        node.log.stream()
            .filter(
                line ->
                    line.contains(" " + id + " ")
                        || line.contains("WARN")
                        || line.contains("ERROR"))
            .forEach(line -> lines.append('\n').append(line));
      }
      throw new AssertionError(lines.toString(), notEnded);
    }
  }

  /**
   * The node's lines about runs it stopped because another node held their lease (with no other
   * node up, a run stopped so is failed by the next reconciliation: its client gets an error).
   */
  private static String leaseLines(WildFlyProcess node) {
    return lines(node, "another node took it over");
  }

  private static String lines(WildFlyProcess node, String text) {
    return node.log.stream()
        .filter(line -> line.contains(text))
        .map(line -> "\n" + line)
        .reduce("", String::concat);
  }

  /** Who holds the task's lease, as the database says. */
  private static String leaseOwner(TestDatabase database, long id) throws SQLException {
    try (Connection connection = database.open();
        PreparedStatement query =
            connection.prepareStatement("SELECT lease_owner FROM stream_task WHERE id = ?")) {
      query.setLong(1, id);
      try (ResultSet row = query.executeQuery()) {
        assertTrue(row.next(), "task " + id + " is stored");
        return row.getString(1);
      }
    }
  }

  /** A node's start options: its name, which node.cli makes its name in leases. */
  private static List<String> node(String name) {
    return List.of("-Djboss.node.name=" + name);
  }

  /**
   * server-config/wildfly/cluster/node.cli with a short lease and a quick reconciliation, so that a
   * killed node's task is taken over within seconds (everything else as the product ships it).
   */
  private static Path clusterCli(TestDatabase database) throws IOException {
    String script = Files.readString(NODE_CLI);
    Map<String, String> changes =
        Map.of(
            "streaming.cluster.lease-time:add(value=PT15S)",
            "streaming.cluster.lease-time:add(value=" + LEASE + ")",
            "streaming.tasks.reconcile-interval:add(value=PT5S)",
            "streaming.tasks.reconcile-interval:add(value=" + RECONCILE + ")");
    for (Map.Entry<String, String> change : changes.entrySet()) {
      if (!script.contains(change.getKey())) {
        throw new IllegalStateException(NODE_CLI + " no longer has " + change.getKey());
      }
      script = script.replace(change.getKey(), change.getValue());
    }
    Path copy = Files.createTempFile(Path.of("target"), database.name + "-node", ".cli");
    copy.toFile().deleteOnExit();
    return Files.writeString(copy, script);
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
