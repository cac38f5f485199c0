package io.streamingcoordinator.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/** Settings of who may use the API, from where, and the URLs it hands out; read per use. */
@ApplicationScoped
public class SecuritySettings {

  /** How streams are opened: by a caller with a role, or also by a per-task subscriber token. */
  public enum StreamAccess {
    ROLES,
    TOKEN
  }

  @Inject Config config;

  /** {@code streaming.security.enabled}: false turns every role check off (local experiments). */
  public boolean enabled() {
    return config.getOptionalValue("streaming.security.enabled", Boolean.class).orElse(true);
  }

  /** {@code streaming.security.streams}: {@code roles} (default) or {@code token}. */
  public StreamAccess streamAccess() {
    String value =
        config.getOptionalValue("streaming.security.streams", String.class).orElse("roles");
    try {
      return StreamAccess.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "streaming.security.streams is roles or token, not '" + value + "'");
    }
  }

  /**
   * {@code streaming.security.stream-token.key}: the HMAC key of subscriber tokens, base64, at
   * least 32 bytes; every node of a cluster needs the same one.
   */
  public Optional<byte[]> streamTokenKey() {
    return config
        .getOptionalValue("streaming.security.stream-token.key", String.class)
        .filter(value -> !value.isBlank())
        .map(
            value -> {
              byte[] key;
              try {
                key = Base64.getDecoder().decode(value.trim());
              } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                    "streaming.security.stream-token.key is not base64", e);
              }
              if (key.length < 32) {
                throw new IllegalStateException(
                    "streaming.security.stream-token.key has "
                        + key.length
                        + " bytes; at least 32 are needed");
              }
              return key;
            });
  }

  /** {@code streaming.security.stream-token.ttl}: how long a subscriber token opens its stream. */
  public Duration streamTokenTtl() {
    return ConfigValues.duration(config, "streaming.security.stream-token.ttl", "PT1H");
  }

  /**
   * {@code streaming.public-url}: the base URL clients reach the application at (behind a proxy,
   * say), used for every URL the server hands out; without it those URLs are relative.
   */
  public Optional<URI> publicUrl() {
    return config
        .getOptionalValue("streaming.public-url", String.class)
        .filter(value -> !value.isBlank())
        .map(
            value -> {
              URI uri = URI.create(value.trim().endsWith("/") ? value.trim() : value.trim() + "/");
              if (!uri.isAbsolute()
                  || uri.getHost() == null
                  || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalStateException(
                    "streaming.public-url must be an absolute http(s) URL: " + value);
              }
              return uri;
            });
  }

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
