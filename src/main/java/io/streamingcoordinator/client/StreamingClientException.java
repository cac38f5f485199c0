package io.streamingcoordinator.client;

import java.time.Duration;
import java.util.Optional;

/**
 * The server refused a request: its problem+json answer, typed. A 503 from a connection limit
 * carries how long to wait before retrying.
 */
public class StreamingClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;
  private final String detail;
  private final transient Duration retryAfter;

  public StreamingClientException(int status, String title, String detail, Duration retryAfter) {
    super(status + " " + title + ": " + detail);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.retryAfter = retryAfter;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return detail;
  }

  /** The server's Retry-After, if it sent one (503 at a connection limit). */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
