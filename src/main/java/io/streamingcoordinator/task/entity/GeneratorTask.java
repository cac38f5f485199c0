package io.streamingcoordinator.task.entity;

import jakarta.json.JsonNumber;
import jakarta.persistence.MappedSuperclass;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A task written as a generator: every value of {@link #generate} becomes one {@code progress}
 * event. A map value is sent as the event's fields; any other value as {@code {"value": v}}. Each
 * event also carries its 1-based {@code step}, and saves it as the task's checkpoint: a run after a
 * crash or a suspending shutdown goes on with the step after the last one in the event log (see
 * {@link #generate(TaskContext, long)}), so a resuming client sees each step once.
 */
@MappedSuperclass
public abstract class GeneratorTask extends StreamTask {

  static final String STEP = "step";

  protected abstract Stream<?> generate(TaskContext context) throws Exception;

  /**
   * The values after the first {@code done}, for a run that goes on from an earlier one's
   * checkpoint. By default {@code generate(context).skip(done)}, which still computes the skipped
   * values: a task whose values cost time or have effects starts its stream at {@code done}
   * instead.
   */
  protected Stream<?> generate(TaskContext context, long done) throws Exception {
    return generate(context).skip(done);
  }

  /** The final value once every generated value was sent; by default the number of steps. */
  protected Object result(long steps) {
    return Map.of("steps", steps);
  }

  @Override
  protected final Object process(TaskContext context) throws Exception {
    long steps = context.checkpoint().map(GeneratorTask::stepOf).orElse(0L);
    try (Stream<?> values = generate(context, steps)) {
      Iterator<?> it = values.iterator();
      while (it.hasNext()) {
        Object value = it.next();
        steps++;
        context.emit("progress", progress(steps, value), Map.of(STEP, steps));
      }
    }
    return result(steps);
  }

  private static long stepOf(Map<String, ?> checkpoint) {
    return checkpoint.get(STEP) instanceof JsonNumber step ? step.longValue() : 0;
  }

  static Map<String, Object> progress(long step, Object value) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(STEP, step);
    if (value instanceof Map<?, ?> fields) {
      fields.forEach((k, v) -> data.put(String.valueOf(k), v));
    } else {
      data.put("value", value);
    }
    return data;
  }
}
