package io.streamingcoordinator.task.examples;

import io.streamingcoordinator.task.entity.HttpFetcher.Fetched;
import io.streamingcoordinator.task.entity.StreamTask;
import io.streamingcoordinator.task.entity.TaskContext;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fetches {@code url} with the server's outbound HTTP client, as the original's fetch task. */
@Entity
public class FetchTask extends StreamTask {

  @NotNull
  @Size(max = 2000)
  @Pattern(regexp = "https?://.+", message = "must be an http or https URL")
  @Column(length = 2000)
  private String url;

  @Override
  protected Object process(TaskContext context) throws IOException {
    context.emit("start", Map.of("url", url));
    context.emit("progress", Map.of("stage", "fetching", "url", url));
    Fetched fetched = context.http().get(URI.create(url));
    if (fetched.status() >= 400) {
      throw new HttpStatusException(
          "GET %s answered %d %s".formatted(url, fetched.status(), fetched.reason()));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("stage", "fetched");
    result.put("status_code", fetched.status());
    result.put("size", fetched.bytes());
    if (fetched.contentType() != null) {
      result.put("content_type", fetched.contentType());
    }
    context.emit("progress", result);
    result.remove("stage");
    result.put("url", url);
    return result;
  }

  /** The fetched server answered with an error status. */
  public static class HttpStatusException extends IOException {
    private static final long serialVersionUID = 1L;

    public HttpStatusException(String message) {
      super(message);
    }
  }
}
