package io.streamingcoordinator.security.control;

import io.streamingcoordinator.config.SecuritySettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Subscriber tokens: {@code <task id>.<expiry, epoch seconds>.<HMAC-SHA256>} over the task's {@code
 * app/model/id} and the expiry, with the key {@code streaming.security.stream-token.key}. One opens
 * one task's stream until it expires, so a browser {@code EventSource}, which cannot send an {@code
 * Authorization} header, can watch it, and other ids give nothing.
 */
@ApplicationScoped
public class StreamTokens {

  private static final System.Logger LOG = System.getLogger(StreamTokens.class.getName());
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  /** What a presented token is worth for the stream it was presented to. */
  public enum Verdict {
    VALID,
    /** not a token of this server (malformed or a wrong signature) */
    INVALID,
    EXPIRED,
    /** a genuine token of another task */
    OTHER_TASK
  }

  /** The query parameter that carries a subscriber token on a stream URL. */
  public static final String PARAMETER = "token";

  @Inject SecuritySettings settings;

  Clock clock = Clock.systemUTC();
  private byte[] fallbackKey;

  @PostConstruct
  void init() {
    if (settings.streamAccess() == SecuritySettings.StreamAccess.TOKEN
        && settings.streamTokenKey().isEmpty()) {
      LOG.log(
          Level.WARNING,
          "streaming.security.stream-token.key is not set: subscriber tokens are signed with a key"
              + " made at start-up, so they stop working when the server restarts and are not"
              + " accepted by other nodes");
    }
  }

  /** A token for the task at {@code path} ({@code app/model/id}), valid for the configured time. */
  public String issue(String path, long taskId) {
    long expires = clock.instant().plus(settings.streamTokenTtl()).getEpochSecond();
    return taskId + "." + expires + "." + sign(path, expires);
  }

  public Verdict verify(String token, String path, long taskId) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[0].length() > 19 || parts[1].length() > 19) {
      return Verdict.INVALID;
    }
    long tokenTask;
    long expires;
    try {
      tokenTask = Long.parseLong(parts[0]);
      expires = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      return Verdict.INVALID;
    }
    // the signature covers the path the token was issued for: rebuild it with the token's id
    String issuedPath = path.substring(0, path.lastIndexOf('/') + 1) + tokenTask;
    byte[] expected = sign(issuedPath, expires).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
      return Verdict.INVALID;
    }
    if (tokenTask != taskId) {
      return Verdict.OTHER_TASK;
    }
    if (clock.instant().getEpochSecond() >= expires) {
      return Verdict.EXPIRED;
    }
    return Verdict.VALID;
  }

  private String sign(String path, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      return BASE64.encodeToString(
          mac.doFinal((path + "\n" + expires).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private byte[] key() {
    return settings.streamTokenKey().orElseGet(this::fallbackKey);
  }

  private synchronized byte[] fallbackKey() {
    if (fallbackKey == null) {
      fallbackKey = new byte[32];
      new SecureRandom().nextBytes(fallbackKey);
    }
    return fallbackKey;
  }
}
