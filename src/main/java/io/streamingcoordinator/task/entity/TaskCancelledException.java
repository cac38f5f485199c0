package io.streamingcoordinator.task.entity;

/** Thrown inside {@link StreamTask#process} once the task has been cancelled. */
public class TaskCancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TaskCancelledException(String reason) {
    super(reason);
  }
}
