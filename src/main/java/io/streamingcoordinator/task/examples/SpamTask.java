package io.streamingcoordinator.task.examples;

import io.streamingcoordinator.task.entity.StreamTask;
import io.streamingcoordinator.task.entity.TaskContext;
import jakarta.persistence.Entity;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Map;

/**
 * Load generator: {@code count} events of {@code size} payload bytes, {@code delayMs} apart, the
 * first after {@code startDelayMs} (time for clients to connect before the burst).
 */
@Entity
public class SpamTask extends StreamTask {

  @Min(1)
  @Max(10_000_000)
  private int count = 1000;

  @Min(0)
  @Max(1_000_000)
  private int size = 100;

  @Min(0)
  @Max(60_000)
  private int delayMs;

  @Min(0)
  @Max(600_000)
  private int startDelayMs;

  @Override
  protected Object process(TaskContext context) {
    String payload = "x".repeat(size);
    if (startDelayMs > 0) {
      context.pause(Duration.ofMillis(startDelayMs));
    }
    for (int i = 1; i <= count; i++) {
      if (delayMs > 0) {
        context.pause(Duration.ofMillis(delayMs));
      }
      context.emit("progress", Map.of("seq", i, "count", count, "payload", payload));
    }
    return Map.of("sent", count);
  }

  /** Its output depends only on its fields: after a server stop it simply runs again. */
  @Override
  public boolean isResumable() {
    return true;
  }
}
