package io.streamingcoordinator.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/** Settings of tasks, the API and cleanup; read each time they are used. */
@ApplicationScoped
public class TaskSettings {

  /**
   * How many runs execute at once, how many started ones may wait for a turn, and how many may wait
   * (pause, await) without holding a turn; a start beyond these is refused.
   */
  public record RunCaps(int maxRunning, int maxQueued, int maxWaiting) {}

  /** What one run may emit: the size of one event's data and the number of its events. */
  public record EventCaps(int maxBytes, long maxPerRun) {}

  /** How much of the event log may wait in memory for the database before publishers wait. */
  public record LogBacklog(int maxEvents, long maxBytes) {}

  @Inject Config config;

  public RunCaps runCaps() {
    return new RunCaps(
        atLeast("streaming.tasks.max-running", 1),
        atLeast("streaming.tasks.max-queued", 0),
        atLeast("streaming.tasks.max-waiting", 0));
  }

  public EventCaps eventCaps() {
    return new EventCaps(
        atLeast("streaming.events.max-bytes", 1024), atLeast("streaming.events.max-per-task", 1));
  }

  public LogBacklog logBacklog() {
    return new LogBacklog(
        atLeast("streaming.log.max-pending-events", 1),
        config.getValue("streaming.log.max-pending-bytes", Long.class));
  }

  /**
   * How long a run waits out a database it cannot reach (its events buffered, its writes retried)
   * before it fails; its end is then stored once the database is back.
   */
  public Duration outageTimeout() {
    return ConfigValues.duration(config, "streaming.log.outage-timeout");
  }

  /**
   * How often the coordinator looks for tasks stored RUNNING that nothing runs, to run them again
   * or end them; read when the application starts.
   */
  public Duration reconcileInterval() {
    return ConfigValues.duration(config, "streaming.tasks.reconcile-interval");
  }

  /** How long a finished task is kept before cleanup deletes it. */
  public Duration retention() {
    return config.getValue("streaming.cleanup.retention", Duration.class);
  }

  /** How often the cleanup job runs; read when the application starts. */
  public Duration cleanupInterval() {
    return config.getValue("streaming.cleanup.interval", Duration.class);
  }

  /**
   * Whether tasks started from now on write their events to the event log (without it nothing can
   * be resumed; it exists to measure what the log costs).
   */
  public boolean logEvents() {
    return config.getValue("streaming.log.enabled", Boolean.class);
  }

  /** How many events the log keeps per task; older ones are deleted. */
  public long keptEventsPerTask() {
    long keep = config.getValue("streaming.log.max-events-per-task", Long.class);
    if (keep < 1) {
      throw new IllegalStateException("streaming.log.max-events-per-task must be at least 1");
    }
    return keep;
  }

  /** The largest JSON body the API reads. */
  public int maxBodyBytes() {
    return config.getValue("streaming.api.max-body-bytes", Integer.class);
  }

  /** How long a client may take to send a whole request body. */
  public Duration bodyTimeout() {
    return config.getValue("streaming.api.body-timeout", Duration.class);
  }

  private int atLeast(String key, int min) {
    int value = config.getValue(key, Integer.class);
    if (value < min) {
      throw new IllegalStateException(key + " must be at least " + min + ": " + value);
    }
    return value;
  }
}
