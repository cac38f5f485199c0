package io.streamingcoordinator.metrics;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.Collections;
import java.util.Iterator;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;

/** On a server without MicroProfile Metrics (WildFly has none) the facade does nothing. */
class StreamMetricsTest {

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
