package io.streamingcoordinator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's S7 (cluster fan-out) at smoke sizes — 2 + 2 clients, 2 s, the {@code none} bus —
 * so that its code cannot rot: two nodes on a PostgreSQL database of its own, figures for both, and
 * every client of either node gets every item once, in order, and the final event. Apart from
 * BenchmarkSmokeIT (which runs S1–S5) so that one stays as cheap as it is; this costs two Payara
 * Micro starts (~1 min). It asserts no speed; the figures are in target/bench-cluster-smoke.
 */
class ClusterFanOutSmokeIT {

  @Test
  void bothNodesProduceFiguresAndWholeStreams() throws Exception {
    assumeTrue(ClusterNodes.postgresListens(), "no PostgreSQL on 127.0.0.1:5432");
    Path out = Path.of("target", "bench-cluster-smoke");
    Benchmark.Results results =
        Benchmark.run(Benchmark.Sizes.smoke(), out, Set.of("S7"), Set.of("ours"), List.of("none"));

    assertEquals(Map.of(), results.errors, "S7 failed or a client got a wrong stream");
    Map<String, Double> figures = results.figures.get("S7").get("none");
    figures.forEach((name, value) -> assertTrue(Double.isFinite(value), name + " = " + value));
    for (String wrong : List.of("missing", "duplicates", "out_of_order")) {
      assertEquals(0.0, figures.get(wrong), wrong);
    }
    assertEquals(figures.get("events"), figures.get("b_received_min"), "items per client on B");
    assertTrue(Files.readString(out.resolve("table.md")).contains("| none |"));
    assertTrue(Files.readString(out.resolve("results.json")).contains("\"S7\""));
  }
}
