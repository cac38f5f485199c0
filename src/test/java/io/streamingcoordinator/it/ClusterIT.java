package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamingcoordinator.it.EventStream.Received;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro nodes on one PostgreSQL database (a database of the test's own), with the
 * cluster on: a task runs on one node only, a client of the other node gets its events in order and
 * once each, and when the owner is killed the other node takes the task over from its checkpoint
 * once the lease has expired.
 */
class ClusterIT {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Duration LEASE = Duration.ofSeconds(3);

  /**
   * A client of the node that does not run a task gets the owner's events in order and once, the
   * task runs once, and a PATCH and a cancel sent to that node reach the owner's runs (one pair of
   * nodes for the three, as starting nodes is what takes time).
   */
  @Test
  void theOtherNodeServesTheOwnersTasksStreamsPatchesAndCancels() throws Exception {
    assumeTrue(TestDatabase.serverListens(), "no PostgreSQL on 127.0.0.1:5432");
    try (TestDatabase database = TestDatabase.create("cluster");
        PayaraProcess a = node(database, "node-a").start();
        PayaraProcess b = node(database, "node-b").start()) {
      long id = a.api.create("tests/SpamTask", "{\"count\":300,\"delayMs\":10}").getInt("id");
      List<Received> events;
      try (EventStream onB = b.api.resume("stream/tests/SpamTask/" + id, "0")) {
        events = awaitEnd(onB, id, a, b);
      }
      assertEquals("complete", events.get(events.size() - 1).name(), events::toString);
      assertEquals(LongStream.rangeClosed(1, 300).boxed().toList(), payloadSeqs(events));
      assertEquals(
          LongStream.rangeClosed(1, 301).boxed().toList(),
          events.stream().map(event -> Long.parseLong(event.id())).toList(),
          "ids in order, once each");
      assertTrue(logged(a, "Task tests/SpamTask " + id + " ended COMPLETED"), a.log::toString);
      assertTrue(
          b.log.stream().noneMatch(line -> line.contains("Task tests/SpamTask " + id + " ended")),
          "node B never ran it");
      assertEquals(
          301, database.count("SELECT count(*) FROM task_event WHERE taskid = " + id), "one run");

      long continued = a.api.create("tests/ContinueTask", "{\"timeoutSeconds\":120}").getInt("id");
      long cancelled = a.api.create("tests/ContinueTask", "{\"timeoutSeconds\":120}").getInt("id");
      try (EventStream toContinue = b.api.resume("stream/tests/ContinueTask/" + continued, "0");
          EventStream toCancel = b.api.resume("stream/tests/ContinueTask/" + cancelled, "0")) {
        toContinue.awaitFirst(WAIT);
        toCancel.awaitFirst(WAIT);
        b.api.patch("tests/ContinueTask", continued, "{\"continue\":true}");
        assertEquals(
            200,
            b.api
                .send("POST", "tasks/tests/ContinueTask/" + cancelled + "/cancel", null)
                .statusCode());
        List<Received> done = awaitEnd(toContinue, continued, a, b);
        assertEquals(List.of("started", "final", "complete"), names(done));
        List<Received> stopped = awaitEnd(toCancel, cancelled, a, b);
        assertEquals("error", stopped.get(stopped.size() - 1).name(), stopped::toString);
        assertEquals("Task cancelled", stopped.get(stopped.size() - 1).data().getString("message"));
      }
      assertTrue(logged(a, "Task tests/ContinueTask " + continued + " ended COMPLETED"));
      assertTrue(logged(a, "Task tests/ContinueTask " + cancelled + " ended CANCELLED"));
      assertEquals("CANCELLED", a.api.read("tests/ContinueTask", cancelled).getString("status"));
    }
  }

  @Test
  void whenTheOwnerIsKilledTheOtherNodeTakesTheTaskOverFromItsCheckpoint() throws Exception {
    assumeTrue(TestDatabase.serverListens(), "no PostgreSQL on 127.0.0.1:5432");
    try (TestDatabase database = TestDatabase.create("failover");
        PayaraProcess a = node(database, "node-a").start();
        PayaraProcess b = node(database, "node-b").start()) {
      long id = a.api.create("tests/SpamTask", "{\"count\":600,\"delayMs\":10}").getInt("id");
      try (EventStream onB = b.api.resume("stream/tests/SpamTask/" + id, "0")) {
        await().atMost(WAIT).until(() -> onB.events().size() >= 100);
        a.kill();
        long killed = System.nanoTime();
        int seen = onB.events().size();
        await().atMost(WAIT).until(() -> onB.events().size() > seen + 5);
        long resumed = System.nanoTime();
        List<Received> events = onB.awaitEnd(WAIT);
        assertEquals("complete", events.get(events.size() - 1).name());
        // events A published but had not logged are lost with it; B's run goes on from the last
        // logged checkpoint, so the client sees every item once
        assertEquals(LongStream.rangeClosed(1, 600).boxed().toList(), payloadSeqs(events));
        assertTrue(
            logged(b, "Task " + id + " was cut short: running it again from its last checkpoint"),
            b.log::toString);
        System.out.printf(
            "Failover: node A killed after %d events seen on B; B's client got events again %d ms"
                + " later (lease %s)%n",
            seen, TimeUnit.NANOSECONDS.toMillis(resumed - killed), LEASE);
      }
    }
  }

  /**
   * A node as server-config/payara/cluster/node.properties makes one, with its own name, a short
   * lease and a quick reconciliation.
   */
  private static PayaraProcess node(TestDatabase database, String name) throws Exception {
    Properties node = new Properties();
    try (Reader file =
        Files.newBufferedReader(Path.of("server-config/payara/cluster/node.properties"))) {
      node.load(file);
    }
    Map<String, String> properties = new HashMap<>();
    node.stringPropertyNames().forEach(key -> properties.put(key, node.getProperty(key)));
    properties.put("streaming.cluster.node-id", name);
    properties.put("streaming.cluster.lease-time", LEASE.toString());
    properties.put("streaming.tasks.reconcile-interval", "PT1S");
    return new PayaraProcess(null, properties, database.payaraOptions());
  }

  /** The stream's events once it ends; if it does not, the nodes' lines about the task say why. */
  private static List<Received> awaitEnd(EventStream stream, long id, PayaraProcess... nodes) {
    try {
      return stream.awaitEnd(WAIT);
    } catch (CompletionException notEnded) {
      StringBuilder lines = new StringBuilder("task " + id + " did not end; got " + stream.names());
      for (PayaraProcess node : nodes) {
        node.log.stream()
            .filter(
                line ->
                    line.contains(" " + id + " ")
                        || line.contains("WARN")
                        || line.contains("SEVERE"))
            .forEach(line -> lines.append('\n').append(node.port).append(": ").append(line));
      }
      throw new AssertionError(lines.toString(), notEnded);
    }
  }

  private static List<String> names(List<Received> events) {
    return events.stream().map(Received::name).toList();
  }

  /** The SpamTask's own item numbers, in the order the client got them. */
  private static List<Long> payloadSeqs(List<Received> events) {
    return events.stream()
        .filter(event -> event.name().equals("progress"))
        .map(event -> event.data().getJsonNumber("seq").longValue())
        .toList();
  }

  private static boolean logged(PayaraProcess server, String text) {
    return server.log.stream().anyMatch(line -> line.contains(text));
  }
}
