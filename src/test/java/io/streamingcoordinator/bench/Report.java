package io.streamingcoordinator.bench;

import io.streamingcoordinator.bench.Benchmark.Results;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** The benchmark's outputs: a Markdown table, the raw figures as JSON, and an SVG chart. */
final class Report {

  /** One line of the table: a figure of a scenario, and how ours is judged against its target. */
  private record Row(
      String scenario, String figure, String label, String target, Predicate<Results> met) {}

  private static final List<Row> ROWS =
      List.of(
          new Row(
              "S1",
              "delivered_per_s",
              "events delivered/s, all clients",
              "≥ 2× stock, ≥ 50% of raw",
              r ->
                  r.get("S1", "ours", "delivered_per_s")
                          >= 2 * r.get("S1", "stock", "delivered_per_s")
                      && r.get("S1", "ours", "delivered_per_s")
                          >= 0.5 * r.get("S1", "raw", "delivered_per_s")),
          new Row("S1", "complete_pct", "events received, % of published", "", null),
          new Row("S1", "seconds", "publish → last event, s", "", null),
          new Row("S2", "p50_ms", "latency p50, ms", "", null),
          new Row(
              "S2",
              "p99_ms",
              "latency p99, ms",
              "≤ 25 ms",
              r -> r.get("S2", "ours", "p99_ms") <= 25),
          new Row("S2", "max_ms", "latency max, ms", "", null),
          new Row("S2", "complete_pct", "events received, % of published", "", null),
          new Row("S2", "events_per_s", "events published/s (asked: 100)", "", null),
          new Row("S3", "heap_before_mb", "heap after GC before, MB", "", null),
          new Row(
              "S3",
              "heap_growth_mb",
              "heap growth after GC, MB",
              "≤ 50 MB",
              r -> r.get("S3", "ours", "heap_growth_mb") <= 50),
          new Row("S3", "rss_growth_mb", "RSS growth, MB", "", null),
          new Row(
              "S3",
              "reader_complete_pct",
              "reader got, % of events",
              "100%",
              r -> r.get("S3", "ours", "reader_complete_pct") >= 100),
          new Row("S3", "stalled_still_open", "stalled clients still connected", "", null),
          new Row("S3", "server_answers_after", "server still answers (1 = yes)", "", null),
          new Row(
              "S4",
              "heap_per_conn_kb",
              "heap per connection, KB",
              "≤ 20 KB",
              r -> r.get("S4", "ours", "heap_per_conn_kb") <= 20),
          new Row("S4", "rss_per_conn_kb", "RSS per connection, KB", "", null),
          new Row("S4", "open_seconds", "time to open all, s", "", null),
          new Row("S4", "idle_cpu_pct", "CPU while idle, % of one core", "", null),
          new Row("S4", "heartbeats_per_conn", "heartbeats received per connection", "", null),
          new Row("S4", "refused", "connections refused", "", null),
          new Row(
              "S5",
              "tasks_per_s",
              "tasks completed/s end to end",
              "≥ 500/s",
              r -> r.get("S5", "ours", "tasks_per_s") >= 500),
          new Row("S5", "failed", "tasks failed", "", null),
          new Row("S5", "unfinished", "tasks whose stream never ended", "", null));

  private final Results results;
  private final Instant started;
  private final Instant finished;

  Report(Results results, Instant started, Instant finished) {
    this.results = results;
    this.started = started;
    this.finished = finished;
  }

  String table() {
    StringBuilder t = new StringBuilder();
    if (ROWS.stream().anyMatch(row -> results.figures.containsKey(row.scenario()))) {
      t.append("| # | figure | ours | stock | raw | ours/stock | ours/raw | target | met |\n");
      t.append("|---|---|--:|--:|--:|--:|--:|---|---|\n");
    }
    for (Row row : ROWS) {
      if (!results.figures.containsKey(row.scenario())) {
        continue;
      }
      Double ours = results.get(row.scenario(), "ours", row.figure());
      Double stock = results.get(row.scenario(), "stock", row.figure());
      Double raw = results.get(row.scenario(), "raw", row.figure());
      String met = "";
      if (row.met() != null) {
        try {
          met = row.met().test(results) ? "yes" : "**no**";
        } catch (NullPointerException missing) {
          met = "n/a";
        }
      }
      t.append("| ")
          .append(row.scenario())
          .append(" | ")
          .append(row.label())
          .append(" | ")
          .append(number(ours))
          .append(" | ")
          .append(number(stock))
          .append(" | ")
          .append(number(raw))
          .append(" | ")
          .append(ratio(ours, stock))
          .append(" | ")
          .append(ratio(ours, raw))
          .append(" | ")
          .append(row.target())
          .append(" | ")
          .append(met)
          .append(" |\n");
    }
    clusterTable(t);
    results.errors.forEach(
        (k, v) ->
            t.append("\nFailed: ").append(k).append(": ").append(v.lines().findFirst().orElse("")));
    return t.toString();
  }

