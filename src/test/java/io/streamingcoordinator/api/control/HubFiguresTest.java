package io.streamingcoordinator.api.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.config.StreamSettings.ClientLimits;
import io.streamingcoordinator.config.StreamSettings.ConnectionCaps;
import io.streamingcoordinator.config.StreamSettings.Overflow;
import io.streamingcoordinator.config.TaskSettings.RunCaps;
import io.streamingcoordinator.metrics.HubTotals;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The JSON of {@code GET /hub}: figures, totals as sums, limits as configuration spells them. */
class HubFiguresTest {

  static final HubFigures.Limits LIMITS =
      new HubFigures.Limits(
          new ClientLimits(100, Overflow.DROP_OLDEST, 0.8, Duration.ofSeconds(10)),
          new ConnectionCaps(1000, 50, 0),
          new RunCaps(32, 500, 1000));

  @Test
  void figuresTotalsAndLimitsAreNamedAsTheDashboardReadsThem() {
    Instant at = Instant.parse("2026-12-01T12:00:00Z");
    JsonObject hub =
        HubFigures.of(
            new HubFigures.Readings(
                at, 3, 17, 2, 1, new HubTotals.Snapshot(4, 5, 600, 200, 50_000_000L)),
            LIMITS);

    assertEquals("2026-12-01T12:00:00Z", hub.getString("at"));
    assertEquals(3, hub.getInt("open_streams"));
    assertEquals(17, hub.getInt("deepest_queue"));
    assertEquals(2, hub.getInt("running_tasks"));
    assertEquals(1, hub.getInt("queued_tasks"));
    assertEquals(4, hub.getInt("evictions"));
    assertEquals(5, hub.getInt("rejections"));
    assertEquals(600, hub.getInt("events_delivered"));
    JsonObject latency = hub.getJsonObject("delivery_latency");
    assertEquals(200, latency.getInt("writes"));
    assertEquals(0.05, latency.getJsonNumber("total_seconds").doubleValue(), 1e-12);
    assertEquals(0.00025, latency.getJsonNumber("mean_seconds").doubleValue(), 1e-12);

    JsonObject limits = hub.getJsonObject("limits");
    assertEquals(100, limits.getInt("queue_capacity"));
    assertEquals("drop-oldest", limits.getString("overflow"));
    assertEquals("PT10S", limits.getString("send_timeout"));
    assertEquals(1000, limits.getInt("max_connections"));
    assertEquals(50, limits.getInt("max_connections_per_task"));
    assertEquals(0, limits.getInt("max_connections_per_address"));
    assertEquals(32, limits.getInt("max_running_tasks"));
    assertEquals(500, limits.getInt("max_queued_tasks"));
  }

  @Test
  void beforeAnyDeliveryTheMeanLatencyIsNull() {
    JsonObject hub =
        HubFigures.of(
            new HubFigures.Readings(
                Instant.EPOCH, 0, 0, 0, 0, new HubTotals.Snapshot(0, 0, 0, 0, 0)),
            LIMITS);
    assertTrue(hub.getJsonObject("delivery_latency").isNull("mean_seconds"));
    assertEquals(0, hub.getJsonObject("delivery_latency").getInt("writes"));
  }

  @Test
  void everyOverflowPolicyIsSpelledAsItsConfigurationValue() {
    for (Overflow overflow : Overflow.values()) {
      HubFigures.Limits limits =
          new HubFigures.Limits(
              new ClientLimits(1, overflow, 1, Duration.ofSeconds(1)),
              LIMITS.connections(),
              LIMITS.runs());
      String spelled =
          HubFigures.of(
                  new HubFigures.Readings(
                      Instant.EPOCH, 0, 0, 0, 0, new HubTotals.Snapshot(0, 0, 0, 0, 0)),
                  limits)
              .getJsonObject("limits")
              .getString("overflow");
      assertTrue(
          spelled.equals("catch-up") || spelled.equals("evict") || spelled.equals("drop-oldest"),
          spelled);
    }
  }
}
