package io.streamingcoordinator.task.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GeneratorTaskTest {

  static class Squares extends GeneratorTask {
    @Override
    protected Stream<?> generate(TaskContext context) {
      return Stream.of(1, 4, Map.of("square", 9));
    }
  }

  @Test
  void everyGeneratedValueIsOneNumberedProgressEvent() throws Exception {
    List<String> names = new ArrayList<>();
    List<Map<String, ?>> data = new ArrayList<>();
    Object result = new Squares().run(recording(names, data));

    assertEquals(List.of("progress", "progress", "progress"), names);
    assertEquals(Map.of("step", 1L, "value", 1), data.get(0));
    assertEquals(Map.of("step", 3L, "square", 9), data.get(2));
    assertEquals(Map.of("steps", 3L), result);
  }

  private static TaskContext recording(List<String> names, List<Map<String, ?>> data) {
    return new TaskContext() {
      @Override
      public long taskId() {
        return 1;
      }

      @Override
      public void emit(String event, Map<String, ?> fields) {
        names.add(event);
        data.add(new LinkedHashMap<>(fields));
      }

      @Override
      public boolean isCancelled() {
        return false;
      }

      @Override
      public void pause(Duration duration) {}

      @Override
      public HttpFetcher http() {
        throw new UnsupportedOperationException();
      }

      @Override
      public <T extends StreamTask> boolean await(
          Class<T> type, Duration timeout, Predicate<? super T> condition) {
        return false;
      }
    };
  }
}