  /** The goal of S7: the non-owner's p99 at most this much above the owner's. */
  static final double EXTRA_P99_GOAL_MS = 10;

  /**
   * S7, one line per bus: latency on the owner (A) and the other node (B), the extra p99 on B
   * beside S2's single-node p99 of the same run, and what each client got of the task's items.
   */
  private void clusterTable(StringBuilder t) {
    Map<String, Map<String, Double>> buses = results.figures.get("S7");
    if (buses == null) {
      return;
    }
    Double single = results.get("S2", "ours", "p99_ms");
    t.append(
        "\nS7 cluster fan-out: one task on node A (the owner), 100 events/s × 100 B; half the"
            + " clients on A, half on B; latency in ms, items = the task's progress events each"
            + " client got\n\n");
    t.append(
        "| S7 bus | clients A + B | opens refused (503), A + B | A p50 / p99 / max | B p50 / p99 / max | extra p50 on B | extra p99 on B |"
            + " single-node S2 p99 | goal | met | items per client, A / B (of) | duplicates |"
            + " missing | out of order | without final event | load before / after |\n");
    t.append("|---|--:|--:|--:|--:|--:|--:|--:|---|---|--:|--:|--:|--:|--:|--:|\n");
    for (var bus : buses.entrySet()) {
      Map<String, Double> f = bus.getValue();
      Double extra = f.get("extra_p99_ms");
      String met =
          extra == null || !Double.isFinite(extra)
              ? "n/a"
              : extra <= EXTRA_P99_GOAL_MS ? "yes" : "**no**";
      t.append("| ")
          .append(bus.getKey())
          .append(" | ")
          .append(count(f.get("a_clients")))
          .append(" + ")
          .append(count(f.get("b_clients")))
          .append(" | ")
          .append(count(f.get("a_refused")))
          .append(" + ")
          .append(count(f.get("b_refused")))
          .append(" | ")
          .append(triple(f, "a"))
          .append(" | ")
          .append(triple(f, "b"))
          .append(" | ")
          .append(number(f.get("extra_p50_ms")))
          .append(" | ")
          .append(number(extra))
          .append(" | ")
          .append(number(single))
          .append(" | ≤ 10 ms | ")
          .append(met)
          .append(" | ")
          .append(span(f, "a"))
          .append(" / ")
          .append(span(f, "b"))
          .append(" (")
          .append(count(f.get("events")))
          .append(") | ")
          .append(count(f.get("duplicates")))
          .append(" | ")
          .append(count(f.get("missing")))
          .append(" | ")
          .append(count(f.get("out_of_order")))
          .append(" | ")
          .append(count(sum(f.get("a_unfinished"), f.get("b_unfinished"))))
          .append(" | ")
          .append(number(f.get("load_before")))
          .append(" / ")
          .append(number(f.get("load_after")))
          .append(" |\n");
    }
  }

  private static String triple(Map<String, Double> f, String node) {
    return number(f.get(node + "_p50_ms"))
        + " / "
        + number(f.get(node + "_p99_ms"))
        + " / "
        + number(f.get(node + "_max_ms"));
  }

  /** min–max, or the one figure when they agree. */
  private static String span(Map<String, Double> f, String node) {
    Double min = f.get(node + "_received_min");
    Double max = f.get(node + "_received_max");
    return min != null && min.equals(max) ? count(min) : count(min) + "–" + count(max);
  }

  /** A whole number as it is (clients, items, events). */
  private static String count(Double v) {
    return v == null || !Double.isFinite(v) ? number(v) : String.format(Locale.ROOT, "%,.0f", v);
  }

  private static Double sum(Double a, Double b) {
    return a == null || b == null ? null : a + b;
  }

