package io.streamingcoordinator.task.control;

/** The client sent task fields that cannot be applied; the message says which and why. */
public class InvalidTaskException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidTaskException(String message) {
    super(message);
  }
}
