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

  /** The largest JSON body the API reads. */
  public int maxBodyBytes() {
    return config.getValue("streaming.api.max-body-bytes", Integer.class);
  }
}
