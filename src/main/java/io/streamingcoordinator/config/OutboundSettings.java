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
    return Duration.parse(config.getValue("streaming.http.connect-timeout", String.class));
  }

  public Duration readTimeout() {
    return Duration.parse(config.getValue("streaming.http.read-timeout", String.class));
  }

  public int maxConnections() {
    int max = config.getValue("streaming.http.max-connections", Integer.class);
    if (max < 1) {
      throw new IllegalStateException("streaming.http.max-connections must be at least 1: " + max);
    }
    return max;
  }
}
