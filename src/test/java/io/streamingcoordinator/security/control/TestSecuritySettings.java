package io.streamingcoordinator.security.control;

import io.streamingcoordinator.config.SecuritySettings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Security settings set field by field, for the unit tests. */
public class TestSecuritySettings extends SecuritySettings {
  public boolean enabled = true;
  public StreamAccess streams = StreamAccess.ROLES;
  public byte[] key = "0123456789abcdef0123456789abcdef".getBytes();
  public Duration ttl = Duration.ofMinutes(10);
  public URI publicUrl;

  /** Subscriber tokens under these settings. */
  public StreamTokens tokens() {
    StreamTokens tokens = new StreamTokens();
    tokens.settings = this;
    return tokens;
  }

  @Override
  public boolean enabled() {
    return enabled;
  }

  @Override
  public StreamAccess streamAccess() {
    return streams;
  }

  @Override
  public Optional<byte[]> streamTokenKey() {
    return Optional.ofNullable(key);
  }

  @Override
  public Duration streamTokenTtl() {
    return ttl;
  }

  @Override
  public Optional<URI> publicUrl() {
    return Optional.ofNullable(publicUrl);
  }
}
