package io.streamingcoordinator.security.boundary;

import io.streamingcoordinator.api.control.ProblemResponses;
import io.streamingcoordinator.security.control.AccessPolicy;
import io.streamingcoordinator.security.entity.Allowed;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Checks the {@link Allowed} roles of every resource method before it runs: 401 (with a {@code
 * WWW-Authenticate} challenge) without credentials, 403 with the wrong role.
 */
@Provider
public class RoleCheck implements DynamicFeature {

  @Inject AccessPolicy policy;
  @Inject ProblemResponses problems;

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    Allowed allowed = resource.getResourceMethod().getAnnotation(Allowed.class);
    if (allowed == null) {
      allowed = resource.getResourceClass().getAnnotation(Allowed.class);
    }
    if (allowed != null) {
      context.register(new Filter(allowed.value()));
    }
  }

  @Priority(Priorities.AUTHORIZATION)
  private final class Filter implements ContainerRequestFilter {
    private final String[] roles;

    Filter(String[] roles) {
      this.roles = roles;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      SecurityContext security = request.getSecurityContext();
      policy
          .refusal(security.getUserPrincipal(), security::isUserInRole, roles)
          .ifPresent(problem -> request.abortWith(problems.response(problem)));
    }
  }
}
