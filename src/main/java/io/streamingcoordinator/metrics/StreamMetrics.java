package io.streamingcoordinator.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The one place business code reports what happens. Backed by MicroProfile Metrics where the server
 * has it; on a server without it every call does nothing.
 */
@ApplicationScoped
public class StreamMetrics {

  private static final System.Logger LOG = System.getLogger(StreamMetrics.class.getName());

  @Inject Instance<MetricRegistry> registries;

  private MetricRegistry registry;
  private Counter published;
  private Counter delivered;
  private Counter dropped;
  private Counter behind;
  private Timer latency;

  @PostConstruct
  void connect() {
    if (registries == null || !registries.isResolvable()) {
      LOG.log(Level.INFO, "No MicroProfile Metrics on this server: streaming metrics are off");
      return;
    }
    registry = registries.get();
    published = counter("streaming_events_published", "Events published by tasks, before fan-out");
    delivered =
        counter("streaming_events_delivered", "Events handed to a client's connection, per client");
    dropped =
        counter(
            "streaming_events_dropped",
            "Events a client never got: discarded by drop-oldest or queued when it was evicted");
    behind =
        counter(
            "streaming_clients_behind",
            "Times a client's queue overflowed and it went on from the event log at its own pace");
    latency =
        registry.timer(
            Metadata.builder()
                .withName("streaming_delivery_latency")
                .withDescription("Time from an event's publication to its write to a client")
                .withUnit(MetricUnits.SECONDS)
                .build());
  }

  public void published() {
    if (published != null) {
      published.inc();
    }
  }

  /**
   * {@code events} were written to a client in one write; the latency recorded is that of the
   * oldest of them (published at {@code oldestPublishedAtNanos}).
   */
  public void delivered(int events, long oldestPublishedAtNanos) {
    if (delivered != null) {
      delivered.inc(events);
      latency.update(Duration.ofNanos(System.nanoTime() - oldestPublishedAtNanos));
    }
  }

  /** A client fell a whole queue behind and catches up from the event log. */
  public void fellBehind() {
    if (behind != null) {
      behind.inc();
    }
  }

  public void dropped(long events) {
    if (dropped != null && events > 0) {
      dropped.inc(events);
    }
  }

  /** A client disconnected by the hub; {@code reason} is queue-full or send-timeout. */
  public void evicted(String reason) {
    if (registry != null) {
      counter(
              "streaming_clients_evicted",
              "Clients disconnected for falling behind",
              reason(reason))
          .inc();
    }
  }

  /** A connection refused at a limit: global, per-task or per-address. */
  public void rejected(String limit) {
    if (registry != null) {
      counter(
              "streaming_connections_rejected",
              "Stream connections refused with 503 at a connection limit",
              new Tag("limit", limit))
          .inc();
    }
  }

  /** Registers a value read when metrics are scraped. */
  public void gauge(String name, String description, Supplier<? extends Number> value) {
    if (registry != null) {
      registry.gauge(
          Metadata.builder().withName(name).withDescription(description).build(),
          value,
          v -> v.get().doubleValue());
    }
  }

  private Counter counter(String name, String description, Tag... tags) {
    return registry.counter(
        Metadata.builder().withName(name).withDescription(description).build(), tags);
  }

  private static Tag reason(String reason) {
    return new Tag("reason", reason);
  }
}
