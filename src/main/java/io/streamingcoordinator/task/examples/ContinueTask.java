package io.streamingcoordinator.task.examples;

import io.streamingcoordinator.task.entity.StreamTask;
import io.streamingcoordinator.task.entity.TaskContext;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Map;

/**
 * Emits {@code started}, then waits until a client sets its {@code continue} field (PATCH), then
 * emits {@code final}; emits {@code timeout} instead if nobody does within {@code timeoutSeconds}.
 */
@Entity
public class ContinueTask extends StreamTask {

  @JsonbProperty("continue")
  @Column(name = "proceed")
  private boolean proceed;

  @Min(0)
  @Max(86_400)
  private int timeoutSeconds = 5;

  @Override
  protected Object process(TaskContext context) {
    context.emit("started", Map.of("timeout_seconds", timeoutSeconds));
    boolean continued =
        context.await(
            ContinueTask.class, Duration.ofSeconds(timeoutSeconds), ContinueTask::isContinued);
    if (!continued) {
      context.emit("timeout", Map.of("waited_seconds", timeoutSeconds));
      return Map.of("continued", false);
    }
    context.emit("final", Map.of("message", "continued"));
    return Map.of("continued", true);
  }

  public boolean isContinued() {
    return proceed;
  }
}