  String json() {
    StringBuilder j = new StringBuilder("{\n");
    j.append("  \"sizes\": \"").append(results.sizes).append("\",\n");
    j.append("  \"started\": \"").append(started).append("\",\n");
    j.append("  \"finished\": \"").append(finished).append("\",\n");
    j.append("  \"machine\": {\"cores\": ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(", \"os\": \"")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.version"))
        .append("\", \"java\": \"")
        .append(System.getProperty("java.version"))
        .append("\"},\n");
    j.append("  \"figures\": {");
    String scenarioSep = "\n";
    for (var scenario : results.figures.entrySet()) {
      j.append(scenarioSep).append("    \"").append(scenario.getKey()).append("\": {");
      String targetSep = "\n";
      for (var target : scenario.getValue().entrySet()) {
        j.append(targetSep).append("      \"").append(target.getKey()).append("\": {");
        String figureSep = "";
        for (Map.Entry<String, Double> figure : target.getValue().entrySet()) {
          j.append(figureSep)
              .append('"')
              .append(figure.getKey())
              .append("\": ")
              .append(jsonNumber(figure.getValue()));
          figureSep = ", ";
        }
        j.append('}');
        targetSep = ",\n";
      }
      j.append("\n    }");
      scenarioSep = ",\n";
    }
    j.append("\n  },\n  \"errors\": {");
    String errorSep = "";
    for (var error : results.errors.entrySet()) {
      j.append(errorSep)
          .append('"')
          .append(error.getKey())
          .append("\": \"")
          .append(error.getValue().replace("\\", "\\\\").replace("\"", "\\\""))
          .append('"');
      errorSep = ", ";
    }
    return j.append("}\n}\n").toString();
  }

  /**
   * Five panels: S1 and S5 throughput, S2 latency percentiles and S3 heap growth (log scales), S4
   * heap per connection; a sixth for S7 when it ran.
   */
  String svg() {
    boolean cluster = results.figures.containsKey("S7");
    int width = cluster ? 1450 : 1210;
    int height = 370;
    StringBuilder g = new StringBuilder();
    g.append(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">\n"
            .formatted(width, height));
    g.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    g.append(
        "<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">Streaming Coordinator"
            + " (ours) vs stock JAX-RS SseBroadcaster vs raw NIO — %s sizes, %s</text>\n"
                .formatted(results.sizesName, started.toString().substring(0, 10)));
    legend(g, 10, 42);
    panel(g, 10, "S1 fan-out: events delivered/s", "S1", List.of("delivered_per_s"), false);
    panel(g, 250, "S2 latency, ms (log scale)", "S2", List.of("p50_ms", "p99_ms", "max_ms"), true);
    panel(g, 490, "S3 heap growth, MB (log scale)", "S3", List.of("heap_growth_mb"), true);
    panel(g, 730, "S4 heap per idle connection, KB", "S4", List.of("heap_per_conn_kb"), false);
    panel(g, 970, "S5 short tasks completed/s", "S5", List.of("tasks_per_s"), false);
    if (cluster) {
      clusterPanel(g, 1210);
    }
    return g.append("</svg>\n").toString();
  }

  /** S7: the extra p99 on the non-owner per bus (ours), against the goal (a dashed line). */
  private void clusterPanel(StringBuilder g, int x) {
    int top = 85;
    int plotHeight = 240;
    int panelWidth = 235;
    int base = top + plotHeight;
    Map<String, Map<String, Double>> buses = results.figures.get("S7");
    g.append(
        "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">S7 extra p99 on the other node, ms</text>\n"
            .formatted(x, top - 15));
    g.append(
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n"
            .formatted(x, base, x + panelWidth - 10, base));
    double max = EXTRA_P99_GOAL_MS;
    for (Map<String, Double> f : buses.values()) {
      Double v = f.get("extra_p99_ms");
      if (v != null && Double.isFinite(v)) {
        max = Math.max(max, v);
      }
    }
    double hi = max * 1.15;
    int goal = base - (int) Math.round(EXTRA_P99_GOAL_MS / hi * plotHeight);
    g.append(
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#2ca02c\" stroke-dasharray=\"4 3\"/><text x=\"%d\" y=\"%d\" font-size=\"9\" fill=\"#2ca02c\">goal %s</text>\n"
            .formatted(
                x,
                goal,
                x + panelWidth - 10,
                goal,
                x + panelWidth - 50,
                goal - 2,
                number(EXTRA_P99_GOAL_MS)));
    int bar = Math.min(50, (panelWidth - 20) / Math.max(1, buses.size()));
    int at = x + 5;
    for (var bus : buses.entrySet()) {
      Double v = bus.getValue().get("extra_p99_ms");
      if (v != null && Double.isFinite(v)) {
        int h = (int) Math.round(Math.max(v, 0) / hi * plotHeight);
        g.append(
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n"
                .formatted(at, base - h, bar - 4, h, COLORS.get("ours")));
        g.append(
            "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>\n"
                .formatted(at + (bar - 4) / 2, base - h - 3, number(v)));
      } else {
        g.append("<text x=\"%d\" y=\"%d\" font-size=\"10\">n/a</text>\n".formatted(at, base - 4));
      }
      g.append(
          "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n"
              .formatted(at + (bar - 4) / 2, base + 15, bus.getKey()));
      at += bar;
    }
  }

