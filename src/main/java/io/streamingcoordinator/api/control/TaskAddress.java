package io.streamingcoordinator.api.control;

import io.streamingcoordinator.api.entity.ProblemException;
import io.streamingcoordinator.task.control.TaskStore;
import io.streamingcoordinator.task.control.TaskTypes;
import io.streamingcoordinator.task.entity.StreamTask;
import io.streamingcoordinator.task.entity.TaskType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Resolves the {@code {app}/{model}/{id}} of a URL to a task, or to the right problem. */
@ApplicationScoped
public class TaskAddress {

  @Inject TaskTypes types;
  @Inject TaskStore store;

  public TaskType type(String app, String model) {
    return types
        .find(app, model)
        .orElseThrow(
            () ->
                ProblemException.notFound(
                    "There is no task type %s/%s. Known types: %s"
                        .formatted(app, model, types.all().stream().map(TaskType::path).toList())));
  }

  public static long id(String id) {
    // ASCII digits only: Long.parseLong would also take "+1" and digits of other scripts
    if (!id.isEmpty() && id.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        long value = Long.parseLong(id);
        if (value > 0) {
          return value;
        }
      } catch (NumberFormatException e) {
        // too large: answered below
      }
    }
    String shown = id.length() > 40 ? id.substring(0, 40) + "..." : id;
    throw ProblemException.badRequest("A task id is a positive whole number, not '" + shown + "'");
  }

  public StreamTask task(String app, String model, String id) {
    TaskType type = type(app, model);
    long taskId = id(id);
    return store
        .find(type.javaClass(), taskId)
        .orElseThrow(
            () ->
                ProblemException.notFound("There is no %s task %d".formatted(type.path(), taskId)));
  }
}
