package io.streamingcoordinator.task.control;

import java.time.Duration;

/**
 * The database stayed out of reach for longer than a run may wait ({@code
 * streaming.log.outage-timeout}): the run fails with this message, which names the bound.
 */
public class DatabaseOutageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DatabaseOutageException(Duration bound, Throwable last) {
    super(
        "The database could not be reached for longer than "
            + bound
            + " (streaming.log.outage-timeout): the task stopped",
        last);
  }
}
