package io.streamingcoordinator.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * A metrics library as the facade uses it: counters, a timer and gauges, by name, description and
 * tags. One implementation per library the servers offer (MicroProfile Metrics on Payara,
 * Micrometer on WildFly) and one that records nothing.
 */
interface MetricsBackend {

  /** Adds to the counter {@code name}; a Prometheus scrape shows it as {@code name_total}. */
  LongConsumer counter(String name, String description, Map<String, String> tags);

  /** Records durations in seconds ({@code name_seconds}). */
  Consumer<Duration> timer(String name, String description);

  /** A value read at each scrape. */
  void gauge(String name, String description, Supplier<? extends Number> value);

  /** Where there is no metrics library. */
  MetricsBackend NONE =
      new MetricsBackend() {
        @Override
        public LongConsumer counter(String name, String description, Map<String, String> tags) {
          return amount -> {};
        }

        @Override
        public Consumer<Duration> timer(String name, String description) {
          return duration -> {};
        }

        @Override
        public void gauge(String name, String description, Supplier<? extends Number> value) {}
      };
}
