package io.streamingcoordinator.api.control;

import io.streamingcoordinator.config.StreamSettings.ClientLimits;
import io.streamingcoordinator.config.StreamSettings.ConnectionCaps;
import io.streamingcoordinator.config.TaskSettings.RunCaps;
import io.streamingcoordinator.metrics.HubTotals;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.util.Locale;

/**
 * The hub figures ({@code GET /hub}): what the hub holds now, its totals since start-up and the
 * limits in force, in one JSON object for the dashboard. Totals are sums (latency too), so a reader
 * polling them gets rates and the mean latency of each interval from two answers' differences.
 */
public final class HubFigures {

  /** Looked up once: {@code Json.*} looks the provider up on every call. */
  private static final JsonProvider JSON = JsonProvider.provider();

  private static final double NANOS_PER_SECOND = 1e9;

  /** What was read from the hub, the coordinator and the metrics at {@code at}. */
  public record Readings(
      Instant at,
      int openStreams,
      int deepestQueue,
      int runningTasks,
      int queuedTasks,
      HubTotals.Snapshot totals) {}

  /** The limits in force: read per request, as the hub reads them per connection. */
  public record Limits(ClientLimits client, ConnectionCaps connections, RunCaps runs) {}

  private HubFigures() {}

  public static JsonObject of(Readings now, Limits limits) {
    HubTotals.Snapshot totals = now.totals();
    JsonObjectBuilder latency =
        JSON.createObjectBuilder()
            .add("writes", totals.writes())
            .add("total_seconds", totals.latencyNanos() / NANOS_PER_SECOND);
    if (totals.writes() > 0) {
      latency.add("mean_seconds", totals.latencyNanos() / NANOS_PER_SECOND / totals.writes());
    } else {
      latency.addNull("mean_seconds");
    }
    return JSON.createObjectBuilder()
        .add("at", now.at().toString())
        .add("open_streams", now.openStreams())
        .add("deepest_queue", now.deepestQueue())
        .add("running_tasks", now.runningTasks())
        .add("queued_tasks", now.queuedTasks())
        .add("evictions", totals.evicted())
        .add("rejections", totals.rejected())
        .add("events_delivered", totals.delivered())
        .add("delivery_latency", latency)
        .add("limits", limits(limits))
        .build();
  }

  private static JsonObjectBuilder limits(Limits limits) {
    ClientLimits client = limits.client();
    ConnectionCaps caps = limits.connections();
    return JSON.createObjectBuilder()
        .add("queue_capacity", client.queueCapacity())
        // as streaming.queue.overflow spells it
        .add("overflow", client.overflow().name().toLowerCase(Locale.ROOT).replace('_', '-'))
        .add("send_timeout", client.sendTimeout().toString())
        .add("max_connections", caps.max())
        .add("max_connections_per_task", caps.perTask())
        .add("max_connections_per_address", caps.perAddress())
        .add("max_running_tasks", limits.runs().maxRunning())
        .add("max_queued_tasks", limits.runs().maxQueued());
  }
}
