package io.streamingcoordinator.metrics;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;

/** The facade over the server's metrics library, or none. */
class StreamMetricsTest {

  /** On a server with neither library every call does nothing. */
  @Test
  void withoutAMetricRegistryEveryCallIsANoOp() {
    StreamMetrics metrics = new StreamMetrics();
    metrics.registries = new Unsatisfied();
    metrics.connect();
    assertDoesNotThrow(
        () -> {
          metrics.published();
          metrics.delivered(1, System.nanoTime());
          metrics.dropped(3);
          metrics.evicted("queue-full");
          metrics.rejected("global");
          metrics.gauge("g", "a gauge", () -> 1);
        });
  }

  /** The hub figures' totals are kept in-process, with or without a metrics library. */
  @Test
  void totalsAreKeptWithoutAMetricRegistry() {
    StreamMetrics metrics = new StreamMetrics();
    metrics.registries = new Unsatisfied();
    metrics.connect();
    metrics.delivered(3, System.nanoTime() - 2_000_000);
    metrics.delivered(2, System.nanoTime());
    metrics.evicted("queue-full");
    metrics.evicted("send-timeout");
    metrics.rejected("per-task");

    HubTotals.Snapshot totals = metrics.totals();
    assertEquals(2, totals.evicted());
    assertEquals(1, totals.rejected());
    assertEquals(5, totals.delivered());
    assertEquals(2, totals.writes());
    assertTrue(totals.latencyNanos() >= 2_000_000, () -> totals.latencyNanos() + " ns");
  }

  /**
   * On WildFly (no MicroProfile Metrics, a Micrometer registry from its subsystem) the same metrics
   * reach Prometheus text under the names Payara's MicroProfile Metrics gives them, every counter
   * at 0 from the start.
   */
  @Test
  void withMicrometerTheMetricsHaveTheirPrometheusNames() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    StreamMetrics metrics = new StreamMetrics();
    metrics.registries = new Unsatisfied();
    metrics.beans = new One(prometheus);
    metrics.connect();
    String before = prometheus.scrape();
    assertTrue(before.contains("streaming_clients_evicted_total{reason=\"queue-full\"} 0"), before);
    assertTrue(
        before.contains("streaming_connections_rejected_total{limit=\"per-task\"} 0"), before);

    metrics.published();
    metrics.delivered(3, System.nanoTime());
    metrics.evicted("send-timeout");
    metrics.gauge("streaming_tasks_running", "Tasks executing on this server", () -> 7);
    String text = prometheus.scrape();
    for (String line :
        new String[] {
          "streaming_events_published_total 1",
          "streaming_events_delivered_total 3",
          "streaming_clients_evicted_total{reason=\"send-timeout\"} 1",
          "streaming_delivery_latency_seconds_count 1",
          "streaming_tasks_running 7"
        }) {
      assertTrue(text.contains(line), line + " in:\n" + text);
    }
  }

  /**
   * WildFly 39 gives the application a registry of its own that passes only the by-name calls
   * ({@code counter(name, tags)}, {@code timer}, {@code gauge}) on to the registry it scrapes, with
   * a deployment tag added; a meter made through a builder stays in the application's registry,
   * which no scrape reads. The metrics must reach the scraped registry all the same.
   */
  @Test
  void withWildFlysApplicationRegistryTheMetricsReachTheScrapedOne() {
    PrometheusMeterRegistry scraped = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    StreamMetrics metrics = new StreamMetrics();
    metrics.registries = new Unsatisfied();
    metrics.beans = new One(new ByNameOnly(scraped));
    metrics.connect();
    metrics.published();
    metrics.delivered(2, System.nanoTime());
    metrics.gauge("streaming_tasks_running", "Tasks executing on this server", () -> 4);
    String text = scraped.scrape();
    for (String line :
        new String[] {
          "streaming_events_published_total{deployment=\"ROOT.war\"} 1",
          "streaming_events_delivered_total{deployment=\"ROOT.war\"} 2",
          "streaming_clients_evicted_total{deployment=\"ROOT.war\",reason=\"queue-full\"} 0",
          "streaming_delivery_latency_seconds_count{deployment=\"ROOT.war\"} 1",
          "streaming_tasks_running{deployment=\"ROOT.war\"} 4"
        }) {
      assertTrue(text.contains(line), line + " in:\n" + text);
    }
  }

  /** A registry shaped like WildFly 39's application registry (see above). */
  private static final class ByNameOnly extends SimpleMeterRegistry {
    private final MeterRegistry parent;

    ByNameOnly(MeterRegistry parent) {
      this.parent = parent;
    }

    @Override
    public Counter counter(String name, Iterable<Tag> tags) {
      return parent.counter(name, Tags.concat(tags, "deployment", "ROOT.war"));
    }

    @Override
    public Timer timer(String name, Iterable<Tag> tags) {
      return parent.timer(name, Tags.concat(tags, "deployment", "ROOT.war"));
    }

    @Override
    public <T> T gauge(String name, Iterable<Tag> tags, T state, ToDoubleFunction<T> value) {
      return parent.gauge(name, Tags.concat(tags, "deployment", "ROOT.war"), state, value);
    }
  }

  /** What CDI injects for {@code Instance<Object>} where one Micrometer registry is a bean. */
  private static final class One implements Instance<Object> {
    private final Object bean;

    One(Object bean) {
      this.bean = bean;
    }

    @Override
    public Instance<Object> select(Annotation... qualifiers) {
      return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <U> Instance<U> select(Class<U> subtype, Annotation... qualifiers) {
      if (!subtype.isInstance(bean)) {
        throw new UnsupportedOperationException(subtype.getName());
      }
      return (Instance<U>) this;
    }

    @Override
    public <U> Instance<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isUnsatisfied() {
      return false;
    }

    @Override
    public boolean isAmbiguous() {
      return false;
    }

    @Override
    public void destroy(Object instance) {}

    @Override
    public Handle<Object> getHandle() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Iterable<? extends Handle<Object>> handles() {
      return Collections.emptyList();
    }

    @Override
    public Object get() {
      return bean;
    }

    @Override
    public Iterator<Object> iterator() {
      return List.of(bean).iterator();
    }
  }

  /** What CDI injects when no bean of the type exists. */
  private static final class Unsatisfied implements Instance<MetricRegistry> {
    @Override
    public Instance<MetricRegistry> select(Annotation... qualifiers) {
      return this;
    }

    @Override
    public <U extends MetricRegistry> Instance<U> select(
        Class<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends MetricRegistry> Instance<U> select(
        TypeLiteral<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isUnsatisfied() {
      return true;
    }

    @Override
    public boolean isAmbiguous() {
      return false;
    }

    @Override
    public void destroy(MetricRegistry instance) {}

    @Override
    public Handle<MetricRegistry> getHandle() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Iterable<? extends Handle<MetricRegistry>> handles() {
      return Collections.emptyList();
    }

    @Override
    public MetricRegistry get() {
      throw new IllegalStateException("unsatisfied");
    }

    @Override
    public Iterator<MetricRegistry> iterator() {
      return Collections.emptyIterator();
    }
  }
}
