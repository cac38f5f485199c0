package io.streamingcoordinator.security.control;

import io.streamingcoordinator.api.entity.Problem;
import io.streamingcoordinator.config.SecuritySettings;
import io.streamingcoordinator.security.entity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.security.Principal;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;

/**
 * Who may do what: a caller needs one of the roles an operation allows, or {@link Role#ADMIN}. The
 * identity is the server's (a MicroProfile JWT bearer token, validated by the server); this only
 * decides.
 */
@ApplicationScoped
public class AccessPolicy {

  /** What a 401 answer tells the client to send ({@code WWW-Authenticate}). */
  public static final String CHALLENGE = "Bearer realm=\"streaming-coordinator\"";

  private static final System.Logger LOG = System.getLogger(AccessPolicy.class.getName());

  @Inject SecuritySettings settings;
  @Inject Config config;

  /** Says at start-up how callers are checked, and warns where that leaves the server open. */
  void started(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (!settings.enabled()) {
      LOG.log(
          Level.WARNING,
          "Security is OFF (streaming.security.enabled=false): anyone who reaches the server may"
              + " create, change, cancel and clean up tasks and read every stream");
      return;
    }
    boolean keyed =
        Stream.of("mp.jwt.verify.publickey", "mp.jwt.verify.publickey.location")
            .anyMatch(key -> config.getOptionalValue(key, String.class).isPresent());
    if (!keyed) {
      LOG.log(
          Level.WARNING,
          "No token issuer is configured (mp.jwt.verify.publickey.location,"
              + " mp.jwt.verify.issuer): every request that needs a role is refused with 401");
    } else {
      LOG.log(
          Level.INFO,
          "Security on: bearer tokens of issuer {0}; streams opened by {1}",
          config.getOptionalValue("mp.jwt.verify.issuer", String.class).orElse("(any)"),
          settings.streamAccess() == SecuritySettings.StreamAccess.TOKEN
              ? "roles or subscriber tokens"
              : "roles");
    }
  }

  public boolean enabled() {
    return settings.enabled();
  }

  /**
   * The problem to answer when {@code caller} (null if anonymous) may not act in one of {@code
   * roles}, or empty when it may.
   */
  public Optional<Problem> refusal(Principal caller, Predicate<String> inRole, String... roles) {
    if (!settings.enabled()) {
      return Optional.empty();
    }
    if (caller != null
        && Stream.concat(Stream.of(Role.ADMIN), Arrays.stream(roles)).anyMatch(inRole)) {
      return Optional.empty();
    }
    String needed =
        Stream.concat(Arrays.stream(roles), Stream.of(Role.ADMIN))
            .distinct()
            .collect(Collectors.joining(" or "));
    if (caller == null) {
      return Optional.of(
          Problem.of(
              401,
              "Unauthorized",
              "This needs credentials: an Authorization: Bearer token of a caller with the role "
                  + needed));
    }
    return Optional.of(
        Problem.of(
            403,
            "Forbidden",
            "This needs the role " + needed + ", which the caller does not have"));
  }
}
