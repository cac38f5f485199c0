package io.streamingcoordinator.task.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GeneratorTaskTest {

  static class Squares extends GeneratorTask {
    @Override
    protected Stream<?> generate(TaskContext context) {
      return Stream.of(1, 4, Map.of("square", 9));
    }
  }

  /** Counts the values it computes, and starts its stream where it is told to. */
  static class Counted extends GeneratorTask {
    final AtomicInteger computed = new AtomicInteger();

    @Override
    protected Stream<?> generate(TaskContext context) {
      return generate(context, 0);
    }

    @Override
    protected Stream<?> generate(TaskContext context, long done) {
      return IntStream.rangeClosed((int) done + 1, 5).mapToObj(this::compute);
    }

    private int compute(int n) {
      computed.incrementAndGet();
      return n;
    }
  }

  final List<String> names = new ArrayList<>();
  final List<Map<String, ?>> data = new ArrayList<>();
  final List<Map<String, ?>> checkpoints = new ArrayList<>();

  @Test
  void everyGeneratedValueIsOneNumberedProgressEvent() throws Exception {
    Object result = new Squares().run(recording(null));

    assertEquals(List.of("progress", "progress", "progress"), names);
    assertEquals(Map.of("step", 1L, "value", 1), data.get(0));
    assertEquals(Map.of("step", 3L, "square", 9), data.get(2));
    assertEquals(Map.of("steps", 3L), result);
  }

  @Test
  void everyStepIsSavedAsTheCheckpointOfItsEvent() throws Exception {
    new Squares().run(recording(null));

    assertEquals(List.of(Map.of("step", 1L), Map.of("step", 2L), Map.of("step", 3L)), checkpoints);
  }

  @Test
  void aRunAfterACheckpointGoesOnWithTheNextStep() throws Exception {
    Object result = new Squares().run(recording(checkpoint(2)));

    // the default skips the values already sent
    assertEquals(List.of(Map.of("step", 3L, "square", 9)), data);
    assertEquals(Map.of("steps", 3L), result);
  }

  @Test
  void aTaskThatStartsItsStreamAtTheCheckpointComputesOnlyTheRest() throws Exception {
    Counted task = new Counted();
    task.run(recording(checkpoint(3)));

    assertEquals(List.of(Map.of("step", 4L, "value", 4), Map.of("step", 5L, "value", 5)), data);
    assertEquals(2, task.computed.get());
  }

  @Test
  void aCheckpointWithoutAStepStartsAtTheBeginning() throws Exception {
    new Squares().run(recording(Json.createObjectBuilder().add("other", 1).build()));

    assertEquals(3, data.size());
  }

  private static JsonObject checkpoint(long step) {
    return Json.createObjectBuilder().add("step", step).build();
  }

  private TaskContext recording(JsonObject resumedFrom) {
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
      public void emit(String event, Map<String, ?> fields, Map<String, ?> checkpoint) {
        emit(event, fields);
        checkpoints.add(checkpoint);
      }

      @Override
      public Optional<JsonObject> checkpoint() {
        return Optional.ofNullable(resumedFrom);
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
