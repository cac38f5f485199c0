package io.streamingcoordinator.task.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.config.TaskSettings.EventCaps;
import io.streamingcoordinator.task.entity.StreamTask;
import io.streamingcoordinator.task.entity.TaskContext;
import io.streamingcoordinator.task.entity.TaskEvent;
import io.streamingcoordinator.task.entity.TaskStatus;
import io.streamingcoordinator.task.entity.TaskType;
import io.streamingcoordinator.task.examples.ContinueTask;
import io.streamingcoordinator.task.examples.ExampleTask;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskRunTest {

  final JsonCodec json = new JsonCodec();
  final RecordingStore store = new RecordingStore();
  final List<TaskEvent> published = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    json.close();
  }

  @Test
  void timestampsAlwaysHaveMillisecondsSoTheyKeepOneWidth() {
    assertEquals(
        "2026-11-27T18:08:21.000Z",
        TaskRun.TIMESTAMP.format(java.time.Instant.parse("2026-11-27T18:08:21Z")));
    assertEquals(
        "2026-11-27T18:08:21.668Z",
        TaskRun.TIMESTAMP.format(java.time.Instant.parse("2026-11-27T18:08:21.668999Z")));
  }

  @Test
  void numbersEventsAddsTheirContextAndEndsWithComplete() {
    ExampleTask task = withId(new ExampleTask(), 7);
    run(task, "ExampleTask").run();

    assertEquals(
        List.of("start", "progress", "progress", "progress", "complete"),
        published.stream().map(TaskEvent::name).toList());
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), published.stream().map(TaskEvent::id).toList());
    JsonObject progress = data(published.get(1));
    assertEquals(1, progress.getInt("step"));
    assertEquals(7, progress.getInt("_task_id"));
    assertEquals("tests", progress.getString("_app"));
    assertEquals("ExampleTask", progress.getString("_model"));
    assertEquals(3, data(published.get(4)).getJsonObject("final_value").getInt("steps"));
    assertEquals(List.of("running 7", "finish 7 COMPLETED"), store.calls);
    assertTrue(store.lastEvent.startsWith("{\"id\":5,\"event\":\"complete\",\"data\":{"));
    assertEquals("{\"message\":\"Hello\",\"steps\":3}", normalised(store.finalValue));
  }

  @Test
  void anEndThatCouldNotBeStoredIsStoredAgainWhenAsked() {
    ExampleTask task = withId(new ExampleTask(), 7);
    store.finishFailures = 1;
    TaskRun run = run(task, "ExampleTask");
    run.run();
    assertEquals("complete", published.get(published.size() - 1).name(), "clients are told");
    assertEquals(List.of("running 7"), store.calls, "but the end is not stored yet");
    assertTrue(run.storeEndAgain());
    assertEquals(List.of("running 7", "finish 7 COMPLETED"), store.calls);
    assertTrue(store.lastEvent.startsWith("{\"id\":5,\"event\":\"complete\""));
    assertFalse(run.storeEndAgain(), "once");
  }

  @Test
  void aFailureEndsTheTaskWithAnErrorEvent() {
    StreamTask failing =
        withId(
            new StreamTask() {
              @Override
              protected Object process(TaskContext context) {
                context.emit("progress", Map.of("step", 1));
                throw new IllegalArgumentException("bad input");
              }
            },
            3);
    run(failing, "Failing").run();

    assertEquals(List.of("progress", "error"), published.stream().map(TaskEvent::name).toList());
    JsonObject error = data(published.get(1));
    assertEquals("bad input", error.getString("message"));
    assertEquals("IllegalArgumentException", error.getString("error_type"));
    assertEquals("finish 3 FAILED", store.calls.get(store.calls.size() - 1));
  }

  @Test
  void aTaskCannotSendTheEventsThatEndAStream() {
    StreamTask cheating =
        withId(
            new StreamTask() {
              @Override
              protected Object process(TaskContext context) {
                context.emit("complete", Map.of());
                return null;
              }
            },
            4);
    run(cheating, "Cheating").run();

    assertEquals(List.of("error"), published.stream().map(TaskEvent::name).toList());
    assertEquals("IllegalArgumentException", data(published.get(0)).getString("error_type"));
  }

  @Test
  void anEventOverTheSizeLimitFailsTheTaskAndIsNeverPublished() {
    StreamTask large =
        withId(
            new StreamTask() {
              @Override
              protected Object process(TaskContext context) {
                context.emit("small", Map.of("text", "é".repeat(100)));
                context.emit("large", Map.of("text", "é".repeat(600))); // 1,200 bytes in UTF-8
                return null;
              }
            },
            8);
    run(large, "Large").run();

    assertEquals(List.of("small", "error"), published.stream().map(TaskEvent::name).toList());
    JsonObject error = data(published.get(1));
    assertEquals("EventLimitException", error.getString("error_type"));
    assertTrue(
        error.getString("message").contains("more than 1024 bytes")
            && error.getString("message").contains("streaming.events.max-bytes"),
        error.getString("message"));
    assertEquals("finish 8 FAILED", store.calls.get(store.calls.size() - 1));
  }

  @Test
  void aRunEmittingMoreEventsThanItsCapFails() {
    StreamTask endless =
        withId(
            new StreamTask() {
              @Override
              protected Object process(TaskContext context) {
                for (int i = 0; ; i++) {
                  context.emit("progress", Map.of("i", i));
                }
              }
            },
            9);
    run(endless, "Endless").run();

    assertEquals(11, published.size(), "10 events, then the error");
    JsonObject error = data(published.get(10));
    assertTrue(
        error.getString("message").contains("streaming.events.max-per-task"),
        error.getString("message"));
  }

  @Test
  void theSizeCheckCountsUtf8Bytes() {
    assertFalse(TaskRun.isOver("x".repeat(1000), 1000));
    assertTrue(TaskRun.isOver("x".repeat(1001), 1000));
    assertFalse(TaskRun.isOver("é".repeat(500), 1000));
    assertTrue(TaskRun.isOver("é".repeat(501), 1000));
    assertFalse(TaskRun.isOver("€".repeat(333), 1000));
    assertTrue(TaskRun.isOver("€".repeat(334), 1000));
    assertFalse(TaskRun.isOver("😀".repeat(250), 1000));
    assertTrue(TaskRun.isOver("😀".repeat(251), 1000));
  }

  @Test
  void aWaitingTaskWakesWhenItsFieldsChangeAndWhenItIsCancelled() throws Exception {
    ContinueTask waiting = withId(new ContinueTask(), 5);
    fields().apply(waiting, Json.createObjectBuilder().add("timeoutSeconds", 60).build());
    store.stored = waiting;
    TaskRun run = run(waiting, "ContinueTask");
    CompletableFuture.runAsync(run);
    awaitEvents(1);

    ContinueTask continued = withId(new ContinueTask(), 5);
    fields().apply(continued, Json.createObjectBuilder().add("continue", true).build());
    store.stored = continued;
    run.fieldsChanged();
    assertEquals(TaskStatus.COMPLETED, run.ended().toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertEquals(
        List.of("started", "final", "complete"), published.stream().map(TaskEvent::name).toList());

    published.clear();
    ContinueTask cancelled = withId(new ContinueTask(), 6);
    fields().apply(cancelled, Json.createObjectBuilder().add("timeoutSeconds", 60).build());
    store.stored = cancelled;
    TaskRun second = run(cancelled, "ContinueTask");
    CompletableFuture.runAsync(second);
    awaitEvents(1);
    assertFalse(second.isCancelled());
    second.stop(new TaskRun.Stop(TaskStatus.CANCELLED, "Task cancelled"));
    assertEquals(
        TaskStatus.CANCELLED, second.ended().toCompletableFuture().get(5, TimeUnit.SECONDS));
    TaskEvent last = published.get(published.size() - 1);
    assertEquals("error", last.name());
    assertEquals("CancelledError", data(last).getString("error_type"));
  }

  private void awaitEvents(int count) {
    org.awaitility.Awaitility.await()
        .atMost(5, TimeUnit.SECONDS)
        .until(() -> published.size() >= count);
  }

  private TaskFields fields() {
    TaskFields fields = new TaskFields();
    fields.json = json;
    return fields;
  }

  private TaskRun run(StreamTask task, String model) {
    return new TaskRun(
        task,
        new TaskType("tests", model, task.getClass()),
        store,
        json,
        published::add,
        null,
        new EventCaps(1024, 10),
        null);
  }

  private JsonObject data(TaskEvent event) {
    return Json.createReader(new StringReader(event.data())).readObject();
  }

  private String normalised(String text) {
    JsonObject object = Json.createReader(new StringReader(text)).readObject();
    return Json.createObjectBuilder()
        .add("message", object.getString("message"))
        .add("steps", object.getInt("steps"))
        .build()
        .toString();
  }

  static <T extends StreamTask> T withId(T task, long id) {
    try {
      Field field = StreamTask.class.getDeclaredField("id");
      field.setAccessible(true);
      field.set(task, id);
      return task;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Records what a run stores, without a database. */
  static final class RecordingStore extends TaskStore {
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile StreamTask stored;
    volatile String finalValue;
    volatile String lastEvent;
    volatile boolean refuseRun; // as if the task had ended before its run's first write
    volatile int finishFailures; // as if the database could not be reached for that many ends

    @Override
    public boolean markRunning(long id, long reserveUpTo) {
      calls.add("running " + id);
      return !refuseRun;
    }

    @Override
    public void reserve(long id, long upTo) {}

    @Override
    public void recordLastEvent(long id, String event) {
      lastEvent = event;
    }

    @Override
    public void finish(long id, TaskStatus status, String finalValue, String lastEvent) {
      if (finishFailures > 0) {
        finishFailures--;
        throw new IllegalStateException("no database now");
      }
      calls.add("finish " + id + " " + status);
      this.finalValue = finalValue;
      this.lastEvent = lastEvent;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends StreamTask> Optional<T> find(Class<T> type, long id) {
      return Optional.ofNullable((T) stored);
    }
  }
}
