package io.streamingcoordinator.task.examples;

import io.streamingcoordinator.task.entity.GeneratorTask;
import io.streamingcoordinator.task.entity.TaskContext;
import jakarta.persistence.Entity;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Generator-style task: a Java stream counting down from {@code steps}, one event per value. */
@Entity
public class CountdownTask extends GeneratorTask {

  @Min(1)
  @Max(100_000)
  private int steps = 5;

  @Min(0)
  @Max(60_000)
  private int delayMs = 50;

  @Override
  protected Stream<?> generate(TaskContext context) {
    return generate(context, 0);
  }

  /** Goes on from {@code done} without waiting through the steps an earlier run sent. */
  @Override
  protected Stream<?> generate(TaskContext context, long done) {
    return IntStream.iterate(steps - (int) Math.min(done, steps), n -> n > 0, n -> n - 1)
        .mapToObj(
            n -> {
              context.pause(Duration.ofMillis(delayMs));
              return Map.of("remaining", n - 1, "total_steps", steps);
            });
  }

  /** Its output depends only on its fields: after a server stop it goes on from its checkpoint. */
  @Override
  public boolean isResumable() {
    return true;
  }
}
