package io.streamingcoordinator.bench;

import io.streamingcoordinator.client.TokenMinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

/**
 * The benchmark's caller: a key pair made per run, the server settings trusting it (given to every
 * Payara with {@code --systemProperties}; the stock WAR ignores them) and one admin token sent on
 * every request, so that ours is measured with its security on, as shipped.
 */
final class BenchIdentity {

  private static final String ISSUER = "streaming-coordinator-bench";
  private static final KeyPair KEYS = TokenMinter.newKeyPair();

  /** The {@code Authorization} header's value. */
  static final String AUTHORIZATION =
      "Bearer "
          + new TokenMinter(KEYS.getPrivate(), ISSUER)
              .mint("bench", List.of("admin"), Duration.ofDays(1));

  private BenchIdentity() {}

  static HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).header("Authorization", AUTHORIZATION);
  }

  /** The settings file for {@code payara-micro --systemProperties}. */
  static Path systemProperties(Path dir) {
    try {
      Path file = dir.resolve("bench-identity.properties");
      Files.createDirectories(dir);
      Files.writeString(
          file,
          "mp.jwt.verify.publickey.location="
              + writePublicKey(dir).toUri()
              + "\nmp.jwt.verify.issuer="
              + ISSUER
              + "\n");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path writePublicKey(Path dir) throws IOException {
    Path key = dir.resolve("bench-public-key.pem").toAbsolutePath();
    Files.writeString(key, TokenMinter.pem("PUBLIC KEY", KEYS.getPublic().getEncoded()));
    return key;
  }
}
