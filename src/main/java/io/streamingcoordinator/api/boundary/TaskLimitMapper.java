package io.streamingcoordinator.api.boundary;

import io.streamingcoordinator.api.control.ProblemResponses;
import io.streamingcoordinator.api.entity.Problem;
import io.streamingcoordinator.task.control.TaskLimitException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A start refused at the task limits: {@code 503} with {@code Retry-After}, naming the limit. */
@Provider
public class TaskLimitMapper implements ExceptionMapper<TaskLimitException> {

  @Inject ProblemResponses responses;

  @Override
  public Response toResponse(TaskLimitException e) {
    return responses.response(Problem.of(503, "Service Unavailable", e.getMessage()));
  }
}
