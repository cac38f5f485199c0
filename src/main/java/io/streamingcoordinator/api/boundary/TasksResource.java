package io.streamingcoordinator.api.boundary;

import io.streamingcoordinator.api.control.JsonBody;
import io.streamingcoordinator.api.control.QueryFlag;
import io.streamingcoordinator.api.control.TaskAddress;
import io.streamingcoordinator.api.control.TaskLinks;
import io.streamingcoordinator.api.control.TaskViews;
import io.streamingcoordinator.api.entity.ProblemException;
import io.streamingcoordinator.config.TaskSettings;
import io.streamingcoordinator.event.control.ClusterRelay;
import io.streamingcoordinator.security.entity.Allowed;
import io.streamingcoordinator.security.entity.Role;
import io.streamingcoordinator.task.control.InvalidTaskException;
import io.streamingcoordinator.task.control.RunSlots;
import io.streamingcoordinator.task.control.TaskCoordinator;
import io.streamingcoordinator.task.control.TaskFields;
import io.streamingcoordinator.task.control.TaskStore;
import io.streamingcoordinator.task.control.TaskTypes;
import io.streamingcoordinator.task.entity.StreamTask;
import io.streamingcoordinator.task.entity.TaskStatus;
import io.streamingcoordinator.task.entity.TaskType;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** Creates, reads, changes and cancels tasks. */
@Path("tasks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TasksResource {

  private static final long CANCEL_WAIT_SECONDS = 5;
  private static final String MERGE_PATCH = "application/merge-patch+json";
  private static final int MAX_RECENT = 100;

  @Inject TaskTypes types;
  @Inject TaskAddress address;
  @Inject TaskFields fields;
  @Inject TaskStore store;
  @Inject TaskCoordinator coordinator;
  @Inject ClusterRelay relay;
  @Inject TaskViews views;
  @Inject TaskLinks links;
  @Inject TaskSettings settings;
  @Inject Validator validator;
  @Context UriInfo uri;

  @GET
  @Allowed({Role.READER, Role.PRODUCER})
  public JsonArray types() {
    return types.all().stream()
        .map(views::type)
        .collect(Json::createArrayBuilder, (a, t) -> a.add(t), (a, b) -> a.addAll(b))
        .build();
  }

  /** The newest tasks of every type, newest first ({@code limit}: 1 to 100, default 20). */
  @GET
  @Path("recent")
  @Allowed({Role.READER, Role.PRODUCER})
  public JsonArray recent(@QueryParam("limit") @DefaultValue("20") String limit) {
    URI base = base();
    return store.recent(recentLimit(limit)).stream()
        .map(task -> views.full(task, base))
        .collect(Json::createArrayBuilder, (a, t) -> a.add(t), (a, b) -> a.addAll(b))
        .build();
  }

  @POST
  @Path("{app}/{model}")
  @Allowed(Role.PRODUCER)
  // JSON only: a form or text/plain POST, which a page on any site can send, starts nothing (415)
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(
      @PathParam("app") String app,
      @PathParam("model") String model,
      @QueryParam("start") @DefaultValue("true") String start,
      InputStream body) {
    TaskType type = address.type(app, model);
    boolean startNow = QueryFlag.parse("start", start);
    StreamTask task = instantiate(type);
    apply(task, JsonBody.read(body, settings.maxBodyBytes()));
    // a start the server cannot take is refused before anything is stored
    RunSlots.Slot slot = startNow ? coordinator.reserve() : null;
    try {
      store.create(task);
    } catch (RuntimeException e) {
      if (slot != null) {
        slot.release();
      }
      throw e;
    }
    if (slot != null) {
      coordinator.start(task, slot);
    }
    URI base = base();
    return Response.status(Response.Status.CREATED)
        .header(HttpHeaders.LOCATION, links.task(base, type.path() + "/" + task.getId()))
        .entity(views.full(task, base))
        .build();
  }

  @GET
  @Path("{app}/{model}/{id}")
  @Allowed({Role.READER, Role.PRODUCER})
  public JsonObject read(
      @PathParam("app") String app, @PathParam("model") String model, @PathParam("id") String id) {
    return views.full(address.task(app, model, id), base());
  }

  @PATCH
  @Path("{app}/{model}/{id}")
  @Allowed(Role.PRODUCER)
  @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH})
  public JsonObject patch(
      @PathParam("app") String app,
      @PathParam("model") String model,
      @PathParam("id") String id,
      InputStream body) {
    StreamTask task = address.task(app, model, id);
    if (task.getStatus().isFinished()) {
      throw ProblemException.conflict(
          "Task %d is %s: its fields can no longer change"
              .formatted(task.getId(), task.getStatus()));
    }
    JsonObject changes = JsonBody.read(body, settings.maxBodyBytes());
    apply(task, changes); // validates the result before anything is stored
    @SuppressWarnings("unchecked")
    Class<StreamTask> type = (Class<StreamTask>) task.getClass();
    StreamTask changed =
        store
            .patch(type, task.getId(), changes)
            .orElseThrow(() -> ProblemException.notFound("Task " + id + " was deleted"));
    if (coordinator.isRunning(changed.getId())) {
      coordinator.fieldsChanged(changed.getId());
    } else {
      relay.fieldsChanged(changed.getId()); // its run, if any, is on another node
    }
    return views.full(changed, base());
  }

  @POST
  @Path("{app}/{model}/{id}/cancel")
  @Allowed(Role.PRODUCER)
  public JsonObject cancel(
      @PathParam("app") String app, @PathParam("model") String model, @PathParam("id") String id) {
    StreamTask task = address.task(app, model, id);
    if (task.getStatus().isFinished()) {
      throw ProblemException.conflict(
          "Task %d is already %s".formatted(task.getId(), task.getStatus()));
    }
    if (coordinator.isRunning(task.getId())) {
      awaitCancel(task.getId());
    } else {
      store.finish(task.getId(), TaskStatus.CANCELLED, null, task.getLastEvent());
      relay.cancelled(task.getId()); // its run, if any, is on another node
    }
    return views.full(address.task(app, model, id), base());
  }

  /** The base of the links handed out: the public URL, or this application's path. */
  private URI base() {
    return links.base(uri.getBaseUri().getRawPath());
  }

  private void awaitCancel(long taskId) {
    try {
      coordinator.cancel(taskId).toCompletableFuture().get(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      // the run ends at its next event or wait; the answer shows it still running
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private void apply(StreamTask task, JsonObject body) {
    try {
      fields.apply(task, body);
    } catch (InvalidTaskException e) {
      throw ProblemException.badRequest(e.getMessage());
    }
    Set<ConstraintViolation<StreamTask>> violations = validator.validate(task);
    if (!violations.isEmpty()) {
      throw ProblemException.badRequest(
          violations.stream()
              .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
              .map(v -> describe(task, v))
              .collect(Collectors.joining("; ")));
    }
  }

  /** A violation of one field names it; one of several fields (a class rule) is its message. */
  private String describe(StreamTask task, ConstraintViolation<StreamTask> violation) {
    String path = violation.getPropertyPath().toString();
    return fields.names(task.getClass()).contains(path)
        ? "field '%s' %s".formatted(path, violation.getMessage())
        : violation.getMessage();
  }

  private static int recentLimit(String limit) {
    int value = -1;
    if (!limit.isEmpty()
        && limit.length() <= 3
        && limit.chars().allMatch(c -> c >= '0' && c <= '9')) {
      value = Integer.parseInt(limit);
    }
    if (value < 1 || value > MAX_RECENT) {
      throw ProblemException.badRequest(
          "limit is a whole number from 1 to %d, got '%s'"
              .formatted(MAX_RECENT, limit.length() > 20 ? limit.substring(0, 20) + "…" : limit));
    }
    return value;
  }

  private static StreamTask instantiate(TaskType type) {
    try {
      return type.javaClass().getDeclaredConstructor().newInstance();
    } catch (InvocationTargetException
        | InstantiationException
        | IllegalAccessException
        | NoSuchMethodException e) {
      throw new IllegalStateException("cannot create a " + type.path(), e);
    }
  }
}
