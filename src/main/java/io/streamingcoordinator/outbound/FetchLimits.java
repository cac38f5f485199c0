package io.streamingcoordinator.outbound;

import io.streamingcoordinator.config.OutboundSettings;
import java.time.Duration;

/** What fetches may take, as configured when the client was created. */
record FetchLimits(
    Duration connectTimeout,
    Duration readTimeout,
    Duration requestTimeout,
    long maxResponseBytes,
    int maxConnections,
    int maxConnectionsPerTask) {

  static FetchLimits of(OutboundSettings settings) {
    return new FetchLimits(
        settings.connectTimeout(),
        settings.readTimeout(),
        settings.requestTimeout(),
        settings.maxResponseBytes(),
        settings.maxConnections(),
        settings.maxConnectionsPerTask());
  }
}
