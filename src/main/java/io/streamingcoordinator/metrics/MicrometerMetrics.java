package io.streamingcoordinator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The metrics in the server's Micrometer registry (WildFly's micrometer subsystem, which serves
 * them as Prometheus text with the same names). Loaded only where Micrometer's classes are: {@link
 * StreamMetrics} makes it by reflection.
 */
final class MicrometerMetrics implements MetricsBackend {

  private final MeterRegistry registry;
  // Micrometer holds a gauge's object weakly: these keep the suppliers alive
  private final List<Supplier<? extends Number>> gauges = new CopyOnWriteArrayList<>();

  MicrometerMetrics(Object registry) {
    this.registry = (MeterRegistry) registry;
  }

  @Override
  public LongConsumer counter(String name, String description, Map<String, String> tags) {
    Counter.Builder builder = Counter.builder(name).description(description);
    tags.forEach(builder::tag);
    Counter counter = builder.register(registry);
    return amount -> counter.increment(amount);
  }

  @Override
  public Consumer<Duration> timer(String name, String description) {
    return Timer.builder(name).description(description).register(registry)::record;
  }

  @Override
  public void gauge(String name, String description, Supplier<? extends Number> value) {
    gauges.add(value);
    Gauge.builder(name, value, v -> v.get().doubleValue())
        .description(description)
        .register(registry);
  }
}
