package io.streamingcoordinator.task.entity;

import java.util.Set;

/**
 * One event of one task, as published: {@code id} increases per task, {@code data} is the JSON
 * object sent as the SSE data line. {@code checkpoint}, when not null, is the task's state after
 * this event (JSON): the event log stores it with the event, and a later run of the task starts
 * from it. Clients never see it.
 */
public record TaskEvent(long taskId, long id, String name, String data, String checkpoint) {

  public static final String COMPLETE = "complete";
  public static final String ERROR = "error";
  private static final Set<String> TERMINAL = Set.of(COMPLETE, ERROR);

  /** An event without a checkpoint. */
  public TaskEvent(long taskId, long id, String name, String data) {
    this(taskId, id, name, data, null);
  }

  /** Whether the stream ends after this event. */
  public boolean isTerminal() {
    return TERMINAL.contains(name);
  }

  public static boolean isReserved(String name) {
    return TERMINAL.contains(name);
  }
}
