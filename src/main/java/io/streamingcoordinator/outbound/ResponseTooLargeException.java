package io.streamingcoordinator.outbound;

import java.io.IOException;

/** A fetched body over {@code streaming.http.max-response-bytes}: the fetch fails there. */
public class ResponseTooLargeException extends IOException {

  private static final long serialVersionUID = 1L;

  ResponseTooLargeException(String message) {
    super(message);
  }
}
