package io.streamingcoordinator.it;

import io.streamingcoordinator.client.TokenMinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The identity provider of the integration tests: a key pair made once per test JVM, the server
 * settings that trust it (put into every deployment, see {@link Deployments}), and tokens.
 */
final class TestIdentity {

  static final String ISSUER = "streaming-coordinator-tests";

  private static final KeyPair KEYS = TokenMinter.newKeyPair();
  private static final TokenMinter MINTER = new TokenMinter(KEYS.getPrivate(), ISSUER);

  private TestIdentity() {}

  /** The MicroProfile JWT settings under which the server trusts these tokens. */
  static Map<String, String> serverConfig() {
    return Map.of(
        "mp.jwt.verify.publickey",
        TokenMinter.pem("PUBLIC KEY", KEYS.getPublic().getEncoded()),
        "mp.jwt.verify.issuer",
        ISSUER);
  }

  /**
   * The same settings and {@code more} as a file, for a server started as a process ({@code
   * --systemProperties}).
   */
  static Path systemProperties(Map<String, String> more) {
    try {
      Path file = Files.createTempFile("test-identity", ".properties");
      java.util.Properties properties = new java.util.Properties();
      properties.putAll(serverConfig());
      properties.putAll(more);
      try (var out = Files.newOutputStream(file)) {
        properties.store(out, "test identity");
      }
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A token of a caller holding just {@code role}, valid for an hour. */
  static String token(String role) {
    return MINTER.mint("test-" + role, List.of(role), Duration.ofHours(1));
  }

  static String token(String subject, List<String> groups, Duration ttl) {
    return MINTER.mint(subject, groups, ttl);
  }

  /** A token that expired an hour ago. */
  static String expiredToken(String role) {
    return MINTER.mint(
        "test-" + role,
        List.of(role),
        java.time.Instant.now().minus(Duration.ofHours(2)),
        Duration.ofHours(1));
  }

  /** A token signed by another key, which the server must refuse. */
  static String foreignToken(String role) {
    return new TokenMinter(TokenMinter.newKeyPair().getPrivate(), ISSUER)
        .mint("intruder", List.of(role), Duration.ofHours(1));
  }
}
