package io.streamingcoordinator.api.entity;

/** Ends a request with a problem answer; thrown from resources, written by a mapper. */
public class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;

  public ProblemException(int status, String title, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(404, "Not Found", detail);
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(400, "Bad Request", detail);
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(409, "Conflict", detail);
  }

  public Problem problem() {
    return Problem.of(status, title, getMessage());
  }
}
