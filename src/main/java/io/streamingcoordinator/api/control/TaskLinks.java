package io.streamingcoordinator.api.control;

import io.streamingcoordinator.config.SecuritySettings;
import io.streamingcoordinator.config.SecuritySettings.StreamAccess;
import io.streamingcoordinator.security.control.StreamTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;

/**
 * The URLs the server hands out ({@code Location}, {@code url}, {@code stream_url}): under {@code
 * streaming.public-url} when it is set, otherwise relative to the server ({@code
 * /context/tasks/...}). A request's {@code Host} header is never copied into them: a client
 * resolves them against the URL it called.
 */
@ApplicationScoped
public class TaskLinks {

  @Inject SecuritySettings settings;
  @Inject StreamTokens tokens;

  /** The base of the links, for an application at {@code contextPath} ("/" or "/name/"). */
  public URI base(String contextPath) {
    return settings
        .publicUrl()
        .orElseGet(() -> URI.create(contextPath.endsWith("/") ? contextPath : contextPath + "/"));
  }

  /** {@code path} is the task's {@code app/model/id}. */
  public URI task(URI base, String path) {
    return base.resolve("tasks/" + path);
  }

  /** The stream's URL; with subscriber tokens on, carrying a fresh token for the task. */
  public URI stream(URI base, String path, long taskId) {
    URI stream = base.resolve("stream/" + path);
    if (settings.enabled() && settings.streamAccess() == StreamAccess.TOKEN) {
      return URI.create(stream + "?" + StreamTokens.PARAMETER + "=" + tokens.issue(path, taskId));
    }
    return stream;
  }
}
