package io.streamingcoordinator.task.control;

/**
 * A task went over what one event or one run may hold ({@code streaming.events.*}); it fails with
 * an {@code error} event of this type, and the event is never published.
 */
public class EventLimitException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public EventLimitException(String message) {
    super(message);
  }
}
