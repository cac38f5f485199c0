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
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
  void aDatabaseOutageIsWaitedOutAndTheRunGoesOn() {
    store.unavailableFor = 3; // the first three tries of markRunning find no database
    run(emitting(11, 2), "Emitting").run();

    assertEquals(
        List.of("progress", "progress", "complete"),
        published.stream().map(TaskEvent::name).toList());
    assertEquals(List.of("running 11", "finish 11 COMPLETED"), store.calls);
  }

  @Test
  void anOutageLongerThanTheBoundFailsTheRunWithAMessageThatNamesIt() {
    store.unavailableFor = Integer.MAX_VALUE;
    run(emitting(12, 2), "Emitting", Duration.ofMillis(300)).run();

    assertEquals(List.of("error"), published.stream().map(TaskEvent::name).toList());
    JsonObject error = data(published.get(0));
    assertEquals("DatabaseUnavailable", error.getString("error_type"));
    String message = error.getString("message");
    assertTrue(
        message.contains("PT0.3S") && message.contains("streaming.log.outage-timeout"), message);
    assertFalse(message.contains("SQL"), message);
  }

  @Test
  void anEventTheLogDidNotTakeGivesItsIdBack() {
    TaskRun run =
        new TaskRun(
            emitting(16, 5),
            new TaskType("tests", "Emitting", StreamTask.class),
            store,
            json,
            event -> {
              if (event.id() == 3 && !event.isTerminal()) {
                throw new DatabaseOutageException(Duration.ofSeconds(5), null);
              }
              published.add(event);
            },
            null,
            new EventCaps(1024, 10),
            Duration.ofSeconds(5),
            null);
    run.run();

    assertEquals(List.of(1L, 2L, 3L), published.stream().map(TaskEvent::id).toList());
    assertEquals("error", published.get(2).name(), "the error takes the id, no gap");
  }

  @Test
  void aStopEndsTheWaitForTheDatabase() throws Exception {
    store.unavailableFor = Integer.MAX_VALUE;
    TaskRun run = run(emitting(13, 2), "Emitting", Duration.ofMinutes(10));
    CompletableFuture.runAsync(run);
    org.awaitility.Awaitility.await()
        .atMost(5, TimeUnit.SECONDS)
        .until(() -> store.unavailableTries.get() >= 2);
    run.stop(new TaskRun.Stop(TaskStatus.RUNNING, "The server is shutting down"));

    assertEquals(TaskStatus.RUNNING, run.ended().toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertEquals(List.of(), published, "suspended: nothing is sent");
  }

  @Test
  void aCheckpointTravelsWithItsEventAndTheNextRunStartsFromIt() throws Exception {
    run(emitting(14, 2), "Emitting").run();
    assertEquals(
        List.of("{\"done\":1}", "{\"done\":2}"),
        published.subList(0, 2).stream().map(TaskEvent::checkpoint).toList());
    assertEquals(null, published.get(2).checkpoint(), "the final event saves nothing");
    assertEquals("\"none\"", store.finalValue, "a first run has no checkpoint");

    published.clear();
    StreamTask again = emitting(14, 1);
    Field saved = StreamTask.class.getDeclaredField("checkpoint");
    saved.setAccessible(true);
    saved.set(again, "{\"done\":2}");
    run(again, "Emitting").run();
    assertEquals("\"{\\\"done\\\":2}\"", store.finalValue, "the next run gets the last one");
  }

  @Test
  void aCheckpointIsBoundLikeAnEvent() {
    StreamTask large =
        withId(
            new StreamTask() {
              @Override
              protected Object process(TaskContext context) {
                context.emit("progress", Map.of(), Map.of("state", "x".repeat(2000)));
                return null;
              }
            },
            15);
    run(large, "Large").run();

    assertEquals(List.of("error"), published.stream().map(TaskEvent::name).toList());
    assertTrue(data(published.get(0)).getString("message").contains("checkpoint"));
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
    return run(task, model, Duration.ofSeconds(30));
  }

  private TaskRun run(StreamTask task, String model, Duration outageTimeout) {
    return new TaskRun(
        task,
        new TaskType("tests", model, task.getClass()),
        store,
        json,
        published::add,
        null,
        new EventCaps(1024, 10),
        outageTimeout,
        null);
  }

  private static StreamTask emitting(long id, int events) {
    return withId(
        new StreamTask() {
          @Override
          protected Object process(TaskContext context) {
            for (int i = 1; i <= events; i++) {
              context.emit("progress", Map.of("i", i), Map.of("done", i));
            }
            return context.checkpoint().map(Object::toString).orElse("none");
          }
        },
        id);
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
    final Map<Long, StreamTask> tasks = new ConcurrentHashMap<>(); // found by id, when there
    final List<StreamTask> listed = new CopyOnWriteArrayList<>(); // what withStatus lists
    volatile StreamTask stored; // found for any other id
    volatile String finalValue;
    volatile String lastEvent;
    volatile boolean refuseRun; // as if the task had ended before its run's first write
    volatile int finishFailures; // as if the database could not be reached for that many ends
    volatile int unavailableFor; // tries of markRunning that find no database
    final AtomicInteger unavailableTries = new AtomicInteger();

    @Override
    public Claim markRunning(long id, long reserveUpTo) {
      if (unavailableTries.incrementAndGet() <= unavailableFor) {
        throw new IllegalStateException(
            new SQLTransientConnectionException("Connection refused", "08001"));
      }
      calls.add("running " + id);
      StreamTask task = tasks.get(id);
      if (task != null && !task.getStatus().isFinished()) {
        task.setStatus(TaskStatus.RUNNING);
      }
      return !refuseRun && (task == null || task.getStatus() == TaskStatus.RUNNING)
          ? Claim.CLAIMED
          : Claim.FINISHED;
    }

    @Override
    public List<StreamTask> withStatus(TaskStatus status) {
      return listed.stream().filter(task -> task.getStatus() == status).toList();
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
      StreamTask task = tasks.get(id);
      if (task != null) {
        task.setStatus(status);
        task.setLastEvent(lastEvent);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends StreamTask> Optional<T> find(Class<T> type, long id) {
      return Optional.ofNullable((T) tasks.getOrDefault(id, stored));
    }
  }
}
