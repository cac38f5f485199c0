package io.streamingcoordinator.bench;

import io.streamingcoordinator.bench.stock.StockApplication;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Runs the five scenarios against the product ("ours"), a stock JAX-RS {@code SseBroadcaster}
 * ("stock", a WAR built here and deployed on the same Payara Micro) and a raw NIO server ("raw"),
 * each in its own JVM, from this JVM as the load generator, then S7 on two nodes of ours in one
 * cluster once per cluster bus; prints a table and writes {@code results.json}, {@code table.md}
 * and {@code chart.svg}.
 *
 * <p>Usage: {@code Benchmark [--smoke] [--out DIR] [--scenarios S1,S2,...,S7] [--targets
 * ours,stock,raw] [--buses none,postgres,nats] [--s7-clients N] [--s7-seconds N]}
 */
public final class Benchmark {

  static final List<String> SCENARIOS = List.of("S1", "S2", "S3", "S4", "S5");
  static final List<String> TARGETS = List.of("ours", "stock", "raw");

  /** Scenarios of ours only, on two nodes of a cluster: figures by bus instead of target. */
  static final List<String> CLUSTER_SCENARIOS = List.of("S7");

  /** S7's unmeasured run on the fresh nodes before the measured one, at most this long. */
  static final int S7_WARM_UP_SECONDS = 10;

  /** The values of {@code streaming.cluster.bus} S7 runs with. */
  static final List<String> BUSES = List.of("none", "postgres", "nats");

  private static final String SERVER_HEAP = "2g";
  private static final int DEFAULT_QUEUE = 100;
  private static final int HEARTBEAT_SECONDS = 15;

  /**
   * Sizes of one run: the full sizes, or a smoke run of seconds. {@code oneServer}: every
   * scenario on one fresh server per target instead of three (see {@link #boots}).
   */
  record Sizes(
      String name,
      int s1Clients,
      int s1Events,
      int s2Clients,
      int s2Seconds,
      int s3Stalled,
      int s3Events,
      int s3DelayMs,
      int s4Connections,
      int s4Seconds,
      int s5Tasks,
      int s5Concurrency,
      int s7Clients,
      int s7Seconds,
      Duration patience,
      boolean oneServer) {

    static Sizes full() {
      return new Sizes(
          "full",
          1000,
          1000,
          1000,
          60,
          1000,
          10_000,
          5,
          10_000,
          60,
          2000,
          32,
          1000,
          60,
          Duration.ofMinutes(3),
          false);
    }

    /** These sizes with S7's clients and seconds changed (0: as they are). */
    Sizes withS7(int clients, int seconds) {
      return new Sizes(
          name,
          s1Clients,
          s1Events,
          s2Clients,
          s2Seconds,
          s3Stalled,
          s3Events,
          s3DelayMs,
          s4Connections,
          s4Seconds,
          s5Tasks,
          s5Concurrency,
          clients > 0 ? clients : s7Clients,
          seconds > 0 ? seconds : s7Seconds,
          patience,
          oneServer);
    }

    /**
     * Seconds of each scenario, all on one server per target: a smoke run proves that every
     * scenario runs and reports, its figures measure nothing, and each Payara Micro boot spared
     * saves ~20 s.
     */
    static Sizes smoke() {
      return new Sizes(
          "smoke", 10, 50, 10, 2, 10, 200, 5, 50, 2, 20, 4, 4, 2, Duration.ofSeconds(60), true);
    }
  }

  /** Figures by scenario, then target, then figure name. */
  static final class Results {
    final String sizes; // what Sizes.toString() gives
    final String sizesName;
    Instant started; // when read back from results.json
    final Map<String, Map<String, Map<String, Double>>> figures = new LinkedHashMap<>();
    final Map<String, String> errors = new LinkedHashMap<>();

    Results(Sizes sizes) {
      this(sizes.toString(), sizes.name());
    }

    Results(String sizes, String sizesName) {
      this.sizes = sizes;
      this.sizesName = sizesName;
    }

    /** Reads what {@link Report#json()} wrote. */
    static Results read(Path json) throws IOException {
      try (var reader = Json.createReader(Files.newBufferedReader(json))) {
        JsonObject root = reader.readObject();
        String sizes = root.getString("sizes");
        var name = Pattern.compile("name=(\\w+)").matcher(sizes);
        Results results = new Results(sizes, name.find() ? name.group(1) : "?");
        results.started = Instant.parse(root.getString("started"));
        root.getJsonObject("figures")
            .forEach(
                (scenario, targets) ->
                    targets
                        .asJsonObject()
                        .forEach(
                            (target, values) -> {
                              Map<String, Double> figures = new LinkedHashMap<>();
                              values
                                  .asJsonObject()
                                  .forEach(
                                      (figure, value) ->
                                          figures.put(
                                              figure,
                                              value instanceof JsonNumber number
                                                  ? number.doubleValue()
                                                  : Double.NaN));
                              results.put(scenario, target, figures);
                            }));
        root.getJsonObject("errors")
            .forEach((key, value) -> results.errors.put(key, value.toString()));
        return results;
      }
    }

