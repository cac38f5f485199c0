package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamingcoordinator.it.EventStream.Received;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarting under a cluster of two Payara Micro nodes (a 3 s lease, as in ClusterIT):
 * both reach their database of the test's own through one {@link TcpProxy}, which goes down for
 * longer than the lease (every connection cut, new ones refused at its port, the bus's own
 * listening connection too on the postgres bus) and comes back at the same port. Node A runs a
 * resumable SpamTask and a waiting ContinueTask; a client on node B streams the SpamTask from the
 * start. Both tasks must stay on A (a lease that expired while nobody could reach the database
 * proves nothing), the client on B must get every event once, in order, and every item once, and
 * the waiting task must still be continued by a PATCH through B. Prints how long each part took to
 * come back. The bus is the postgres one (the default); {@code -Dit.cluster.bus=nats} runs it on
 * NATS at 127.0.0.1:4222.
 */
class ClusterOutageIT {

  private static final String BUS = System.getProperty("it.cluster.bus", "postgres");
  // as ClusterIT; -Dit.cluster.reconcile-interval=PT0.1S makes the race after the return likely
  private static final String RECONCILE =
      System.getProperty("it.cluster.reconcile-interval", "PT1S");
  private static final Duration LEASE = Duration.ofSeconds(3);
  private static final Duration OUTAGE = Duration.ofSeconds(15);
  // after the database is back: readiness, the bus and the client's events
  private static final Duration RECOVERY = Duration.ofSeconds(15);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String SPAM = "tests/SpamTask";
  private static final String CONTINUE = "tests/ContinueTask";
  // one every 20 ms: the run (30 s) outlasts the outage and goes on after it
  private static final int COUNT = 1500;
  private static final int DELAY_MS = 20;

