package io.streamingcoordinator.outbound;

import io.streamingcoordinator.config.OutboundSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;

/**
 * The server's one outbound HTTP client, for tasks: created on first use with the configured
 * address policy and limits, closed when the application stops (ending every request in flight).
 * After that it refuses use; it is never recreated. Each task run fetches through its own {@link
 * TaskFetcher}.
 */
@ApplicationScoped
public class OutboundHttp {

  static final String CLOSED = "the outbound HTTP client is closed: the server is stopping";
  private static final System.Logger LOG = System.getLogger(OutboundHttp.class.getName());

  @Inject OutboundSettings settings;

  private OutboundClient client; // guarded by this
  private boolean closed; // guarded by this

  /** A fetcher for one task run; nothing is created or read until its first request. */
  public TaskFetcher forTask() {
    return new TaskFetcher(this::client);
  }

  synchronized OutboundClient client() {
    if (closed) {
      throw new IllegalStateException(CLOSED);
    }
    if (client == null) {
      AllowedHosts allowed = AllowedHosts.parse(settings.allowedHosts());
      FetchLimits limits = FetchLimits.of(settings);
      client = new OutboundClient(AddressPolicy.of(allowed), limits);
      LOG.log(
          Level.INFO,
          "Outbound HTTP client created: {0} requests at most ({1} per task), timeouts {2}/{3}/{4}"
              + " (connect/read/request), bodies up to {5,number,#} bytes, allowed besides public"
              + " addresses: {6}",
          limits.maxConnections(),
          limits.maxConnectionsPerTask(),
          limits.connectTimeout(),
          limits.readTimeout(),
          limits.requestTimeout(),
          limits.maxResponseBytes(),
          allowed);
    }
    return client;
  }

  @PreDestroy
  synchronized void close() {
    closed = true;
    if (client != null) {
      client.close();
      LOG.log(Level.INFO, "Outbound HTTP client closed after {0} requests", client.requests());
      client = null;
    }
  }
}
