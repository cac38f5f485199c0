package io.streamingcoordinator.security.boundary;

import io.streamingcoordinator.api.control.ProblemResponses;
import io.streamingcoordinator.api.entity.Problem;
import io.streamingcoordinator.config.SecuritySettings;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Requests from browser pages of other origins. An origin on {@code streaming.cors.allowed-origins}
 * gets the CORS headers, and its preflights are answered here; a request carrying any other foreign
 * {@code Origin} is refused with 403 before it reaches the API or a stream, so a page elsewhere
 * starts and reads nothing even where the browser would only hide the answer. Requests without an
 * {@code Origin} (curl, Java clients) and from the server's own origin pass untouched.
 */
@WebFilter(
    urlPatterns = "/*",
    asyncSupported = true,
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC})
public class CorsFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;
  private static final String CHECKED = CorsFilter.class.getName() + ".checked";
  private static final String METHODS = "GET, HEAD, POST, PATCH";
  private static final String HEADERS =
      "Content-Type, Last-Event-ID, Authorization, Accept, Cache-Control, X-HTTP-Method-Override";
  private static final String EXPOSED = "Location, Retry-After";
  private static final String PREFLIGHT_MAX_AGE_SECONDS = "600";

  @Inject transient SecuritySettings settings;
  @Inject transient ProblemResponses problems;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String origin = request.getHeader("Origin");
    if (origin == null || request.getAttribute(CHECKED) != null) {
      chain.doFilter(request, response);
      return;
    }
    request.setAttribute(CHECKED, Boolean.TRUE); // an async dispatch of the same request passes
    Set<String> allowed = settings.allowedOrigins();
    if (allowed.contains(origin) || allowed.contains("*")) {
      response.setHeader("Access-Control-Allow-Origin", origin);
      response.addHeader("Vary", "Origin");
      if (isPreflight(request)) {
        response.setHeader("Access-Control-Allow-Methods", METHODS);
        response.setHeader("Access-Control-Allow-Headers", HEADERS);
        response.setHeader("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS);
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        return;
      }
      response.setHeader("Access-Control-Expose-Headers", EXPOSED);
    } else if (!isOwn(origin, request, settings.publicUrl())) {
      response.setHeader("Connection", "close"); // a body sent along is never read
      problems.write(
          Problem.of(
              403,
              "Forbidden",
              "Requests from pages of %s are not allowed here (streaming.cors.allowed-origins)"
                  .formatted(origin.length() > 100 ? origin.substring(0, 100) + "…" : origin)),
          response);
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean isPreflight(HttpServletRequest request) {
    return "OPTIONS".equals(request.getMethod())
        && request.getHeader("Access-Control-Request-Method") != null;
  }

  /**
   * Whether {@code origin} is the server's own (a same-origin page): the origin of {@code
   * streaming.public-url} when set, otherwise the one the request was sent to.
   */
  private static boolean isOwn(String origin, HttpServletRequest request, Optional<URI> publicUrl) {
    String own =
        publicUrl
            .map(url -> origin(url.getScheme(), url.getHost(), url.getPort()))
            .orElseGet(
                () ->
                    origin(request.getScheme(), request.getServerName(), request.getServerPort()));
    return own.equalsIgnoreCase(origin);
  }

  private static String origin(String scheme, String host, int port) {
    boolean defaultPort =
        port < 0
            || ("http".equals(scheme) && port == 80)
            || ("https".equals(scheme) && port == 443);
    return scheme + "://" + host + (defaultPort ? "" : ":" + port);
  }
}
