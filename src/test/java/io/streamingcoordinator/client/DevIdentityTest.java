package io.streamingcoordinator.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevIdentityTest {

  @TempDir Path dir;

  @Test
  void makesAKeyPairOnceAndTokensItsPublicKeyVerifies() throws Exception {
    DevIdentity.create(dir, new PrintStream(new ByteArrayOutputStream(), true, "UTF-8"));
    String publicKey = Files.readString(dir.resolve("public-key.pem"));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve("private-key.pem"))));
    assertTrue(
        Files.readString(dir.resolve("system.properties"))
            .contains("mp.jwt.verify.issuer=" + DevIdentity.ISSUER));

    String token = Files.readString(dir.resolve("producer.token")).trim();
    String[] parts = token.split("\\.");
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initVerify(parse(publicKey));
    signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertTrue(signature.verify(Base64.getUrlDecoder().decode(parts[2])));
    JsonObject claims =
        Json.createReader(
                new StringReader(
                    new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)))
            .readObject();
    assertEquals(DevIdentity.ISSUER, claims.getString("iss"));
    assertEquals("producer", claims.getJsonArray("groups").getString(0));
    assertTrue(claims.getJsonNumber("exp").longValue() > claims.getJsonNumber("iat").longValue());

    // a second run keeps the key, so tokens printed before still work
    DevIdentity.create(dir, new PrintStream(new ByteArrayOutputStream(), true, "UTF-8"));
    assertEquals(publicKey, Files.readString(dir.resolve("public-key.pem")));
  }

  private static PublicKey parse(String pem) throws Exception {
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
  }
}