  private static final Map<String, String> COLORS =
      Map.of("ours", "#1f77b4", "stock", "#d62728", "raw", "#7f7f7f");

  private void legend(StringBuilder g, int x, int y) {
    int at = x;
    for (String target : Benchmark.TARGETS) {
      g.append(
          "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>\n"
              .formatted(at, y - 4, COLORS.get(target), at + 16, y + 6, target));
      at += 80;
    }
  }

  private void panel(
      StringBuilder g, int x, String title, String scenario, List<String> figures, boolean log) {
    int top = 85;
    int plotHeight = 240;
    int panelWidth = 235;
    g.append(
        "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>\n".formatted(x, top - 15, title));
    double max = 0;
    double min = Double.MAX_VALUE;
    for (int i = 0; i < figures.size(); i++) {
      for (String target : Benchmark.TARGETS) {
        Double v = results.get(scenario, target, figures.get(i));
        if (v != null && Double.isFinite(v) && v > 0) {
          max = Math.max(max, v);
          min = Math.min(min, v);
        }
      }
    }
    int base = top + plotHeight;
    g.append(
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n"
            .formatted(x, base, x + panelWidth - 10, base));
    if (max == 0) {
      g.append("<text x=\"%d\" y=\"%d\">no figures</text>\n".formatted(x + 10, base - 20));
      return;
    }
    double lo = log ? Math.pow(10, Math.floor(Math.log10(min))) : 0;
    double hi = log ? Math.pow(10, Math.ceil(Math.log10(max))) : max * 1.15;
    int groupWidth = (panelWidth - 20) / figures.size();
    int bar = Math.min(50, (groupWidth - 10) / Benchmark.TARGETS.size());
    for (int i = 0; i < figures.size(); i++) {
      int gx = x + 5 + i * groupWidth;
      for (int t = 0; t < Benchmark.TARGETS.size(); t++) {
        String target = Benchmark.TARGETS.get(t);
        Double v = results.get(scenario, target, figures.get(i));
        int bx = gx + t * bar;
        if (v == null || !Double.isFinite(v)) {
          g.append("<text x=\"%d\" y=\"%d\" font-size=\"10\">n/a</text>\n".formatted(bx, base - 4));
          continue;
        }
        double fraction =
            log
                ? (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
                : Math.max(v, 0) / hi;
        int h = (int) Math.round(fraction * plotHeight);
        g.append(
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n"
                .formatted(bx, base - h, bar - 4, h, COLORS.get(target)));
        g.append(
            "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>\n"
                .formatted(bx + (bar - 4) / 2, base - h - 3, number(v)));
      }
      if (figures.size() > 1) {
        g.append(
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n"
                .formatted(
                    gx + bar * Benchmark.TARGETS.size() / 2,
                    base + 15,
                    figures.get(i).replace("_ms", "")));
      }
    }
    if (log) {
      for (double tick = lo; tick <= hi * 1.001; tick *= 10) {
        int y =
            base
                - (int)
                    Math.round(
                        (Math.log10(tick) - Math.log10(lo))
                            / (Math.log10(hi) - Math.log10(lo))
                            * plotHeight);
        g.append(
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/><text x=\"%d\" y=\"%d\" font-size=\"9\" fill=\"#666\">%s</text>\n"
                .formatted(x, y, x + panelWidth - 10, y, x + panelWidth - 30, y - 2, number(tick)));
      }
    }
  }

  static String number(Double v) {
    if (v == null) {
      return "–";
    }
    if (!Double.isFinite(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String ratio(Double a, Double b) {
    if (a == null || b == null || !Double.isFinite(a) || !Double.isFinite(b) || b == 0) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.2f", a / b);
  }

  private static String jsonNumber(Double v) {
    return v == null || !Double.isFinite(v) ? "null" : String.valueOf(v);
  }
}
