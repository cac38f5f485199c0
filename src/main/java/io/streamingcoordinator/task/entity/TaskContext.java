package io.streamingcoordinator.task.entity;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a running task can do: emit named events, save its progress with them (checkpoints), wait
 * without blocking cancellation, and observe changes made to its own fields through the API.
 */
public interface TaskContext {

  long taskId();

  /**
   * Publishes one event to every client of this task. {@code complete} and {@code error} are sent
   * by the coordinator when {@code process} ends and cannot be emitted by a task.
   *
   * @throws TaskCancelledException if the task was cancelled
   */
  void emit(String event, Map<String, ?> data);

  default void emit(String event) {
    emit(event, Map.of());
  }

  /**
   * Publishes one event, as {@link #emit(String, Map)}, and saves {@code checkpoint} (a small
   * JSON-able state: what the task has done so far) with it: the event log stores both in one
   * transaction, so the checkpoint is kept exactly when the event is. A later run of this task,
   * after a crash or a suspending shutdown, finds the last kept one in {@link #checkpoint()} and
   * goes on from there instead of starting again.
   *
   * @throws TaskCancelledException if the task was cancelled
   */
  void emit(String event, Map<String, ?> data, Map<String, ?> checkpoint);

  /**
   * The checkpoint saved with the last event of an earlier run that reached the event log; empty on
   * a task's first run, or when no earlier run saved one.
   */
  Optional<JsonObject> checkpoint();

  boolean isCancelled();

  /**
   * Waits for {@code duration}, returning early only by cancellation.
   *
   * @throws TaskCancelledException if the task is cancelled while waiting
   */
  void pause(Duration duration);

  /**
   * Waits until the task's stored fields satisfy {@code condition} (they are reloaded whenever they
   * are changed through the API), or the timeout passes.
   *
   * @return whether the condition was met in time
   * @throws TaskCancelledException if the task is cancelled while waiting
   */
  <T extends StreamTask> boolean await(
      Class<T> type, Duration timeout, Predicate<? super T> condition);

  /**
   * The server's managed outbound HTTP client for this run (outbound address policy, bounded
   * connections, size and time); cancelling the task aborts its requests in flight.
   */
  HttpFetcher http();
}
