package io.streamingcoordinator.client;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.UUID;

/**
 * Signs MicroProfile JWT bearer tokens (RS256) with a private key of one's own: for development and
 * tests. In production tokens come from the identity provider whose public key the server is
 * configured with ({@code mp.jwt.verify.publickey.location}).
 */
public final class TokenMinter {

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private final PrivateKey key;
  private final String issuer;

  public TokenMinter(PrivateKey key, String issuer) {
    this.key = key;
    this.issuer = issuer;
  }

  /** Reads a PKCS#8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}). */
  public static TokenMinter fromPem(Path privateKey, String issuer) throws IOException {
    String pem = Files.readString(privateKey, StandardCharsets.US_ASCII);
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      PrivateKey key =
          KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
      return new TokenMinter(key, issuer);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(privateKey + " is not a PKCS#8 PEM RSA private key", e);
    }
  }

  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available", e);
    }
  }

  /** PEM text of a key: {@code PUBLIC KEY} (X.509) or {@code PRIVATE KEY} (PKCS#8). */
  public static String pem(String label, byte[] encoded) {
    String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(encoded);
    return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
  }

  /** A token for {@code subject} in {@code groups} (the roles it holds), valid for {@code ttl}. */
  public String mint(String subject, Collection<String> groups, Duration ttl) {
    return mint(subject, groups, Instant.now(), ttl);
  }

  /** As above, issued at {@code issuedAt} (an expired token for a test, say). */
  public String mint(String subject, Collection<String> groups, Instant issuedAt, Duration ttl) {
    JsonArrayBuilder roles = Json.createArrayBuilder();
    groups.forEach(roles::add);
    String header =
        Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").build().toString();
    String claims =
        Json.createObjectBuilder()
            .add("iss", issuer)
            .add("sub", subject)
            .add("upn", subject)
            .add("groups", roles)
            .add("iat", issuedAt.getEpochSecond())
            .add("exp", issuedAt.plus(ttl).getEpochSecond())
            .add("jti", UUID.randomUUID().toString())
            .build()
            .toString();
    String signed = encode(header) + "." + encode(claims);
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + URL.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with this key", e);
    }
  }

  private static String encode(String json) {
    return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
