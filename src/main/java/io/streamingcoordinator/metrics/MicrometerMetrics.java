package io.streamingcoordinator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
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
 *
 * <p>Meters are registered by name and tags, not through {@code Counter.builder(..).register}: the
 * registry WildFly 39 hands an application passes only the by-name calls on to the registry it
 * scrapes; a builder's meter stays in a private registry nobody reads. So the Prometheus text has
 * no HELP description for these metrics there. Tags go as an {@code Iterable<Tag>}: that overload
 * is the one WildFly passes on, and the only one its Micrometer (1.15) and ours share.
 */
final class MicrometerMetrics implements MetricsBackend {

  private static final List<Tag> NO_TAGS = List.of();

  private final MeterRegistry registry;
  // Micrometer holds a gauge's object weakly: these keep the suppliers alive
  private final List<Supplier<? extends Number>> gauges = new CopyOnWriteArrayList<>();

  MicrometerMetrics(Object registry) {
    this.registry = (MeterRegistry) registry;
  }

  @Override
  public LongConsumer counter(String name, String description, Map<String, String> tags) {
    List<Tag> all = new ArrayList<>();
    tags.forEach((key, value) -> all.add(Tag.of(key, value)));
    Counter counter = registry.counter(name, all);
    return amount -> counter.increment(amount);
  }

  @Override
  public Consumer<Duration> timer(String name, String description) {
    Timer timer = registry.timer(name, NO_TAGS);
    return timer::record;
  }

  @Override
  public void gauge(String name, String description, Supplier<? extends Number> value) {
    gauges.add(value);
    registry.gauge(name, NO_TAGS, value, v -> v.get().doubleValue());
  }
}
