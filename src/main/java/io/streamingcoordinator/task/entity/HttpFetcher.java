package io.streamingcoordinator.task.entity;

import java.io.IOException;
import java.net.URI;

/** The server's outbound HTTP client, as tasks see it (see {@link TaskContext#http()}). */
public interface HttpFetcher {

  /** What a GET answered: the body is read to its end and counted, not kept. */
  record Fetched(int status, String reason, long bytes, String contentType) {}

  /**
   * GETs {@code uri}, following redirects, waiting for a free connection if all are busy. Only
   * public addresses are fetched, and those {@code streaming.http.allowed-hosts} allows; the body
   * may be at most {@code streaming.http.max-response-bytes}, the whole fetch take at most {@code
   * streaming.http.request-timeout}.
   *
   * @throws IOException if the address policy refuses the URL or a redirect, the server cannot be
   *     reached, the read fails or times out, or the body is too large
   * @throws TaskCancelledException if the task stopped: its requests in flight end at once
   */
  Fetched get(URI uri) throws IOException;
}
