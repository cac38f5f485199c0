package io.streamingcoordinator.api.boundary;

import io.streamingcoordinator.security.control.AccessPolicy;
import io.streamingcoordinator.security.entity.Allowed;
import io.streamingcoordinator.security.entity.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * Who the caller is and what the server lets them do, by the same decisions the API takes: the
 * dashboard shows only the controls a caller may use (the server still checks every call).
 */
@Path("caller")
@RequestScoped
public class CallerResource {

  @Inject AccessPolicy policy;
  @Context SecurityContext security;

  @GET
  @Allowed({Role.READER, Role.PRODUCER})
  @Produces(MediaType.APPLICATION_JSON)
  public JsonObject caller() {
    Principal principal = security.getUserPrincipal();
    return Json.createObjectBuilder()
        .add("name", principal == null ? "anonymous" : principal.getName())
        .add(
            "roles",
            Json.createArrayBuilder(Role.ALL.stream().filter(security::isUserInRole).toList()))
        .add(
            "may",
            Json.createObjectBuilder()
                .add("read", may(principal, Role.READER, Role.PRODUCER))
                .add("produce", may(principal, Role.PRODUCER))
                .add("administer", may(principal, Role.ADMIN)))
        .build();
  }

  private boolean may(Principal principal, String... roles) {
    return policy.refusal(principal, security::isUserInRole, roles).isEmpty();
  }
}
