package io.streamingcoordinator.bench;

import io.streamingcoordinator.bench.SseClients.Client;
import io.streamingcoordinator.bench.SseClients.Latencies;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The scenarios, run the same way against any server that answers the product's SpamTask URLs
 * ({@code POST /tasks/tests/SpamTask}, {@code PATCH .../{id}}, {@code GET
 * /stream/tests/SpamTask/{id}}); S7 needs two nodes of ours in one cluster. Each returns its
 * figures by name.
 */
final class Scenarios {

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
  private static final int LOOPBACK_ADDRESSES = 4;
  private static final int MAX_PENDING_CONNECTS = 500;
  // S7: every stream open reads the task from PostgreSQL through a pool that waits 1 s at most
  private static final int CLUSTER_PENDING_CONNECTS = 100;
  private static final int CLUSTER_RETRIES = 5;
  private static final Duration SHORT_TASK_WAIT = Duration.ofSeconds(60);

  private final ServerProcess server;
  private final HttpClient http;
  private final SseClients clients;
  private final Duration patience;

  Scenarios(ServerProcess server, HttpClient http, SseClients clients, Duration patience) {
    this.server = server;
    this.http = http;
    this.clients = clients;
    this.patience = patience;
  }

  /** S1: one task, {@code clients} readers, {@code events} of 100 B published unpaced. */
  Map<String, Double> fanOut(int clientCount, int events) throws Exception {
    long id =
        createSpam("{\"count\":%d,\"size\":100,\"delayMs\":0,\"hold\":true}".formatted(events));
    List<Client> readers = openAll(id, clientCount, true, false);
    await("S1 clients connected", () -> readers.stream().allMatch(Client::connected));
    long start = System.nanoTime();
    release(id);
    await("S1 clients done", () -> readers.stream().allMatch(Client::done));
    long last = readers.stream().mapToLong(c -> c.lastEventAtNanos).max().orElse(start);
    long delivered = readers.stream().mapToLong(c -> c.progress).sum();
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("delivered_per_s", delivered / seconds(last - start));
    figures.put("complete_pct", 100.0 * delivered / ((double) clientCount * events));
    figures.put("clients_cut", (double) readers.stream().filter(c -> !c.complete).count());
    figures.put("seconds", seconds(last - start));
    closeAll(readers);
    return figures;
  }

  /** S2: {@code clients} readers of one task publishing 100 events/s for {@code seconds}. */
  Map<String, Double> latency(int clientCount, int durationSeconds) throws Exception {
    int events = 100 * durationSeconds;
    long id =
        createSpam("{\"count\":%d,\"size\":100,\"delayMs\":10,\"hold\":true}".formatted(events));
    List<Client> readers = openAll(id, clientCount, true, true);
    await("S2 clients connected", () -> readers.stream().allMatch(Client::connected));
    clients.drainLatencies();
    long start = System.nanoTime();
    release(id);
    await("S2 clients done", () -> readers.stream().allMatch(Client::done));
    long last = readers.stream().mapToLong(c -> c.lastEventAtNanos).max().orElse(start);
    long[] micros = clients.drainLatencies();
    Arrays.sort(micros);
    long delivered = readers.stream().mapToLong(c -> c.progress).sum();
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("p50_ms", percentile(micros, 50) / 1000.0);
    figures.put("p99_ms", percentile(micros, 99) / 1000.0);
    figures.put("max_ms", micros.length == 0 ? Double.NaN : micros[micros.length - 1] / 1000.0);
    figures.put("complete_pct", 100.0 * delivered / ((double) clientCount * events));
    // latency counts from the emit: a publisher slowed down by its clients shows here instead
    figures.put("events_per_s", events / seconds(last - start));
    closeAll(readers);
    return figures;
  }

