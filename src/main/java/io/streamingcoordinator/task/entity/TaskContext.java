package io.streamingcoordinator.task.entity;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a running task can do: emit named events, wait without blocking cancellation, and observe
 * changes made to its own fields through the API.
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
