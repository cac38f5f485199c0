package io.streamingcoordinator.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/** Settings of the server's outbound HTTP client; read when the client is created. */
@ApplicationScoped
public class OutboundSettings {

  @Inject Config config;

  public Duration connectTimeout() {
    return duration("streaming.http.connect-timeout");
  }

  public Duration readTimeout() {
    return duration("streaming.http.read-timeout");
  }

  /** The longest one fetch may take in all: waiting for a connection, redirects, the body. */
  public Duration requestTimeout() {
    return duration("streaming.http.request-timeout");
  }

  public int maxConnections() {
    return positive("streaming.http.max-connections");
  }

  public int maxConnectionsPerTask() {
    return positive("streaming.http.max-connections-per-task");
  }

  /** The largest body a fetch reads; a larger one fails the fetch. */
  public long maxResponseBytes() {
    long max = config.getValue("streaming.http.max-response-bytes", Long.class);
    if (max < 1) {
      throw new IllegalStateException(
          "streaming.http.max-response-bytes must be at least 1: " + max);
    }
    return max;
  }

  /**
   * The operator's exceptions to the outbound address policy ({@code streaming.http.allowed-hosts},
   * comma-separated; empty by default): see {@code outbound.AllowedHosts} for the entries.
   */
  public String allowedHosts() {
    return config.getOptionalValue("streaming.http.allowed-hosts", String.class).orElse("");
  }

  private int positive(String key) {
    return ConfigValues.positive(config, key);
  }

  private Duration duration(String key) {
    return ConfigValues.duration(config, key);
  }
}
