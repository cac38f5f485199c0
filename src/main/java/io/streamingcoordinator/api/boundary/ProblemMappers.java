package io.streamingcoordinator.api.boundary;

import io.streamingcoordinator.api.control.ProblemResponses;
import io.streamingcoordinator.api.control.StatusProblems;
import io.streamingcoordinator.api.entity.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns every failure of the REST API into a problem+json answer, never a stack trace. */
public final class ProblemMappers {

  private static final System.Logger LOG = System.getLogger(ProblemMappers.class.getName());

  private ProblemMappers() {}

  /** Problems the application raised on purpose. */
  @Provider
  public static class Raised implements ExceptionMapper<ProblemException> {
    @Inject ProblemResponses responses;

    @Override
    public Response toResponse(ProblemException e) {
      return responses.response(e.problem());
    }
  }

  /** JAX-RS's own refusals: unknown path, wrong method, unsupported media type. */
  @Provider
  public static class Refused implements ExceptionMapper<WebApplicationException> {
    @Inject ProblemResponses responses;

    @Override
    public Response toResponse(WebApplicationException e) {
      Response original = e.getResponse();
      Response problem = responses.response(StatusProblems.of(original.getStatus()));
      if (original.getHeaderString("Allow") != null) {
        return Response.fromResponse(problem)
            .header("Allow", original.getHeaderString("Allow"))
            .build();
      }
      return problem;
    }
  }

  /**
   * Anything else is our bug, or the database gone: logged, answered without details. Errors too:
   * RESTEasy (WildFly) answers an Error no mapper takes with an empty 500 of its own.
   */
  @Provider
  public static class Unexpected implements ExceptionMapper<Throwable> {
    @Inject ProblemResponses responses;

    @Override
    public Response toResponse(Throwable e) {
      return responses.response(responses.unexpected(e, "answering a request"));
    }
  }
}
