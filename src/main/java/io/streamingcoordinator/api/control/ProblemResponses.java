package io.streamingcoordinator.api.control;

import io.streamingcoordinator.api.entity.Problem;
import io.streamingcoordinator.task.control.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes problems as {@code application/problem+json}, for JAX-RS and for servlets alike. */
@ApplicationScoped
public class ProblemResponses {

  @Inject JsonCodec json;

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