  /**
   * S7: one task on this server (the owner, node A) publishing 100 events/s × 100 B for {@code
   * seconds}, as S2's; half of {@code clients} read it here and half on {@code other} (node B of
   * the same cluster, which gets the events from the owner over the cluster's bus or event log).
   * Latency as in S2 (receive time − {@code sent_at_us}, one clock), per node; every client must
   * get every item once and in order. Streams are opened at most {@value #CLUSTER_PENDING_CONNECTS}
   * at a time per node, and one refused with 503 (a node's database pool busy) is opened again,
   * before the release; the refusals are counted.
   */
  Map<String, Double> clusterFanOut(ServerProcess other, int clientCount, int durationSeconds)
      throws Exception {
    int events = 100 * durationSeconds;
    long id =
        createSpam("{\"count\":%d,\"size\":100,\"delayMs\":10,\"hold\":true}".formatted(events));
    Latencies onA = new Latencies();
    Latencies onB = new Latencies();
    int half = clientCount / 2;
    AtomicInteger refusedOnA = new AtomicInteger();
    AtomicInteger refusedOnB = new AtomicInteger();
    List<Client> owners = openChecked("A", server.address(), id, half, onA, refusedOnA);
    List<Client> others =
        openChecked("B", other.address(), id, clientCount - half, onB, refusedOnB);
    long start = System.nanoTime();
    release(id);
    boolean ended =
        awaitQuietly(
            () -> owners.stream().allMatch(Client::done) && others.stream().allMatch(Client::done));
    long last =
        Stream.concat(owners.stream(), others.stream())
            .mapToLong(c -> c.lastEventAtNanos)
            .max()
            .orElse(start);
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("events", (double) events);
    figures.put("events_per_s", events / seconds(last - start));
    long[] a = onA.sorted();
    long[] b = onB.sorted();
    nodeFigures(figures, "a", a, owners, events);
    nodeFigures(figures, "b", b, others, events);
    figures.put("a_refused", (double) refusedOnA.get());
    figures.put("b_refused", (double) refusedOnB.get());
    figures.put("extra_p50_ms", (percentile(b, 50) - percentile(a, 50)) / 1000.0);
    figures.put("extra_p99_ms", (percentile(b, 99) - percentile(a, 99)) / 1000.0);
    figures.put("duplicates", figures.get("a_duplicates") + figures.get("b_duplicates"));
    figures.put("missing", figures.get("a_missing") + figures.get("b_missing"));
    figures.put("out_of_order", figures.get("a_out_of_order") + figures.get("b_out_of_order"));
    printFaults("A (owner)", owners, events);
    printFaults("B", others, events);
    closeAll(owners);
    closeAll(others);
    if (!ended) {
      System.out.println("  S7: not every client got the final event within " + patience);
    }
    return figures;
  }

  /** One node's figures in S7: latency, and what its clients got of the {@code events} items. */
  private static void nodeFigures(
      Map<String, Double> figures, String node, long[] micros, List<Client> readers, int events) {
    figures.put(node + "_clients", (double) readers.size());
    figures.put(node + "_p50_ms", percentile(micros, 50) / 1000.0);
    figures.put(node + "_p99_ms", percentile(micros, 99) / 1000.0);
    figures.put(
        node + "_max_ms", micros.length == 0 ? Double.NaN : micros[micros.length - 1] / 1000.0);
    long min = Long.MAX_VALUE;
    long max = 0;
    long missing = 0;
    for (Client client : readers) {
      int got = client.seqs().cardinality();
      min = Math.min(min, got);
      max = Math.max(max, got);
      missing += events - got;
    }
    figures.put(node + "_received_min", (double) (readers.isEmpty() ? 0 : min));
    figures.put(node + "_received_max", (double) max);
    figures.put(node + "_missing", (double) missing);
    figures.put(node + "_duplicates", (double) readers.stream().mapToLong(c -> c.duplicates).sum());
    figures.put(
        node + "_out_of_order", (double) readers.stream().mapToLong(c -> c.outOfOrder).sum());
    figures.put(node + "_unfinished", (double) readers.stream().filter(c -> !c.complete).count());
  }

  /**
   * Names the clients that missed, repeated or reordered items or did not finish (the first 10).
   */
  private static void printFaults(String node, List<Client> readers, int events) {
    int shown = 0;
    int faulty = 0;
    for (int i = 0; i < readers.size(); i++) {
      Client client = readers.get(i);
      BitSet got = client.seqs();
      int missing = events - got.cardinality();
      if (missing == 0 && client.duplicates == 0 && client.outOfOrder == 0 && client.complete) {
        continue;
      }
      faulty++;
      if (shown++ < 10) {
        System.out.printf(
            "  S7 client %d on %s: %d of %d items (missing %s), %d again, %d out of order, %s%n",
            i,
            node,
            got.cardinality(),
            events,
            ranges(got, events),
            client.duplicates,
            client.outOfOrder,
            client.complete
                ? "ended with complete"
                : "no final event" + (client.failure == null ? "" : " (" + client.failure + ")"));
      }
    }
    if (faulty > 0) {
      System.out.printf(
          "  S7: %d of %d clients on %s got a wrong stream%n", faulty, readers.size(), node);
    }
  }