  @Test
  void aDatabaseRestartLeavesTheTasksToTheirOwnerAndTheOtherNodesClientGetsEveryEventOnce()
      throws Exception {
    assumeTrue(TestDatabase.serverListens(), "no PostgreSQL on 127.0.0.1:5432");
    assumeTrue(!BUS.equals("nats") || listens(4222), "no NATS on 127.0.0.1:4222");
    try (TestDatabase database = TestDatabase.create("clusteroutage");
        TcpProxy proxy = new TcpProxy(5432);
        PayaraProcess a = node(database, proxy, "node-a");
        PayaraProcess b = node(database, proxy, "node-b")) {
      long started = System.nanoTime();
      startBoth(a, b);
      long startMillis = millis(System.nanoTime() - started);
      if (BUS.equals("postgres")) {
        String address = " at 127.0.0.1:" + proxy.port() + "/" + database.name;
        assertTrue(logged(a, address) && logged(b, address), "the bus goes through the proxy");
      }
      await()
          .atMost(WAIT)
          .until(() -> busConnected(a).equals("true") && busConnected(b).equals("true"));

      long waiting = a.api.create(CONTINUE, "{\"timeoutSeconds\":300}").getInt("id");
      long id =
          a.api
              .create(SPAM, "{\"count\":" + COUNT + ",\"size\":100,\"delayMs\":" + DELAY_MS + "}")
              .getInt("id");
      try (EventStream onB = b.api.resume("stream/" + SPAM + "/" + id, "0");
          Timeline timeline = new Timeline(onB, a, b)) {
        await().atMost(WAIT).until(() -> onB.events().size() >= 100);
        await()
            .atMost(WAIT)
            .until(
                () ->
                    database.count("SELECT count(*) FROM task_event WHERE taskid = " + waiting)
                        == 1); // its started event: it waits

        long loggedBefore = database.count("SELECT count(*) FROM task_event WHERE taskid = " + id);
        int[] linesBefore = {a.log.size(), b.log.size()};
        proxy.refuse();
        timeline.down();
        await().pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(1)).until(() -> true);
        proxy.admit();
        timeline.back();

        List<Received> events = awaitEnd(onB, id, a, b);
        // readiness and the bus back on both nodes
        boolean recovered = recovers(timeline, a, b);
        timeline.stop();

        String status = b.api.read(CONTINUE, waiting).getString("status");
        b.api.patch(CONTINUE, waiting, "{\"continue\":true}");
        long patched = System.nanoTime();
        boolean continued = endsCompleted(a, waiting);
        long continuedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - patched);

        long logged = database.count("SELECT count(*) FROM task_event WHERE taskid = " + id);
        long leasedToB =
            database.count("SELECT count(*) FROM stream_task WHERE lease_owner = 'node-b'");
        List<Long> ids = events.stream().map(e -> Long.parseLong(e.id())).toList();
        List<Long> seqs = seqs(events);
        System.out.printf(
            "ClusterOutageIT, bus %s, lease %s, reconciliation every %s, outage %s (load average: %s; both nodes started"
                + " in %d ms)%n"
                + "  before the outage: %d events on B's client, %d logged%n%s"
                + "  the PATCH through B completed the waiting task on A in %d ms%n"
                + "  nodes' lines about the outage:%n%s%n",
            BUS,
            LEASE,
            RECONCILE,
            OUTAGE,
            uptime(),
            startMillis,
            timeline.countAt(0),
            loggedBefore,
            timeline.report(events),
            continuedMillis,
            outageLines(a, b, linesBefore));
        keepConsoles(a, b);
        String all = "1-" + (COUNT + 1);
        assertAll(
            () -> assertEquals(all, EventRuns.ids(events), "B's client's ids: each once, in order"),
            () -> assertEquals(ids.stream().sorted().distinct().toList(), ids, "in order, once"),
            () -> assertEquals(LongStream.rangeClosed(1, COUNT).boxed().toList(), seqs, "items"),
            () -> assertEquals("progress x" + COUNT + ", complete", EventRuns.names(events)),
            () -> assertEquals(COUNT + 1, logged, "one run: every event logged once"),
            () -> assertTrue(noneLogged(a, b, "was cut short"), "a node took a task over"),
            () ->
                assertTrue(
                    noneLogged(a, b, "another node took it over"), "a run lost its lease to B"),
            () -> assertTrue(logged(a, "Task " + SPAM + " " + id + " ended COMPLETED"), "A ran it"),
            () -> assertTrue(noneLogged(b, b, " " + id + " ended"), "B never ran the SpamTask"),
            () -> assertEquals(0, leasedToB, "B holds no lease"),
            () -> assertEquals("RUNNING", status, "the waiting task after the outage"),
            () -> assertTrue(continued, "the PATCH through B did not complete the task on A"),
            () -> assertTrue(timeline.wentDown(a), "A's readiness DOWN during the outage"),
            () -> assertTrue(timeline.wentDown(b), "B's readiness DOWN during the outage"),
            () -> assertTrue(timeline.clusterAlwaysUp(), "the cluster check is always UP"),
            () -> assertTrue(recovered, "readiness and the bus back within " + RECOVERY),
            () -> assertBus(timeline),
            () -> assertLiveOverABusThatStayedUp(timeline, events),
            () ->
                assertTrue(
                    timeline.flowsAgainWithin(events, RECOVERY),
                    "B's client live again within " + RECOVERY));
      }
    }
  }

  /**
   * The postgres bus goes through the proxy: cut on both nodes during the outage; NATS stays
   * connected.
   */
  private static void assertBus(Timeline timeline) {
    boolean cut = timeline.busCut("node-a") && timeline.busCut("node-b");
    assertEquals(BUS.equals("postgres"), cut, "bus cut during the outage:" + timeline.probes());
  }

  /**
   * A bus that stayed up (NATS) carried A's events while the database was away: B's client gets
   * them then, not only after the return (at least half of them; the rest may wait for the log).
   */
  private static void assertLiveOverABusThatStayedUp(Timeline timeline, List<Received> events) {
    if (BUS.equals("nats")) {
      long emitted = timeline.emittedDuringOutage(events);
      int during = timeline.countAt(1) - timeline.countAt(0);
      assertTrue(
          during >= emitted / 2,
          "B's client got "
              + during
              + " events while the database was away, A emitted "
              + emitted
              + " and sent them over NATS:"
              + timeline.probes());
    }
  }

  /** Whether both nodes are ready again, their bus connected, within {@link #RECOVERY}. */
  private static boolean recovers(Timeline timeline, PayaraProcess a, PayaraProcess b) {
    try {
      await()
          .atMost(RECOVERY.minus(timeline.sinceBack()).plusMillis(100))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  ready(a).statusCode() == 200
                      && ready(b).statusCode() == 200
                      && busConnected(a).equals("true")
                      && busConnected(b).equals("true"));
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException | IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean endsCompleted(PayaraProcess a, long id) {
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> logged(a, "Task " + CONTINUE + " " + id + " ended COMPLETED"));
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return false;
    }
  }

  /**
   * What happened around the outage, sampled: B's client's events (every 20 ms) and both nodes'
   * readiness (every 500 ms each), timed from the moment the database went down.
   */
  private static final class Timeline implements AutoCloseable {

    record Probe(String node, long at, int status, Map<String, String> checks, String bus) {
      @Override
      public String toString() {
        return String.format(
            "%+7.2f s %s %s %s bus_connected=%s", at / 1000.0, node, status, checks, bus);
      }
    }

    private final EventStream client;
    private final PayaraProcess[] nodes;
    private final ScheduledExecutorService samplers = Executors.newScheduledThreadPool(3);
    private final List<Long> arrivals = new CopyOnWriteArrayList<>(); // wall ms, per event
    private final List<Probe> probes = new CopyOnWriteArrayList<>();
    private volatile long downNanos = Long.MAX_VALUE;
    private volatile long downWall;
    private volatile long backNanos = Long.MAX_VALUE;
    private volatile long backWall = Long.MAX_VALUE;
    private volatile int atDown = -1;
    private volatile int atBack = -1;

    Timeline(EventStream client, PayaraProcess... nodes) {
      this.client = client;
      this.nodes = nodes;
      samplers.scheduleAtFixedRate(this::sampleEvents, 0, 20, TimeUnit.MILLISECONDS);
    }

    void down() {
      sampleEvents();
      atDown = arrivals.size();
      downWall = System.currentTimeMillis();
      downNanos = System.nanoTime();
      for (PayaraProcess node : nodes) {
        samplers.scheduleWithFixedDelay(() -> probe(node), 0, 500, TimeUnit.MILLISECONDS);
      }
    }

    void back() {
      sampleEvents();
      atBack = arrivals.size();
      backWall = System.currentTimeMillis();
      backNanos = System.nanoTime();
    }

    Duration sinceBack() {
      return Duration.ofNanos(System.nanoTime() - backNanos);
    }

    int countAt(int which) {
      return which == 0 ? atDown : atBack;
    }

    private synchronized void sampleEvents() {
      long now = System.currentTimeMillis();
      for (int n = client.events().size(); arrivals.size() < n; ) {
        arrivals.add(now);
      }
    }

    private void probe(PayaraProcess node) {
      long sent = System.nanoTime();
      String name = node == nodes[0] ? "node-a" : "node-b";
      try {
        HttpResponse<String> answer = ready(node);
        Map<String, String> checks = new LinkedHashMap<>();
        String bus = "?";
        for (JsonValue value : Api.json(answer).getJsonArray("checks")) {
          JsonObject check = value.asJsonObject();
          checks.put(check.getString("name"), check.getString("status"));
          if (check.getString("name").equals("cluster")) {
            JsonObject data = check.getJsonObject("data");
            bus = text(data, "bus_connected");
            checks.put(
                "sent/unsent/received",
                text(data, "bus_messages_sent")
                    + "/"
                    + text(data, "bus_messages_unsent")
                    + "/"
                    + text(data, "bus_messages_received"));
          }
        }
        probes.add(new Probe(name, millis(sent - downNanos), answer.statusCode(), checks, bus));
      } catch (RuntimeException e) {
        probes.add(new Probe(name, millis(sent - downNanos), -1, Map.of("error", "" + e), "?"));
      }
    }

    List<Probe> probes(String node, Predicate<Probe> which) {
      return probes.stream().filter(p -> p.node().equals(node)).filter(which).toList();
    }

    private long outageMillis() {
      return millis(backNanos - downNanos);
    }

    boolean wentDown(PayaraProcess node) {
      String name = node == nodes[0] ? "node-a" : "node-b";
      return !probes(name, p -> p.at() < outageMillis() && p.status() == 503).isEmpty();
    }

    boolean clusterAlwaysUp() {
      return probes.stream()
          .allMatch(p -> p.status() == -1 || "UP".equals(p.checks().get("cluster")));
    }

    boolean busCut(String node) {
      return !probes(node, p -> p.at() < outageMillis() && p.bus().equals("false")).isEmpty();
    }

    /** B's client gets events sent after the database was back within {@code bound} of it. */
    boolean flowsAgainWithin(List<Received> events, Duration bound) {
      long live = liveAgain(events);
      return live >= 0 && live <= bound.toMillis();
    }

    /** Ms from the return to the first event on B sent after it (-1: none). */
    private long liveAgain(List<Received> events) {
      for (int i = 0; i < events.size() && i < arrivals.size(); i++) {
        long sent = sentMillis(events.get(i));
        if (sent >= backWall) {
          return arrivals.get(i) - backWall;
        }
      }
      return -1;
    }

    String probes() {
      return probes.stream()
          .sorted(java.util.Comparator.comparingLong(Probe::at))
          .map(Probe::toString)
          .collect(Collectors.joining("\n    ", "\n    ", "\n"));
    }

    long emittedDuringOutage(List<Received> events) {
      return events.stream()
          .mapToLong(ClusterOutageIT::sentMillis)
          .filter(sent -> sent >= downWall && sent < backWall)
          .count();
    }

    /** The figures, as lines. */
    String report(List<Received> events) {
      sampleEvents();
      int during = atBack - atDown;
      long firstAfter = -1;
      for (int i = atBack; i < arrivals.size(); i++) {
        firstAfter = arrivals.get(i) - backWall;
        break;
      }
      long gap = 0;
      long gapEnd = 0;
      long late = 0;
      long lateAt = 0;
      for (int i = 1; i < arrivals.size() && i < events.size(); i++) {
        long pause = arrivals.get(i) - arrivals.get(i - 1);
        if (pause > gap) {
          gap = pause;
          gapEnd = arrivals.get(i);
        }
        long sent = sentMillis(events.get(i));
        if (sent > 0 && arrivals.get(i) - sent > late) {
          late = arrivals.get(i) - sent;
          lateAt = arrivals.get(i);
        }
      }
      long emitted = emittedDuringOutage(events);
      StringBuilder out = new StringBuilder();
      out.append(String.format("  A emitted %d events while the database was away%n", emitted));
      out.append(
          String.format(
              "  the database away %d ms; B's client got %d events meanwhile, the first after the"
                  + " return %d ms after it, the first sent after the return %d ms after it, its"
                  + " last (the %s) %d ms after it%n",
              outageMillis(),
              during,
              firstAfter,
              liveAgain(events),
              events.isEmpty() ? "none" : events.get(events.size() - 1).name(),
              arrivals.isEmpty() ? -1 : arrivals.get(arrivals.size() - 1) - backWall));
      out.append(
          String.format(
              "  B's client: longest wait between events %d ms (ending %+.2f s from the outage's"
                  + " start), an event at most %d ms late (at %+.2f s)%n",
              gap, (gapEnd - downWall) / 1000.0, late, (lateAt - downWall) / 1000.0));
      for (String node : List.of("node-a", "node-b")) {
        out.append(
            String.format(
                "  %s: readiness DOWN first at %s, UP again at %s; bus disconnected first at %s,"
                    + " connected again at %s (s from the outage's start; back at %+.2f s)%n",
                node,
                first(node, p -> p.status() == 503, 0),
                first(node, p -> p.status() == 200, outageMillis()),
                first(node, p -> p.bus().equals("false"), 0),
                first(node, p -> p.bus().equals("true"), outageMillis()),
                outageMillis() / 1000.0));
      }
      out.append("  readiness probes:").append(probes());
      return out.toString();
    }

    private String first(String node, Predicate<Probe> which, long from) {
      return probes(node, p -> p.at() >= from && which.test(p)).stream()
          .findFirst()
          .map(p -> String.format("%+.2f s", p.at() / 1000.0))
          .orElse("never");
    }

    /** Stops probing (the figures stay). */
    void stop() {
      samplers.shutdownNow();
    }

    @Override
    public void close() {
      stop();
    }
  }

  /** When the SpamTask emitted an event (epoch ms; 0 for its complete event). */
  private static long sentMillis(Received event) {
    JsonValue sent = event.data().get("sent_at_us");
    return sent == null ? 0 : event.data().getJsonNumber("sent_at_us").longValue() / 1000;
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  private static HttpResponse<String> ready(PayaraProcess node) {
    return node.api.health("ready");
  }

  private static String busConnected(PayaraProcess node) {
    for (JsonValue value : Api.json(ready(node)).getJsonArray("checks")) {
      JsonObject check = value.asJsonObject();
      if (check.getString("name").equals("cluster")) {
        return text(check.getJsonObject("data"), "bus_connected");
      }
    }
    return "no cluster check";
  }

  /** A health datum as text: some servers give every datum as a string. */
  private static String text(JsonObject data, String key) {
    JsonValue value = data.get(key);
    return value instanceof JsonString string ? string.getString() : String.valueOf(value);
  }

  /** Both nodes started at once (Flyway's lock orders their migrations). */
  private static void startBoth(PayaraProcess a, PayaraProcess b) {
    CompletableFuture<?> first = CompletableFuture.runAsync(() -> start(a));
    CompletableFuture<?> second = CompletableFuture.runAsync(() -> start(b));
    CompletableFuture.allOf(first, second).join();
  }

  private static void start(PayaraProcess node) {
    try {
      node.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A node as server-config/payara/cluster/node.properties makes one, with its own name, the bus, a
   * short lease and a quick reconciliation, on the database through the proxy; a channel of the
   * test's own (a NATS server is shared with whatever else runs on the machine).
   */
  private static PayaraProcess node(TestDatabase database, TcpProxy proxy, String name)
      throws Exception {
    Properties node = new Properties();
    try (Reader file =
        Files.newBufferedReader(Path.of("server-config/payara/cluster/node.properties"))) {
      node.load(file);
    }
    Map<String, String> properties = new HashMap<>();
    node.stringPropertyNames().forEach(key -> properties.put(key, node.getProperty(key)));
    properties.put("streaming.cluster.node-id", name);
    properties.put("streaming.cluster.bus", BUS);
    properties.put("streaming.cluster.channel", database.name);
    properties.put("streaming.cluster.lease-time", LEASE.toString());
    properties.put("streaming.tasks.reconcile-interval", RECONCILE);
    return new PayaraProcess(null, properties, database.payaraOptions(proxy.port()));
  }

  private static List<Received> awaitEnd(EventStream stream, long id, PayaraProcess... nodes) {
    try {
      return stream.awaitEnd(WAIT);
    } catch (java.util.concurrent.CompletionException notEnded) {
      throw new AssertionError(
          "task " + id + " did not end on B's client; got " + EventRuns.ids(stream.events()),
          notEnded);
    }
  }

  /** The nodes' lines about leases, the bus, the database and tasks from the outage on. */
  private static String outageLines(PayaraProcess a, PayaraProcess b, int[] from) {
    List<String> lines = new ArrayList<>();
    for (PayaraProcess node : List.of(a, b)) {
      String name = node == a ? "A" : "B";
      List<String> log = node.log;
      log.subList(node == a ? from[0] : from[1], log.size()).stream()
          .filter(line -> line.startsWith("INFO: ") || line.startsWith("WARNING: "))
          .filter(line -> !line.contains("poolmgr.") && !line.contains("jdbc.exc_get_conn"))
          .map(line -> "    " + name + ": " + (line.length() > 240 ? line.substring(0, 240) : line))
          .forEach(lines::add);
    }
    return String.join("\n", lines);
  }

  /** Each node's whole console, in target/cluster-outage/, for a look after the test. */
  private static void keepConsoles(PayaraProcess a, PayaraProcess b) throws IOException {
    Path directory = Files.createDirectories(Path.of("target/cluster-outage"));
    Files.write(directory.resolve("node-a-" + BUS + ".log"), a.log);
    Files.write(directory.resolve("node-b-" + BUS + ".log"), b.log);
  }

  private static List<Long> seqs(List<Received> events) {
    return events.stream()
        .filter(event -> event.name().equals("progress"))
        .map(event -> event.data().getJsonNumber("seq").longValue())
        .toList();
  }

  private static boolean noneLogged(PayaraProcess one, PayaraProcess other, String text) {
    return !logged(one, text) && !logged(other, text);
  }

  private static boolean logged(PayaraProcess server, String text) {
    return server.log.stream().anyMatch(line -> line.contains(text));
  }

  private static boolean listens(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String uptime() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "?";
    }
  }
}
