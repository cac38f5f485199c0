package io.streamingcoordinator.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/** Settings of who may use the API from where; read each time they are used. */
@ApplicationScoped
public class SecuritySettings {

  @Inject Config config;

  /**
   * The browser origins ({@code scheme://host[:port]}) allowed to call the API and open streams
   * from their pages ({@code streaming.cors.allowed-origins}, comma-separated; {@code *} for any;
   * none by default).
   */
  public Set<String> allowedOrigins() {
    return config
        .getOptionalValue("streaming.cors.allowed-origins", String.class)
        .map(
            value ->
                Arrays.stream(value.split(","))
                    .map(String::trim)
                    .filter(origin -> !origin.isEmpty())
                    .collect(Collectors.toUnmodifiableSet()))
        .orElse(Set.of());
  }
}