  /** The items 1..events not in {@code got}, as ranges ("1-4, 9"), at most 10 of them. */
  private static String ranges(BitSet got, int events) {
    StringBuilder text = new StringBuilder();
    int listed = 0;
    for (int from = got.nextClearBit(1); from <= events; from = got.nextClearBit(from)) {
      int to = Math.min(events + 1, got.nextSetBit(from) < 0 ? events + 1 : got.nextSetBit(from));
      if (listed++ == 10) {
        return text.append(", ...").toString();
      }
      text.append(text.length() == 0 ? "" : ", ").append(from);
      if (to - 1 > from) {
        text.append('-').append(to - 1);
      }
      from = to;
    }
    return text.length() == 0 ? "none" : text.toString();
  }

  /**
   * S3: one reader and {@code stalled} clients that never read, {@code events} of 1 KB, one every
   * {@code delayMs}.
   */
  Map<String, Double> stalledClients(int stalled, int events, int delayMs) throws Exception {
    long heapBefore = server.heapAfterGc();
    long rssBefore = server.rss();
    long filesBefore = server.openFiles();
    long id =
        createSpam(
            "{\"count\":%d,\"size\":1024,\"delayMs\":%d,\"hold\":true}".formatted(events, delayMs));
    List<Client> reader = openAll(id, 1, true, false);
    List<Client> sleepers = openAll(id, stalled, false, false);
    await("S3 reader connected", () -> reader.get(0).connected());
    await("S3 stalled clients connected", () -> sleepers.stream().allMatch(c -> c.requested));
    await("S3 stalled clients accepted", () -> server.openFiles() >= filesBefore + stalled);
    release(id);
    // the publishing takes events x delayMs; a reader held up 30 s longer has not kept up: its
    // share of the events is the figure
    Duration publishing = Duration.ofMillis((long) events * delayMs).plusSeconds(30);
    boolean finished = awaitQuietly(() -> reader.get(0).done(), publishing);
    long rssAfter = server.rss();
    double heapAfter;
    try {
      heapAfter = server.heapAfterGc();
    } catch (IllegalStateException sick) {
      System.out.println("  S3: no heap figure: " + sick.getMessage());
      heapAfter = Double.NaN; // reported as n/a; the RSS growth still tells
    }
    long held = server.openFiles() - filesBefore - (reader.get(0).closed ? 0 : 1);
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("heap_before_mb", heapBefore / 1e6);
    figures.put("heap_after_mb", heapAfter / 1e6);
    figures.put("heap_growth_mb", (heapAfter - heapBefore) / 1e6);
    figures.put("rss_growth_mb", (rssAfter - rssBefore) / 1e6);
    figures.put("reader_complete_pct", 100.0 * reader.get(0).progress / events);
    figures.put("reader_finished", finished ? 1.0 : 0.0);
    figures.put("stalled_still_open", (double) Math.max(0, held));
    closeAll(reader);
    closeAll(sleepers);
    figures.put("server_answers_after", answers() ? 1.0 : 0.0);
    return figures;
  }

  /** S4: {@code connections} idle streams held for {@code holdSeconds}, heartbeats only. */
  Map<String, Double> idleConnections(int connections, int holdSeconds) throws Exception {
    long heapBefore = server.heapAfterGc();
    long rssBefore = server.rss();
    long id = createSpam("{\"count\":1,\"size\":100,\"hold\":true}");
    long start = System.nanoTime();
    List<Client> idle = openAll(id, connections, true, false);
    await("S4 connections open", () -> idle.stream().allMatch(Client::connected));
    long opened = System.nanoTime();
    long failed = idle.stream().filter(c -> c.status != 200).count();
    long cpuBefore = server.cpuNanos();
    long holdStart = System.nanoTime();
    TimeUnit.SECONDS.sleep(holdSeconds); // holding idle connections is the scenario
    long cpu = server.cpuNanos() - cpuBefore;
    long held = System.nanoTime() - holdStart;
    long stillOpen = idle.stream().filter(c -> !c.closed).count();
    long heapAfter = server.heapAfterGc();
    long rssAfter = server.rss();
    double heartbeats = idle.stream().mapToLong(c -> c.heartbeats).average().orElse(0);
    release(id);
    await("S4 streams ended", () -> idle.stream().allMatch(Client::done));
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("open_seconds", seconds(opened - start));
    figures.put("refused", (double) failed);
    figures.put("still_open", (double) stillOpen);
    figures.put("heap_per_conn_kb", (heapAfter - heapBefore) / 1024.0 / connections);
    figures.put("rss_per_conn_kb", (rssAfter - rssBefore) / 1024.0 / connections);
    figures.put("idle_cpu_pct", 100.0 * cpu / held);
    figures.put("heartbeats_per_conn", heartbeats);
    closeAll(idle);
    return figures;
  }

