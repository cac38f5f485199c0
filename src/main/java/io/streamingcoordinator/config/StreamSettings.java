package io.streamingcoordinator.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/** Limits of the SSE hub; read per connection, so a changed value applies to the next client. */
@ApplicationScoped
public class StreamSettings {

  @Inject Config config;

  /** Events a client may fall behind before it is evicted. */
  public int queueCapacity() {
    int capacity = config.getValue("streaming.queue.capacity", Integer.class);
    if (capacity < 1) {
      throw new IllegalStateException("streaming.queue.capacity must be at least 1: " + capacity);
    }
    return capacity;
  }

  /** How long a finished task's last event stays in memory for clients that join late. */
  public Duration finishedGrace() {
    return config.getValue("streaming.stream.finished-grace", Duration.class);
  }
}
