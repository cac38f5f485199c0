package io.streamingcoordinator.task.entity;

import java.util.Set;

/**
 * One event of one task, as published: {@code id} increases per task, {@code data} is the JSON
 * object sent as the SSE data line.
 */
public record TaskEvent(long taskId, long id, String name, String data) {

  public static final String COMPLETE = "complete";
  public static final String ERROR = "error";
  private static final Set<String> TERMINAL = Set.of(COMPLETE, ERROR);

  /** Whether the stream ends after this event. */
  public boolean isTerminal() {
    return TERMINAL.contains(name);
  }

  public static boolean isReserved(String name) {
    return TERMINAL.contains(name);
  }
}
