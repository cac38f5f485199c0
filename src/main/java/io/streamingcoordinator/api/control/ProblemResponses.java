package io.streamingcoordinator.api.control;

import io.streamingcoordinator.api.entity.Problem;
import io.streamingcoordinator.config.StreamSettings;
import io.streamingcoordinator.metrics.LogThrottle;
import io.streamingcoordinator.security.control.AccessPolicy;
import io.streamingcoordinator.task.control.Failures;
import io.streamingcoordinator.task.control.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Writes problems as {@code application/problem+json}, for JAX-RS and for servlets alike, with the
 * headers their status calls for: every {@code 401} its {@code WWW-Authenticate} challenge, every
 * {@code 503} its {@code Retry-After}.
 */
@ApplicationScoped
public class ProblemResponses {

  @Inject JsonCodec json;
  @Inject StreamSettings settings;

  private static final System.Logger LOG = System.getLogger(ProblemResponses.class.getName());
  private static final LogThrottle UNAVAILABLE = new LogThrottle(TimeUnit.SECONDS.toNanos(10));

  /**
   * The answer to a failure nobody expected while {@code doing} something: a database that cannot
   * be reached now is {@code 503}, anything else {@code 500}. Both quote the incident under which
   * the cause is logged, and say nothing else of it.
   */
  public Problem unexpected(Throwable e, String doing) {
    String incident = Failures.incident();
    if (Failures.isDatabaseUnavailable(e)) {
      UNAVAILABLE.log(
          LOG,
          Level.WARNING,
          "The database is unavailable " + doing + " (incident {0}): {1} ({2} more in 10 s)",
          incident,
          Failures.rootCause(e).toString());
      return Problem.of(
          503,
          "Service Unavailable",
          "The database cannot be reached just now; try again shortly (incident " + incident + ")");
    }
    LOG.log(Level.ERROR, "Unexpected failure " + doing + " (incident " + incident + ")", e);
    return Problem.of(
        500,
        "Internal Server Error",
        "The server failed; the cause is in its log under incident " + incident);
  }

  public Response response(Problem problem) {
    Response.ResponseBuilder answer =
        Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(json.write(problem));
    if (problem.status() == 401) {
      answer.header(HttpHeaders.WWW_AUTHENTICATE, AccessPolicy.CHALLENGE);
    } else if (problem.status() == 503) {
      answer.header(HttpHeaders.RETRY_AFTER, settings.retryAfterSeconds());
    }
    return answer.build();
  }

  public void write(Problem problem, HttpServletResponse response) throws IOException {
    byte[] body = json.write(problem).getBytes(StandardCharsets.UTF_8);
    headers(problem, response);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** The status and headers of a problem answer, without its body (HEAD); set ones are kept. */
  public void headers(Problem problem, HttpServletResponse response) {
    response.setStatus(problem.status());
    response.setContentType(Problem.MEDIA_TYPE);
    if (problem.status() == 401 && !response.containsHeader(HttpHeaders.WWW_AUTHENTICATE)) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, AccessPolicy.CHALLENGE);
    } else if (problem.status() == 503 && !response.containsHeader(HttpHeaders.RETRY_AFTER)) {
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(settings.retryAfterSeconds()));
    }
  }
}
