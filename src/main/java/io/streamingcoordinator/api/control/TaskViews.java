package io.streamingcoordinator.api.control;

import io.streamingcoordinator.task.control.FieldSpecs;
import io.streamingcoordinator.task.control.JsonCodec;
import io.streamingcoordinator.task.control.TaskCoordinator;
import io.streamingcoordinator.task.control.TaskFields;
import io.streamingcoordinator.task.control.TaskTypes;
import io.streamingcoordinator.task.entity.StreamTask;
import io.streamingcoordinator.task.entity.TaskType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.net.URI;
import java.time.Instant;

/** The JSON shapes of a task that the API answers with. */
@ApplicationScoped
public class TaskViews {

  /** Looked up once: {@code Json.*} looks the provider up on every call. */
  private static final JsonProvider JSON = JsonProvider.provider();

  @Inject TaskTypes types;
  @Inject TaskFields fields;
  @Inject TaskCoordinator coordinator;
  @Inject JsonCodec json;
  @Inject TaskLinks links;
  @Inject FieldSpecs specs;

  /**
   * What a stream answers for a task that already finished, as the original did; a failed or
   * cancelled task also says why ({@code error}: the data of its final error event).
   */
  public JsonObject finished(StreamTask task) {
    JsonObjectBuilder state =
        JSON.createObjectBuilder()
            .add("status", task.getStatus().name())
            .add("final_value", json.parse(task.getFinalValue()))
            .add("completed_at", instant(task.getCompletedAt()));
    JsonValue last = json.parse(task.getLastEvent());
    if (last instanceof JsonObject event && "error".equals(event.getString("event", ""))) {
      JsonObjectBuilder error = JSON.createObjectBuilder();
      event
          .getJsonObject("data")
          .forEach(
              (k, v) -> {
                if (!k.startsWith("_")) {
                  error.add(k, v);
                }
              });
      state.add("error", error);
    }
    return state.build();
  }

  /** The whole state of a task, with the URLs to read and stream it. */
  public JsonObject full(StreamTask task, URI base) {
    TaskType type = types.of(task);
    JsonObjectBuilder own = JSON.createObjectBuilder();
    fields.read(task).forEach(own::add);
    String path = type.path() + "/" + task.getId();
    return JSON.createObjectBuilder()
        .add("id", task.getId())
        .add("app", type.app())
        .add("model", type.model())
        .add("status", task.getStatus().name())
        .add("running", coordinator.isRunning(task.getId()))
        .add("created_at", instant(task.getCreatedAt()))
        .add("updated_at", instant(task.getUpdatedAt()))
        .add("completed_at", instant(task.getCompletedAt()))
        .add("fields", own)
        .add("final_value", json.parse(task.getFinalValue()))
        .add("last_event", json.parse(task.getLastEvent()))
        .add("url", links.task(base, path).toString())
        .add("stream_url", links.stream(base, path, task.getId()).toString())
        .build();
  }

  public JsonObject type(TaskType type) {
    return JSON.createObjectBuilder()
        .add("app", type.app())
        .add("model", type.model())
        .add("fields", JSON.createArrayBuilder(fields.names(type.javaClass())))
        .add("inputs", JSON.createArrayBuilder(specs.of(type.javaClass())))
        .build();
  }

  private static JsonValue instant(Instant instant) {
    return instant == null ? JsonValue.NULL : JSON.createValue(instant.toString());
  }
}
