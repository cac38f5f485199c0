package io.streamingcoordinator.task.examples;

import io.streamingcoordinator.task.entity.StreamTask;
import io.streamingcoordinator.task.entity.TaskContext;
import jakarta.persistence.Entity;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.Map;

/** The original demo: a {@code start} event, three {@code progress} steps, then complete. */
@Entity
public class ExampleTask extends StreamTask {

  static final int STEPS = 3;

  @NotNull
  @Size(max = 1000)
  private String message = "Hello";

  @Min(0)
  @Max(60_000)
  private int delayMs = 100;

  @Override
  protected Object process(TaskContext context) {
    context.emit("start", Map.of("message", message));
    for (int step = 1; step <= STEPS; step++) {
      context.pause(Duration.ofMillis(delayMs));
      context.emit("progress", Map.of("step", step, "total_steps", STEPS, "message", message));
    }
    return Map.of("message", message, "steps", STEPS);
  }

  public String getMessage() {
    return message;
  }
}
