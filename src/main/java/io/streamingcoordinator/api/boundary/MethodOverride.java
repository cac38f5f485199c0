package io.streamingcoordinator.api.boundary;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Lets clients whose HTTP stack cannot send PATCH (Java's HttpURLConnection, and so JAX-RS clients
 * built on it) send {@code POST} with {@code X-HTTP-Method-Override: PATCH}.
 */
@Provider
@PreMatching
public class MethodOverride implements ContainerRequestFilter {

  static final String HEADER = "X-HTTP-Method-Override";

  @Override
  public void filter(ContainerRequestContext request) {
    if (HttpMethod.POST.equals(request.getMethod())
        && HttpMethod.PATCH.equalsIgnoreCase(request.getHeaderString(HEADER))) {
      request.setMethod(HttpMethod.PATCH);
    }
  }
}
