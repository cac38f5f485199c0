package io.streamingcoordinator.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/** The metrics in the server's MicroProfile Metrics registry (Payara). */
final class MicroProfileMetrics implements MetricsBackend {

  private final MetricRegistry registry;

  MicroProfileMetrics(MetricRegistry registry) {
    this.registry = registry;
  }

  @Override
  public LongConsumer counter(String name, String description, Map<String, String> tags) {
    Counter counter =
        registry.counter(
            Metadata.builder().withName(name).withDescription(description).build(),
            tags.entrySet().stream()
                .map(tag -> new Tag(tag.getKey(), tag.getValue()))
                .toArray(Tag[]::new));
    return counter::inc;
  }

  @Override
  public Consumer<Duration> timer(String name, String description) {
    return registry.timer(
            Metadata.builder()
                .withName(name)
                .withDescription(description)
                .withUnit(MetricUnits.SECONDS)
                .build())
        ::update;
  }

  @Override
  public void gauge(String name, String description, Supplier<? extends Number> value) {
    registry.gauge(
        Metadata.builder().withName(name).withDescription(description).build(),
        value,
        v -> v.get().doubleValue());
  }
}
