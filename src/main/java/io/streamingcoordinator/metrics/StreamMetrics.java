package io.streamingcoordinator.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The one place business code reports what happens. Backed by the metrics library the server has:
 * MicroProfile Metrics (Payara), else Micrometer (WildFly's micrometer subsystem), with the same
 * names in Prometheus text on both; on a server with neither every call does nothing. Every counter
 * exists, at 0, from start-up.
 */
@ApplicationScoped
public class StreamMetrics {

  private static final System.Logger LOG = System.getLogger(StreamMetrics.class.getName());
  private static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";
  private static final String EVICTED = "streaming_clients_evicted";
  private static final String REJECTED = "streaming_connections_rejected";

  @Inject Instance<MetricRegistry> registries;
  @Inject Instance<Object> beans;

  private MetricsBackend backend = MetricsBackend.NONE;
  private LongConsumer published = MetricsBackend.NONE.counter("", "", Map.of());
  private LongConsumer delivered = published;
  private LongConsumer dropped = published;
  private LongConsumer behind = published;
  private LongConsumer logDropped = published;
  private LongConsumer busSent = published;
  private LongConsumer busUnsent = published;
  private LongConsumer busReceived = published;
  private Consumer<Duration> latency = MetricsBackend.NONE.timer("", "");
  private final ConcurrentMap<String, LongConsumer> tagged = new ConcurrentHashMap<>();
  private final HubTotals totals = new HubTotals();

  @PostConstruct
  void connect() {
    backend = find();
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
    logDropped =
        counter(
            "streaming_log_events_dropped",
            "Events the database refused on their own, left out of the event log");
    busSent =
        counter(
            "streaming_cluster_messages_sent",
            "Events and signals this node sent to other nodes over the cluster bus");
    busUnsent =
        counter(
            "streaming_cluster_messages_unsent",
            "Events and signals the cluster bus could not carry (full, down or too big): other"
                + " nodes read them from the event log");
    busReceived =
        counter(
            "streaming_cluster_messages_received",
            "Events and signals this node received from other nodes over the cluster bus");
    latency =
        backend.timer(
            "streaming_delivery_latency",
            "Time from an event's publication to its write to a client");
    for (String reason : new String[] {"queue-full", "send-timeout"}) {
      evictions(reason);
    }
    for (String limit : new String[] {"global", "per-task", "per-address"}) {
      rejections(limit);
    }
  }

  /** MicroProfile Metrics if the server has it, else Micrometer if it has that, else nothing. */
  private MetricsBackend find() {
    if (registries != null && registries.isResolvable()) {
      return new MicroProfileMetrics(registries.get());
    }
    try {
      Class<?> type = Class.forName(MICROMETER, false, StreamMetrics.class.getClassLoader());
      Instance<?> registry = beans == null ? null : beans.select(type);
      if (registry != null && registry.isResolvable()) {
        // by reflection: its class names Micrometer's types, which only some servers have
        return (MetricsBackend)
            Class.forName(StreamMetrics.class.getPackageName() + ".MicrometerMetrics")
                .getDeclaredConstructor(Object.class)
                .newInstance(registry.get());
      }
    } catch (ReflectiveOperationException | LinkageError absent) {
      LOG.log(Level.DEBUG, "No Micrometer on this server: {0}", absent.toString());
    }
    LOG.log(Level.INFO, "No metrics library on this server: streaming metrics are off");
    return MetricsBackend.NONE;
  }

  public void published() {
    published.accept(1);
  }

  /**
   * {@code events} were written to a client in one write; the latency recorded is that of the
   * oldest of them (published at {@code oldestPublishedAtNanos}).
   */
  public void delivered(int events, long oldestPublishedAtNanos) {
    long nanos = System.nanoTime() - oldestPublishedAtNanos;
    delivered.accept(events);
    latency.accept(Duration.ofNanos(nanos));
    totals.delivered(events, nanos);
  }

  /** An event the database refused on its own was left out of the event log. */
  public void logDropped() {
    logDropped.accept(1);
  }

  /** Messages sent over the cluster bus. */
  public void busSent(int messages) {
    busSent.accept(messages);
  }

  /** Messages the cluster bus did not carry. */
  public void busUnsent(int messages) {
    if (messages > 0) {
      busUnsent.accept(messages);
    }
  }

  /** Messages received over the cluster bus. */
  public void busReceived(int messages) {
    busReceived.accept(messages);
  }

  /** A client fell a whole queue behind and catches up from the event log. */
  public void fellBehind() {
    behind.accept(1);
  }

  public void dropped(long events) {
    if (events > 0) {
      dropped.accept(events);
    }
  }

  /** A client disconnected by the hub; {@code reason} is queue-full or send-timeout. */
  public void evicted(String reason) {
    evictions(reason).accept(1);
    totals.evicted();
  }

  /** A connection refused at a limit: global, per-task or per-address. */
  public void rejected(String limit) {
    rejections(limit).accept(1);
    totals.rejected();
  }

  /**
   * The totals since start-up, for the hub figures (kept on every server, with or without a
   * library).
   */
  public HubTotals.Snapshot totals() {
    return totals.snapshot();
  }

  /** Registers a value read when metrics are scraped. */
  public void gauge(String name, String description, Supplier<? extends Number> value) {
    backend.gauge(name, description, value);
  }

  private LongConsumer evictions(String reason) {
    return tagged.computeIfAbsent(
        EVICTED + "/" + reason,
        key ->
            backend.counter(
                EVICTED, "Clients disconnected for falling behind", Map.of("reason", reason)));
  }

  private LongConsumer rejections(String limit) {
    return tagged.computeIfAbsent(
        REJECTED + "/" + limit,
        key ->
            backend.counter(
                REJECTED,
                "Stream connections refused with 503 at a connection limit",
                Map.of("limit", limit)));
  }

  private LongConsumer counter(String name, String description) {
    return backend.counter(name, description, Map.of());
  }
}