  /** S5: {@code tasks} short tasks, each created over HTTP and streamed by one client. */
  Map<String, Double> shortTasks(int tasks, int concurrency) throws Exception {
    ExecutorService workers =
        Executors.newFixedThreadPool(
            concurrency,
            runnable -> {
              Thread thread = new Thread(runnable, "short-task-client");
              thread.setDaemon(true);
              return thread;
            });
    AtomicInteger completed = new AtomicInteger();
    AtomicLong lastCompleted = new AtomicLong();
    AtomicInteger failed = new AtomicInteger();
    List<String> failures = new ArrayList<>();
    // each task not done yet, and how far its client got
    Map<Long, String> open = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        futures.add(
            workers.submit(
                () -> {
                  try {
                    if (runShortTask(open)) {
                      completed.incrementAndGet();
                      lastCompleted.accumulateAndGet(System.nanoTime(), Math::max);
                    } else {
                      failed.incrementAndGet();
                    }
                  } catch (Exception e) {
                    failed.incrementAndGet();
                    synchronized (failures) {
                      failures.add(e.toString());
                    }
                  }
                  return null;
                }));
      }
      // a short task that has not ended its stream after a minute will not
      long deadline = System.nanoTime() + Math.min(patience.toNanos(), SHORT_TASK_WAIT.toNanos());
      for (Future<?> future : futures) {
        try {
          future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          break; // what has not finished by now is counted below
        }
      }
    } finally {
      workers.shutdownNow();
    }
    // the rate of those that completed, over the time they took (a stuck one is counted apart)
    long elapsed = Math.max(lastCompleted.get(), start) - start;
    if (!open.isEmpty()) {
      Path dump = server.dumpThreads("stuck");
      System.out.println(
          "  S5 tasks whose stream did not end within "
              + SHORT_TASK_WAIT
              + " (id: how far the client got | the server's view): the server's threads in "
              + dump);
      for (Map.Entry<Long, String> task : new TreeMap<>(open).entrySet()) {
        System.out.println(
            "    " + task.getKey() + ": " + task.getValue() + " | " + state(task.getKey()));
      }
    }
    if (!failures.isEmpty()) {
      System.out.println("  S5 failures (first): " + failures.get(0));
    }
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("tasks_per_s", completed.get() / seconds(elapsed));
    figures.put("completed", (double) completed.get());
    figures.put("failed", (double) failed.get());
    figures.put("unfinished", (double) open.size());
    return figures;
  }

  /** Creates a task that starts when its stream opens and reads its five events. */
  private boolean runShortTask(Map<Long, String> open) throws IOException, InterruptedException {
    long id = post("/tasks/tests/SpamTask?start=false", "{\"count\":4,\"size\":100,\"delayMs\":0}");
    open.put(id, "stream requested");
    HttpResponse<java.io.InputStream> response =
        http.send(
            BenchIdentity.request(server.uri("/stream/tests/SpamTask/" + id))
                .header("Accept", "text/event-stream")
                .timeout(SHORT_TASK_WAIT)
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    open.put(id, "answered " + response.statusCode() + ", no event yet");
    int events = 0;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      if (response.statusCode() != 200) {
        return false;
      }
      for (String line; (line = lines.readLine()) != null; ) {
        if (line.startsWith("event:")) {
          events++;
          open.put(id, "answered " + response.statusCode() + ", " + events + " event(s)");
          if (line.contains("complete")) {
            break;
          }
        }
      }
    }
    open.remove(id);
    return events == 5;
  }

  /** The task's status and latest event as the server reports them now, for a diagnosis. */
  private String state(long id) {
    try {
      return shorten(
          http.send(
                  BenchIdentity.request(server.uri("/tasks/tests/SpamTask/" + id))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body());
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e.toString();
    }
  }

  /** Whether the server answers {@code GET /tasks} with 200 within 30 s. */
  private boolean answers() throws InterruptedException {
    try {
      return http.send(
                  BenchIdentity.request(server.uri("/tasks"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private long createSpam(String json) throws IOException, InterruptedException {
    return post("/tasks/tests/SpamTask", json);
  }

  private long post(String path, String json) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            BenchIdentity.request(server.uri(path))
                .header("Content-Type", "application/json")
                .timeout(patience)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = ID.matcher(response.body());
    if (response.statusCode() != 201 || !m.find()) {
      throw new IllegalStateException(
          "POST " + path + " -> " + response.statusCode() + " " + shorten(response.body()));
    }
    return Long.parseLong(m.group(1));
  }

  private void release(long id) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            BenchIdentity.request(server.uri("/tasks/tests/SpamTask/" + id))
                .header("Content-Type", "application/json")
                .timeout(patience)
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"hold\":false}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "PATCH -> " + response.statusCode() + " " + shorten(response.body()));
    }
  }

  /** Opens {@code n} streams, at most {@link #MAX_PENDING_CONNECTS} waiting for headers at once. */
  private List<Client> openAll(long id, int n, boolean read, boolean latency) throws Exception {
    return openAll(
        n, read, local -> clients.open(server.address(), local, path(id), read, latency));
  }

  /**
   * S7's clients of one node: checked clients of {@code address} whose latencies go to {@code
   * latencies}, at most {@value #CLUSTER_PENDING_CONNECTS} waiting for headers at once; those
   * refused with 503 are opened again after a second (up to {@value #CLUSTER_RETRIES} rounds), each
   * refusal counted in {@code refused}. Returns once all have their answer.
   */
  private List<Client> openChecked(
      String node,
      InetSocketAddress address,
      long id,
      int n,
      Latencies latencies,
      AtomicInteger refused)
      throws Exception {
    Function<String, Client> open =
        local -> clients.openChecked(address, local, path(id), latencies);
    List<Client> opened = openAll(n, true, CLUSTER_PENDING_CONNECTS, open);
    await(
        "S7 clients on " + node + " connected", () -> opened.stream().allMatch(Client::connected));
    for (int round = 0; round < CLUSTER_RETRIES; round++) {
      List<Integer> again = new ArrayList<>();
      for (int i = 0; i < opened.size(); i++) {
        if (opened.get(i).status == 503) {
          again.add(i);
        }
      }
      if (again.isEmpty()) {
        break;
      }
      refused.addAndGet(again.size());
      TimeUnit.SECONDS.sleep(1); // sooner than its Retry-After (5 s): a pool busy for a moment
      for (int i : again) {
        opened.set(i, open.apply(local(i)));
      }
      await(
          "S7 clients on " + node + " connected again",
          () -> opened.stream().allMatch(Client::connected));
    }
    return opened;
  }

  private List<Client> openAll(int n, boolean read, Function<String, Client> open)
      throws Exception {
    return openAll(n, read, MAX_PENDING_CONNECTS, open);
  }

  private List<Client> openAll(int n, boolean read, int pending, Function<String, Client> open)
      throws Exception {
    List<Client> opened = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (i >= pending) {
        Client waitFor = opened.get(i - pending);
        await("connection " + (i - pending), () -> read ? waitFor.connected() : waitFor.requested);
      }
      opened.add(open.apply(local(i))); // the local address to connect from
    }
    return opened;
  }

  private static String local(int i) {
    return "127.0.0." + (1 + i % LOOPBACK_ADDRESSES);
  }

  private static String path(long id) {
    return "/stream/tests/SpamTask/" + id;
  }

  private void closeAll(List<Client> list) {
    list.forEach(Client::close);
  }

  private void await(String what, BooleanSupplier condition) throws InterruptedException {
    if (!awaitQuietly(condition)) {
      throw new IllegalStateException(what + ": not within " + patience);
    }
  }

  private boolean awaitQuietly(BooleanSupplier condition) throws InterruptedException {
    return awaitQuietly(condition, patience);
  }

  private boolean awaitQuietly(BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(20); // polling a benchmark's progress, not a test's timing
    }
    return true;
  }

  private static String shorten(String body) {
    return body.length() <= 300 ? body : body.substring(0, 300) + "...";
  }

  private static double seconds(long nanos) {
    return Math.max(nanos, 1) / 1e9;
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
