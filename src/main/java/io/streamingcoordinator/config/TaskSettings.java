package io.streamingcoordinator.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/** Settings of tasks, the API and cleanup; read each time they are used. */
@ApplicationScoped
public class TaskSettings {

  @Inject Config config;

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
  public long maxEventsPerTask() {
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
}
