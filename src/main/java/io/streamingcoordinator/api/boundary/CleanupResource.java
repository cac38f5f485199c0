package io.streamingcoordinator.api.boundary;

import io.streamingcoordinator.api.control.QueryFlag;
import io.streamingcoordinator.security.entity.Allowed;
import io.streamingcoordinator.security.entity.Role;
import io.streamingcoordinator.task.control.TaskCleanup;
import io.streamingcoordinator.task.control.TaskTypes;
import io.streamingcoordinator.task.entity.CleanupReport;
import io.streamingcoordinator.task.entity.StreamTask;
import io.streamingcoordinator.task.entity.TaskType;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Runs the cleanup of old finished tasks now; {@code dryRun=true} only reports. */
@Path("admin/cleanup")
@RequestScoped
public class CleanupResource {

  /** Looked up once: {@code Json.*} looks the provider up on every call. */
  private static final JsonProvider JSON = JsonProvider.provider();

  @Inject TaskCleanup cleanup;
  @Inject TaskTypes types;

  @POST
  @Allowed(Role.ADMIN)
  @Produces(MediaType.APPLICATION_JSON)
  public JsonObject run(@QueryParam("dryRun") @DefaultValue("false") String dryRun) {
    CleanupReport report = cleanup.cleanup(QueryFlag.parse("dryRun", dryRun));
    JsonArrayBuilder tasks = JSON.createArrayBuilder();
    for (StreamTask task : report.tasks()) {
      TaskType type = types.of(task);
      tasks.add(
          JSON.createObjectBuilder()
              .add("id", task.getId())
              .add("app", type.app())
              .add("model", type.model())
              .add("status", task.getStatus().name())
              .add("completed_at", task.getCompletedAt().toString()));
    }
    return JSON.createObjectBuilder()
        .add("dry_run", report.dryRun())
        .add("retention", report.retention().toString())
        .add("cutoff", report.cutoff().toString())
        .add(report.dryRun() ? "would_delete" : "deleted", report.tasks().size())
        .add("tasks", tasks)
        .build();
  }
}
