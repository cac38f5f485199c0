package io.streamingcoordinator.api.control;

import io.streamingcoordinator.api.entity.Problem;
import io.streamingcoordinator.metrics.LogThrottle;
import io.streamingcoordinator.task.control.Failures;
import io.streamingcoordinator.task.control.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Writes problems as {@code application/problem+json}, for JAX-RS and for servlets alike. */
@ApplicationScoped
public class ProblemResponses {

  @Inject JsonCodec json;

  private static final System.Logger LOG = System.getLogger(ProblemResponses.class.getName());
  private static final LogThrottle UNAVAILABLE = new LogThrottle(TimeUnit.SECONDS.toNanos(10));

  /**
   * The answer to a failure nobody expected while {@code doing} something: a database that cannot
   * be reached now is {@code 503} (the caller adds {@code Retry-After}), anything else {@code 500}.
   * Both quote the incident under which the cause is logged, and say nothing else of it.
   */
  public Problem unexpected(Throwable e, String doing) {
    String incident = Failures.incident();
    if (Failures.isDatabaseUnavailable(e)) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      UNAVAILABLE.log(
          LOG,
          Level.WARNING,
          "The database is unavailable " + doing + " (incident {0}): {1} ({2} more in 10 s)",
          incident,
          root.toString());
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
    return Response.status(problem.status())
        .type(Problem.MEDIA_TYPE)
        .entity(json.write(problem))
        .build();
  }

  public void write(Problem problem, HttpServletResponse response) throws IOException {
    byte[] body = json.write(problem).getBytes(StandardCharsets.UTF_8);
    response.setStatus(problem.status());
    response.setContentType(Problem.MEDIA_TYPE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