    void put(String scenario, String target, Map<String, Double> values) {
      figures.computeIfAbsent(scenario, s -> new LinkedHashMap<>()).put(target, values);
    }

    Double get(String scenario, String target, String figure) {
      return figures.getOrDefault(scenario, Map.of()).getOrDefault(target, Map.of()).get(figure);
    }
  }

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    Sizes sizes = Sizes.full();
    Path out = Path.of("target", "bench");
    Set<String> scenarios = new LinkedHashSet<>(SCENARIOS);
    scenarios.addAll(CLUSTER_SCENARIOS);
    Set<String> targets = new LinkedHashSet<>(TARGETS);
    List<String> buses = BUSES;
    int s7Clients = 0;
    int s7Seconds = 0;
    // Maven passes -Dbench.args as one argument: split it into words
    args = String.join(" ", args).trim().split("\\s+");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "" -> {}
        case "--smoke" -> sizes = Sizes.smoke();
        case "--report" -> {
          // draw the table and chart again from a run's results.json (in the --out directory)
          Path dir = i + 1 < args.length ? Path.of(args[++i]) : out;
          Results results = Results.read(dir.resolve("results.json"));
          Report report = new Report(results, results.started, results.started);
          Files.writeString(dir.resolve("table.md"), report.table());
          Files.writeString(dir.resolve("chart.svg"), report.svg());
          System.out.println(report.table());
          return;
        }
        case "--out" -> out = Path.of(args[++i]);
        case "--scenarios" -> scenarios = new LinkedHashSet<>(List.of(args[++i].split(",")));
        case "--targets" -> targets = new LinkedHashSet<>(List.of(args[++i].split(",")));
        case "--buses" -> buses = List.of(args[++i].split(","));
        case "--s7-clients" -> s7Clients = Integer.parseInt(args[++i]);
        case "--s7-seconds" -> s7Seconds = Integer.parseInt(args[++i]);
        default -> usage();
      }
    }
    if (!BUSES.containsAll(buses)) {
      usage();
    }
    sizes = sizes.withS7(s7Clients, s7Seconds);
    Results results = run(sizes, out, scenarios, targets, buses);
    System.exit(results.errors.isEmpty() ? 0 : 1);
  }

  private static void usage() {
    System.err.println(
        "usage: Benchmark [--smoke] [--out DIR] [--scenarios S1,..,S7] [--targets ours,..]"
            + " [--buses none,postgres,nats] [--s7-clients N] [--s7-seconds N] | --report [DIR]");
    System.exit(2);
  }

  /** As below, S7 (if chosen) on every bus. */
  static Results run(Sizes sizes, Path out, Set<String> scenarios, Set<String> targets)
      throws Exception {
    return run(sizes, out, scenarios, targets, BUSES);
  }

  /**
   * Runs the chosen scenarios on the chosen targets, then S7 (with ours among the targets) once per
   * bus, and writes the report into {@code out}.
   */
  static Results run(
      Sizes sizes, Path out, Set<String> scenarios, Set<String> targets, List<String> buses)
      throws Exception {
    Files.createDirectories(out);
    Path payara = Path.of(System.getProperty("payara.microJar", "target/payara-micro.jar"));
    Path war = Path.of(System.getProperty("bench.war", "target/streaming-coordinator.war"));
    Path stockWar = stockWar(out);
    Results results = new Results(sizes);
    Instant started = Instant.now();
    System.out.printf(
        "Benchmark (%s sizes) on %d cores, load generator pid %d%n",
        sizes.name(), Runtime.getRuntime().availableProcessors(), ProcessHandle.current().pid());
    // Payara closes an idle keep-alive connection after 30 s; the JDK client keeps one for 20
    // minutes and, reusing one the server is closing, saw "header parser received no bytes" (stock,
    // S5 after S4). Retire them first.
    if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
      System.setProperty("jdk.httpclient.keepalive.timeout", "10");
    }
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(8))
            .build();
    try (SseClients clients = new SseClients(2)) {
      for (String target : targets) {
        for (Boot boot : boots(target, sizes, scenarios)) {
          ServerProcess server =
              switch (target) {
                case "ours" ->
                    ServerProcess.payara(
                        "ours-" + boot.label,
                        payara,
                        war,
                        SERVER_HEAP,
                        boot.ourProperties(),
                        List.of(
                            "--prebootcommandfile",
                            "server-config/payara/pre-boot-commands.asadmin",
                            "--postbootcommandfile",
                            "server-config/payara/post-boot-commands.asadmin"),
                        out);
                case "stock" ->
                    ServerProcess.payara(
                        "stock-" + boot.label,
                        payara,
                        stockWar,
                        SERVER_HEAP,
                        List.of(),
                        List.of(),
                        out);
                case "raw" -> ServerProcess.raw(SERVER_HEAP, boot.queue, HEARTBEAT_SECONDS, out);
                default -> throw new IllegalArgumentException("no target " + target);
              };
          try (server) {
            server.awaitReady(http, Duration.ofMinutes(3));
            System.out.printf("%s ready: %s%n", target, server);
            Scenarios run = new Scenarios(server, http, clients, sizes.patience());
            for (String scenario : boot.scenarios) {
              long t0 = System.nanoTime();
              try {
                Map<String, Double> figures = run(run, scenario, sizes);
                results.put(scenario, target, figures);
                System.out.printf(
                    "  %s %s: %s (%.1f s)%n",
                    scenario, target, figures, (System.nanoTime() - t0) / 1e9);
              } catch (Exception e) {
                results.errors.put(scenario + "/" + target, e.toString());
                System.out.printf("  %s %s FAILED: %s%n", scenario, target, e);
              }
            }
          }
        }
      }
      if (scenarios.contains("S7")) {
        if (!targets.contains("ours")) {
          System.out.println("S7 runs on ours only: not run (ours is not among the targets)");
        }
        for (String bus : targets.contains("ours") ? buses : List.<String>of()) {
          clusterFanOut(bus, sizes, out, payara, war, http, clients, results);
        }
      }
    } finally {
      ((ExecutorService) http.executor().orElseThrow()).shutdownNow();
    }
    Report report = new Report(results, started, Instant.now());
    String table = report.table();
    System.out.println();
    System.out.println(table);
    Files.writeString(out.resolve("table.md"), table);
    Files.writeString(out.resolve("results.json"), report.json());
    Files.writeString(out.resolve("chart.svg"), report.svg());
    System.out.println("Written: " + out.toAbsolutePath() + "/{results.json,table.md,chart.svg}");
    return results;
  }

  /**
   * S7 on one bus: two fresh nodes of ours on a fresh PostgreSQL database (dropped after), with the
   * default queue and ours' connection caps. A client that missed, repeated or reordered an item,
   * or did not get the final event, fails the scenario (a product bug), its figures kept.
   */
  private static void clusterFanOut(
      String bus,
      Sizes sizes,
      Path out,
      Path payara,
      Path war,
      HttpClient http,
      SseClients clients,
      Results results) {
    String key = "S7/" + bus;
    long t0 = System.nanoTime();
    try {
      if (!ClusterNodes.postgresListens()) {
        throw new IllegalStateException("no PostgreSQL on 127.0.0.1:5432");
      }
      if (bus.equals("nats") && !ClusterNodes.natsListens()) {
        throw new IllegalStateException("no NATS at " + ClusterNodes.NATS_URL);
      }
      double loadBefore = loadAverage();
      try (ClusterNodes cluster =
          ClusterNodes.start(
              bus,
              payara,
              war,
              SERVER_HEAP,
              new Boot("s7", DEFAULT_QUEUE, List.of("S7")).ourProperties(),
              out,
              http,
              Duration.ofMinutes(3))) {
        System.out.printf(
            "S7 bus %s: nodes ready: A %s, B %s, database %s%n",
            bus, cluster.a, cluster.b, cluster.database);
        List<String> said = cluster.clusterLines();
        if (said.isEmpty()) {
          System.out.println("  (the nodes' logs name no cluster bus)");
        }
        said.stream().limit(12).forEach(line -> System.out.println("  log " + line));
        Scenarios run = new Scenarios(cluster.a, http, clients, sizes.patience());
        // fresh nodes: the first seconds of a run are the JIT's (S2's server has run S1 before)
        int warmUp = Math.max(1, Math.min(S7_WARM_UP_SECONDS, sizes.s7Seconds() / 6));
        Map<String, Double> warm = run.clusterFanOut(cluster.b, sizes.s7Clients(), warmUp);
        System.out.printf(
            "  S7 %s warm-up (%d s, not in the table): A p99 %.1f ms, B p99 %.1f ms%n",
            bus, warmUp, warm.get("a_p99_ms"), warm.get("b_p99_ms"));
        reportWrongItems(key + " warm-up", warm, results);
        Map<String, Double> figures =
            run.clusterFanOut(cluster.b, sizes.s7Clients(), sizes.s7Seconds());
        figures.put("load_before", loadBefore);
        figures.put("load_after", loadAverage());
        results.put("S7", bus, figures);
        System.out.printf("  S7 %s: %s (%.1f s)%n", bus, figures, (System.nanoTime() - t0) / 1e9);
        reportWrongItems(key, figures, results);
      }
    } catch (Exception e) {
      results.errors.put(key, e.toString());
      System.out.printf("  S7 %s FAILED: %s%n", bus, e);
    }
  }

  /** A client of S7 that missed, repeated or reordered items, or got no final event: an error. */
  private static void reportWrongItems(String key, Map<String, Double> figures, Results results) {
    double wrong =
        figures.get("duplicates")
            + figures.get("missing")
            + figures.get("out_of_order")
            + figures.get("a_unfinished")
            + figures.get("b_unfinished");
    if (wrong > 0) {
      results.errors.put(
          key,
          "%.0f missing, %.0f duplicate, %.0f out-of-order items; %.0f + %.0f clients without the final event (A + B)"
              .formatted(
                  figures.get("missing"),
                  figures.get("duplicates"),
                  figures.get("out_of_order"),
                  figures.get("a_unfinished"),
                  figures.get("b_unfinished")));
    }
  }

  /** The machine's load average over the last minute (as {@code uptime} shows it). */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static Map<String, Double> run(Scenarios run, String scenario, Sizes sizes)
      throws Exception {
    return switch (scenario) {
      case "S1" -> run.fanOut(sizes.s1Clients(), sizes.s1Events());
      case "S2" -> run.latency(sizes.s2Clients(), sizes.s2Seconds());
      case "S3" -> run.stalledClients(sizes.s3Stalled(), sizes.s3Events(), sizes.s3DelayMs());
      case "S4" -> run.idleConnections(sizes.s4Connections(), sizes.s4Seconds());
      case "S5" -> run.shortTasks(sizes.s5Tasks(), sizes.s5Concurrency());
      default -> throw new IllegalArgumentException("no scenario " + scenario);
    };
  }

  /** One server start: which scenarios run on it and with which queue capacity. */
  record Boot(String label, int queue, List<String> scenarios) {

    List<String> ourProperties() {
      List<String> properties = new ArrayList<>();
      properties.add("-Dstreaming.queue.capacity=" + queue);
      for (String cap : List.of("max", "max-per-task", "max-per-address")) {
        properties.add("-Dstreaming.connections." + cap + "=20000");
      }
      return properties;
    }
  }

  /**
   * Three fresh servers per target. S1 publishes its whole burst unpaced, faster than any client
   * reads: its servers keep the burst queued per client (Jersey's queues are unbounded), so ours
   * and raw run it with a queue capacity of the burst size. S3 gets a server of its own: its
   * "before" heap must not hold what earlier scenarios left, and the stock server does not survive
   * it (its heap fills up). Everything else runs with the product's default queue (100).
   *
   * <p>With {@link Sizes#oneServer} (the smoke run) every scenario runs on one server per target,
   * S3 first as on its own server, then the others in order; the queue is the default one unless
   * S1's burst needs more.
   */
  private static List<Boot> boots(String target, Sizes sizes, Set<String> scenarios) {
    List<Boot> boots = new ArrayList<>();
    if (sizes.oneServer()) {
      List<String> order = new ArrayList<>();
      if (scenarios.contains("S3")) {
        order.add("S3");
      }
      scenarios.stream()
          .filter(s -> !s.equals("S3") && !CLUSTER_SCENARIOS.contains(s))
          .forEach(order::add);
      int queue =
          target.equals("stock") || !scenarios.contains("S1")
              ? DEFAULT_QUEUE
              : Math.max(DEFAULT_QUEUE, sizes.s1Events() + 16);
      if (!order.isEmpty()) { // S7 alone boots nothing here: its nodes are its own
        boots.add(new Boot("all", queue, order));
      }
      return boots;
    }
    if (scenarios.contains("S1")) {
      int queue = target.equals("stock") ? DEFAULT_QUEUE : sizes.s1Events() + 16;
      boots.add(new Boot("s1", queue, List.of("S1")));
    }
    List<String> rest =
        scenarios.stream()
            .filter(s -> !s.equals("S1") && !s.equals("S3") && !CLUSTER_SCENARIOS.contains(s))
            .toList();
    if (!rest.isEmpty()) {
      boots.add(new Boot("default", DEFAULT_QUEUE, rest));
    }
    if (scenarios.contains("S3")) {
      boots.add(new Boot("s3", DEFAULT_QUEUE, List.of("S3")));
    }
    return boots;
  }

  /** The stock baseline's WAR, built from this classpath; never part of the product. */
  private static Path stockWar(Path out) throws IOException {
    Path war = out.resolve("stock.war");
    ShrinkWrap.create(WebArchive.class, "stock.war")
        .addPackage(StockApplication.class.getPackage())
        .addAsResource("bench/stock-persistence.xml", "META-INF/persistence.xml")
        .as(ZipExporter.class)
        .exportTo(war.toFile(), true);
    return war;
  }
}
