package io.streamingcoordinator.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import org.eclipse.microprofile.config.Config;

/**
 * Limits of the SSE hub. Every value is read when it is used (per connection, per heartbeat tick),
 * so a value changed on the running server applies to the next connection.
 */
@ApplicationScoped
public class StreamSettings {

  /** What happens to a client whose queue is full. */
  public enum Overflow {
    /**
     * drop its queued events from memory and let it continue from the event log (and the recent
     * events in memory) at its own pace, joining the live stream when it has caught up
     */
    CATCH_UP,
    /** disconnect it, telling it why in an {@code evicted} event where it can still be written */
    EVICT,
    /** discard its oldest queued events and tell it how many it missed */
    DROP_OLDEST
  }

  /** What a new client gets: fixed for the life of its connection. */
  public record ClientLimits(
      int queueCapacity, Overflow overflow, double warnRatio, Duration sendTimeout) {}

  /** The connection caps; zero or less means no cap. */
  public record ConnectionCaps(int max, int perTask, int perAddress) {}

  @Inject Config config;

  public ClientLimits clientLimits() {
    int capacity = positive("streaming.queue.capacity");
    double warnRatio = config.getValue("streaming.queue.warn-ratio", Double.class);
    if (warnRatio <= 0 || warnRatio > 1) {
      throw new IllegalStateException("streaming.queue.warn-ratio is in (0, 1]: " + warnRatio);
    }
    return new ClientLimits(capacity, overflow(), warnRatio, duration("streaming.send.timeout"));
  }

  /** Threads that send to clients: {@code streaming.send.threads}, 0 meaning one per core. */
  public int sendThreads() {
    int threads = config.getValue("streaming.send.threads", Integer.class);
    if (threads < 0) {
      throw new IllegalStateException(
          "streaming.send.threads is 0 (one per core) or more: " + threads);
    }
    return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
  }

  public ConnectionCaps connectionCaps() {
    return new ConnectionCaps(
        config.getValue("streaming.connections.max", Integer.class),
        config.getValue("streaming.connections.max-per-task", Integer.class),
        config.getValue("streaming.connections.max-per-address", Integer.class));
  }

  /** Seconds a refused client is told to wait (the Retry-After header). */
  public long retryAfterSeconds() {
    return Math.max(1, duration("streaming.retry-after").toSeconds());
  }

  /** How long a stream may stay silent before a heartbeat comment is sent. */
  public Duration heartbeatInterval() {
    return duration("streaming.heartbeat.interval");
  }

  /** How many recent events of a running task stay in memory for resuming clients. */
  public int memoryEvents() {
    return positive("streaming.log.memory-events");
  }

  /** How many bytes of those recent events stay in memory, per task. */
  public long memoryBytes() {
    long bytes = config.getValue("streaming.log.memory-bytes", Long.class);
    if (bytes < 1) {
      throw new IllegalStateException("streaming.log.memory-bytes must be at least 1: " + bytes);
    }
    return bytes;
  }

  /** The reconnect delay every stream tells its client first ({@code retry:}). */
  public Duration retry() {
    return ConfigValues.duration(config, "streaming.stream.retry", "PT3S");
  }

  /** How long a finished task's last event stays in memory for clients that join late. */
  public Duration finishedGrace() {
    return duration("streaming.stream.finished-grace");
  }

  private Overflow overflow() {
    String value = config.getValue("streaming.queue.overflow", String.class);
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "catch-up" -> Overflow.CATCH_UP;
      case "evict" -> Overflow.EVICT;
      case "drop-oldest" -> Overflow.DROP_OLDEST;
      default ->
          throw new IllegalStateException(
              "streaming.queue.overflow is catch-up, evict or drop-oldest, not " + value);
    };
  }

  private int positive(String key) {
    return ConfigValues.positive(config, key);
  }

  private Duration duration(String key) {
    return ConfigValues.duration(config, key);
  }
}
