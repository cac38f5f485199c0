package io.streamingcoordinator.client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

/**
 * The development identity of the README's one-command run: a key pair made on this machine (never
 * committed, never shipped in the WAR), the server settings that trust its public key, and one
 * token per role, printed and written beside them.
 *
 * <pre>
 * java -cp target/classes:... io.streamingcoordinator.client.DevIdentity target/dev-identity
 * </pre>
 */
public final class DevIdentity {

  /**
   * The issuer the development tokens name and the server expects ({@code mp.jwt.verify.issuer}).
   */
  public static final String ISSUER = "streaming-coordinator-dev";

  static final Duration TOKEN_TTL = Duration.ofDays(30);

  /** One development user per role, holding only that role (admin may do everything anyway). */
  static final List<String> ROLES = List.of("admin", "producer", "reader");

  private DevIdentity() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: DevIdentity <directory>");
      System.exit(2);
    }
    create(Path.of(args[0]), System.out);
  }

  /** Makes the key pair once (kept for later runs) and fresh tokens each time. */
  static void create(Path dir, PrintStream out) throws IOException {
    Files.createDirectories(dir);
    Path privateKey = dir.resolve("private-key.pem");
    Path publicKey = dir.resolve("public-key.pem");
    if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
      KeyPair pair = TokenMinter.newKeyPair();
      Files.writeString(publicKey, TokenMinter.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
      Files.writeString(privateKey, "", StandardCharsets.US_ASCII);
      Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(privateKey, TokenMinter.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    }
    Files.writeString(
        dir.resolve("system.properties"),
        "# written by DevIdentity: the server trusts tokens signed by private-key.pem\n"
            + "mp.jwt.verify.publickey.location="
            + publicKey.toAbsolutePath().toUri()
            + "\nmp.jwt.verify.issuer="
            + ISSUER
            + "\n");
    TokenMinter minter = TokenMinter.fromPem(privateKey, ISSUER);
    out.println("Development tokens (valid " + TOKEN_TTL.toDays() + " days), also in " + dir + ":");
    for (String role : ROLES) {
      String token = minter.mint("dev-" + role, List.of(role), TOKEN_TTL);
      Files.writeString(dir.resolve(role + ".token"), token + "\n");
      out.println("  " + role + ": " + token);
    }
  }
}
