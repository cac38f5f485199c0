package io.streamingcoordinator.task.entity;

/** Where a task is in its life; the last three are final. */
public enum TaskStatus {
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED;

  public boolean isFinished() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }
}
