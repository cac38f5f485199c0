package io.streamingcoordinator.api.boundary;

import io.streamingcoordinator.security.entity.Role;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The REST API at the context root; {@code /stream/*} is served by the stream servlet. Callers are
 * identified by the server's MicroProfile JWT support ({@code Authorization: Bearer}, keys from
 * {@code mp.jwt.verify.*}) for the whole application; what each role may do is decided by
 * security.boundary.RoleCheck and the stream servlet. A CDI bean so that the server sees its
 * {@code @LoginConfig} under annotated bean discovery.
 */
@ApplicationPath("/")
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({Role.ADMIN, Role.PRODUCER, Role.READER})
public class RestApplication extends Application {

  /**
   * Jersey answers OPTIONS with a WADL document naming the resource classes; without it OPTIONS
   * answers the {@code Allow} header only. A relative {@code Location} stays relative rather than
   * being completed from the request's {@code Host} (see TaskLinks). Other JAX-RS implementations
   * ignore the keys.
   */
  @Override
  public Map<String, Object> getProperties() {
    return Map.of(
        "jersey.config.server.wadl.disableWadl",
        true,
        "jersey.config.server.headers.location.relative.resolution.disabled",
        true);
  }
}
