package io.streamingcoordinator.task.entity;

import jakarta.persistence.MappedSuperclass;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A task written as a generator: every value of {@link #generate} becomes one {@code progress}
 * event. A map value is sent as the event's fields; any other value as {@code {"value": v}}. Each
 * event also carries its 1-based {@code step}.
 */
@MappedSuperclass
public abstract class GeneratorTask extends StreamTask {

  protected abstract Stream<?> generate(TaskContext context) throws Exception;

  /** The final value once every generated value was sent; by default the number of steps. */
  protected Object result(long steps) {
    return Map.of("steps", steps);
  }

  @Override
  protected final Object process(TaskContext context) throws Exception {
    long steps = 0;
    try (Stream<?> values = generate(context)) {
      Iterator<?> it = values.iterator();
      while (it.hasNext()) {
        context.emit("progress", progress(++steps, it.next()));
      }
    }
    return result(steps);
  }

  static Map<String, Object> progress(long step, Object value) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("step", step);
    if (value instanceof Map<?, ?> fields) {
      fields.forEach((k, v) -> data.put(String.valueOf(k), v));
    } else {
      data.put("value", value);
    }
    return data;
  }
}
