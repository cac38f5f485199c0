package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamingcoordinator.it.EventStream.Received;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro nodes on one PostgreSQL database (a database of the test's own), with the
 * cluster on: a task runs on one node only, a client of the other node gets its events in order and
 * once each, a restarted node leaves the other's tasks alone, and when the owner is killed the
 * other node takes the task over from its checkpoint once the lease has expired. The first pair
 * talks over the postgres bus (the default), the second over NATS (127.0.0.1:4222, where one runs).
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
        PayaraProcess a = node(database, "node-a", "postgres").start();
        PayaraProcess b = node(database, "node-b", "postgres").start()) {
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
      // the bus brings events to B before A's event log writes them behind
      String logged = "SELECT count(*) FROM task_event WHERE taskid = " + id;
      await().atMost(WAIT).until(() -> database.count(logged) >= 301);
      assertEquals(301, database.count(logged), "one run");
      assertBusCarried(a, b, "postgres");

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

  /** Both nodes' health names the bus, connected, and it carried events from A to B. */
  private static void assertBusCarried(PayaraProcess a, PayaraProcess b, String bus) {
    JsonObject onA = cluster(a);
    JsonObject onB = cluster(b);
    assertEquals(bus, onA.getString("bus"), onA::toString);
    assertEquals("true", text(onA, "bus_connected"), onA::toString);
    assertEquals("true", text(onB, "bus_connected"), onB::toString);
    assertTrue(Long.parseLong(text(onA, "bus_messages_sent")) >= 300, onA::toString);
    assertTrue(Long.parseLong(text(onB, "bus_messages_received")) >= 300, onB::toString);
  }

  /** A health datum as text: some servers give every datum as a string. */
  private static String text(JsonObject data, String key) {
    JsonValue value = data.get(key);
    return value instanceof JsonString string ? string.getString() : String.valueOf(value);
  }

  /** The data of a node's {@code cluster} health check. */
  private static JsonObject cluster(PayaraProcess node) {
    JsonArray checks = Api.json(node.api.health("ready")).getJsonArray("checks");
    return checks.stream()
        .map(JsonValue::asJsonObject)
        .filter(check -> check.getString("name").equals("cluster"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no cluster check: " + checks))
        .getJsonObject("data");
  }

  /**
   * Behind a round-robin balancer: restarting B while A runs tasks leaves them to A (a waiting task
   * is neither failed nor run twice; a PATCH and a cancel through B then reach A over the bus),
   * then A is killed mid-task and B takes the task over from its checkpoint; a client that
   * reconnects through the balancer with Last-Event-ID gets every event once, and every item, the
   * ones after the last checkpoint A logged a second time at most.
   */
  @Test
  void aRestartedNodeLeavesTheOthersTasksAndTakesThemOverWhenItDies() throws Exception {
    assumeTrue(TestDatabase.serverListens(), "no PostgreSQL on 127.0.0.1:5432");
    assumeTrue(listens(4222), "no NATS on 127.0.0.1:4222");
    try (TestDatabase database = TestDatabase.create("failover");
        PayaraProcess a = node(database, "node-a", "nats").start();
        PayaraProcess b = node(database, "node-b", "nats").start();
        TcpProxy balancer = new TcpProxy(a.port, b.port)) {
      Api through = new Api(new URL("http://127.0.0.1:" + balancer.port() + "/"));
      long waiting = a.api.create("tests/ContinueTask", "{\"timeoutSeconds\":300}").getInt("id");
      // runs until cancelled, however long B's restart takes
      long running =
          a.api.create("tests/SpamTask", "{\"count\":100000,\"delayMs\":100}").getInt("id");

      b.stop();
      b.start();
      assertEquals("RUNNING", b.api.read("tests/ContinueTask", waiting).getString("status"));
      b.api.patch("tests/ContinueTask", waiting, "{\"continue\":true}");
      assertEquals(
          200,
          b.api.send("POST", "tasks/tests/SpamTask/" + running + "/cancel", null).statusCode());
      await()
          .atMost(WAIT)
          .until(
              () ->
                  logged(a, "Task tests/ContinueTask " + waiting + " ended COMPLETED")
                      && logged(a, "Task tests/SpamTask " + running + " ended CANCELLED"));
      assertTrue(
          b.log.stream().noneMatch(line -> line.matches(".*Task (tests/\\w+ )?" + running + " .*")),
          "the restarted node left A's running task alone: " + b.log);
      assertTrue(Long.parseLong(text(cluster(b), "bus_messages_received")) > 0, b.log::toString);

      // a client of its own: the first one's connection to A idled through B's restart, and a POST
      // on a connection the server has just closed is not sent again
      Api toA = new Api(new URL("http://127.0.0.1:" + a.port + "/"));
      long id = toA.create("tests/SpamTask", "{\"count\":1000,\"delayMs\":20}").getInt("id");
      CompletableFuture<List<Received>> client =
          CompletableFuture.supplyAsync(
              () -> followThrough(through, "stream/tests/SpamTask/" + id));
      await()
          .atMost(WAIT)
          .until(
              () -> database.count("SELECT count(*) FROM task_event WHERE taskid = " + id) >= 100);
      long before = database.count("SELECT count(*) FROM task_event WHERE taskid = " + id);
      assertTrue(before < 1000, "the task still runs on A: " + before + " events logged");
      a.kill();
      long killed = System.nanoTime();
      await()
          .atMost(WAIT)
          .until(
              () ->
                  database.count("SELECT count(*) FROM task_event WHERE taskid = " + id)
                      > before + 5);
      long resumed = System.nanoTime();
      List<Received> events = client.get(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertEquals("complete", events.get(events.size() - 1).name());
      List<Long> ids = events.stream().map(event -> Long.parseLong(event.id())).toList();
      assertEquals(ids.stream().sorted().distinct().toList(), ids, "each event once, in order");
      // items A sent but had not logged when it died are sent again by B's run
      long again = EventRuns.resentAfterTakeover(payloadSeqs(events), 1000);
      assertTrue(
          logged(b, "Task " + id + " was cut short: running it again from its last checkpoint"),
          b.log::toString);
      System.out.printf(
          "Failover: node A killed with %d events logged; B logged events again %d ms later"
              + " (lease %s); the client through the balancer saw %d items again (A's last ones, not logged)%n",
          before, TimeUnit.NANOSECONDS.toMillis(resumed - killed), LEASE, again);
    }
  }

  /**
   * A client of a balancer, as EventSource behaves: it reconnects after each cut, naming the last
   * event it got, until the stream ends with the task's final event.
   */
  private static List<Received> followThrough(Api balancer, String path) {
    List<Received> received = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (System.nanoTime() < deadline) {
      String last = received.isEmpty() ? "0" : received.get(received.size() - 1).id();
      try (EventStream stream = balancer.resume(path, last)) {
        try {
          stream.awaitEnd(WAIT);
        } catch (CompletionException cut) {
          // the node it was on died: what came before the cut counts
        }
        received.addAll(stream.events());
      }
      if (!received.isEmpty() && received.get(received.size() - 1).name().equals("complete")) {
        return received;
      }
      await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> true);
    }
    throw new AssertionError("the stream did not end within 4 minutes: " + received.size());
  }

  private static boolean listens(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A node as server-config/payara/cluster/node.properties makes one, with its own name, its bus, a
   * short lease and a quick reconciliation.
   */
  private static PayaraProcess node(TestDatabase database, String name, String bus)
      throws Exception {
    Properties node = new Properties();
    try (Reader file =
        Files.newBufferedReader(Path.of("server-config/payara/cluster/node.properties"))) {
      node.load(file);
    }
    Map<String, String> properties = new HashMap<>();
    node.stringPropertyNames().forEach(key -> properties.put(key, node.getProperty(key)));
    properties.put("streaming.cluster.node-id", name);
    properties.put("streaming.cluster.bus", bus);
    // the machine's NATS may serve other runs of this test: a subject of this database's own
    properties.put("streaming.cluster.channel", database.name);
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
