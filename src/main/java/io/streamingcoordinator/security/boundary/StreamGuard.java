package io.streamingcoordinator.security.boundary;

import io.streamingcoordinator.api.entity.Problem;
import io.streamingcoordinator.config.SecuritySettings;
import io.streamingcoordinator.config.SecuritySettings.StreamAccess;
import io.streamingcoordinator.security.control.AccessPolicy;
import io.streamingcoordinator.security.control.StreamTokens;
import io.streamingcoordinator.security.entity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Who may open a stream: a caller with a role that reads tasks, or, with {@code
 * streaming.security.streams=token}, whoever holds the task's subscriber token ({@code ?token=}).
 * Checked before the task is looked up, so that a refused request learns nothing of it.
 */
@ApplicationScoped
public class StreamGuard {

  @Inject AccessPolicy policy;
  @Inject StreamTokens tokens;
  @Inject SecuritySettings settings;

  /**
   * The problem to answer, or empty when the request may open the stream of the task at {@code
   * path} ({@code app/model/id}).
   */
  public Optional<Problem> refusal(HttpServletRequest request, String path, long taskId) {
    if (!policy.enabled()) {
      return Optional.empty();
    }
    String token = request.getParameter(StreamTokens.PARAMETER);
    if (token != null && settings.streamAccess() == StreamAccess.TOKEN) {
      return switch (tokens.verify(token, path, taskId)) {
        case VALID -> Optional.empty();
        case INVALID ->
            Optional.of(Problem.of(401, "Unauthorized", "The subscriber token is not valid here"));
        case EXPIRED ->
            Optional.of(
                Problem.of(
                    401,
                    "Unauthorized",
                    "The subscriber token has expired: read the task again for a fresh"
                        + " stream_url"));
        case OTHER_TASK ->
            Optional.of(Problem.of(403, "Forbidden", "The subscriber token is for another task"));
      };
    }
    return policy.refusal(
        request.getUserPrincipal(), request::isUserInRole, Role.READER, Role.PRODUCER);
  }
}
