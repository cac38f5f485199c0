package io.streamingcoordinator.it;

import io.streamingcoordinator.task.entity.StreamTask;
import io.streamingcoordinator.task.entity.TaskContext;
import jakarta.persistence.Entity;
import java.util.Map;

/**
 * A task type that exists only in the test deployment, addressed as {@code it/FailingTask}: it
 * proves a new type needs nothing but its class, and it fails on purpose.
 */
@Entity
public class FailingTask extends StreamTask {

  private int failAfter = 2;

  @Override
  protected Object process(TaskContext context) {
    for (int i = 1; i <= failAfter; i++) {
      context.emit("progress", Map.of("step", i));
    }
    throw new IllegalStateException("failed on purpose after " + failAfter + " steps");
  }
}
