package io.streamingcoordinator.outbound;

import io.streamingcoordinator.task.entity.HttpFetcher.Fetched;

/**
 * What one request was answered: status line, the headers a fetch uses, the body's size (0 for a
 * redirect, whose body is not read).
 */
record Answer(int status, String reason, String location, String contentType, long bytes) {

  Fetched fetched() {
    return new Fetched(status, reason, bytes, contentType);
  }
}
