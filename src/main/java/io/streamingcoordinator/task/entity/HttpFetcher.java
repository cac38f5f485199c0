package io.streamingcoordinator.task.entity;

import java.io.IOException;
import java.net.URI;

/** The server's outbound HTTP client, as tasks see it (see {@link TaskContext#http()}). */
public interface HttpFetcher {

  /** What a GET answered: the body is read to its end and counted, not kept. */
  record Fetched(int status, String reason, long bytes, String contentType) {}

  /**
   * GETs {@code uri}, waiting for a free connection if all are busy.
   *
   * @throws IOException if the server cannot be reached or the read fails or times out
   */
  Fetched get(URI uri) throws IOException;
}
