package io.streamingcoordinator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmark at smoke sizes (seconds), so that its code cannot rot: every scenario must produce
 * figures on every target. It asserts no speed; the figures are in target/bench-smoke. At these
 * sizes every scenario runs on one server per target (two Payara Micro boots, not six).
 */
class BenchmarkSmokeIT {

  @Test
  void everyScenarioProducesFiguresOnEveryTarget() throws Exception {
    Path out = Path.of("target", "bench-smoke");
    Benchmark.Results results =
        Benchmark.run(
            Benchmark.Sizes.smoke(),
            out,
            new LinkedHashSet<>(Benchmark.SCENARIOS),
            new LinkedHashSet<>(Benchmark.TARGETS));

    assertEquals(Map.of(), results.errors, "scenarios that failed");
    for (String scenario : Benchmark.SCENARIOS) {
      for (String target : Benchmark.TARGETS) {
        Map<String, Double> figures = results.figures.get(scenario).get(target);
        assertNotNull(figures, scenario + " on " + target);
        assertFalse(figures.isEmpty(), scenario + " on " + target);
        figures.forEach(
            (name, value) ->
                assertTrue(
                    Double.isFinite(value), scenario + " " + target + " " + name + " = " + value));
      }
    }
    String table = Files.readString(out.resolve("table.md"));
    for (String scenario : Benchmark.SCENARIOS) {
      assertTrue(table.contains("| " + scenario + " |"), scenario + " in\n" + table);
    }
    assertTrue(Files.readString(out.resolve("results.json")).contains("\"S5\""));
    assertTrue(Files.readString(out.resolve("chart.svg")).contains("<rect"));
  }
}
