package io.streamingcoordinator.task.control;

/** A start refused because every run slot is taken and the queue of waiting starts is full. */
public class TaskLimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TaskLimitException(int maxRunning, int maxQueued) {
    super(
        ("The server runs at most %d tasks at once (streaming.tasks.max-running) and %d more are"
                + " waiting to start (streaming.tasks.max-queued): try again later")
            .formatted(maxRunning, maxQueued));
  }

  public TaskLimitException(String message) {
    super(message);
  }
}
