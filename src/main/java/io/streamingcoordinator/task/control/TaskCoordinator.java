package io.streamingcoordinator.task.control;

import io.streamingcoordinator.config.TaskSettings;
import io.streamingcoordinator.metrics.StreamMetrics;
import io.streamingcoordinator.outbound.OutboundHttp;
import io.streamingcoordinator.task.entity.StreamTask;
import io.streamingcoordinator.task.entity.TaskEvent;
import io.streamingcoordinator.task.entity.TaskStatus;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Starts tasks on the managed executor, at most one run per task, and stops them on request or
 * shutdown. Runs go on whether or not anyone is watching.
 */
@ApplicationScoped
public class TaskCoordinator {

  private static final System.Logger LOG = System.getLogger(TaskCoordinator.class.getName());
  private static final long SHUTDOWN_WAIT_SECONDS = 5;

  @Resource ManagedExecutorService executor;
  @Inject TaskStore store;
  @Inject TaskTypes types;
  @Inject JsonCodec json;
  @Inject Event<TaskEvent> events;
  @Inject StreamMetrics metrics;
  @Inject OutboundHttp http;
  @Inject EventLog eventLog;
  @Inject TaskSettings settings;

  private final ConcurrentMap<Long, TaskRun> runs = new ConcurrentHashMap<>();
  private volatile boolean stopping;

  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    metrics.gauge("streaming_tasks_running", "Tasks running on this server", runs::size);
    recover();
  }

  /**
   * Tasks still RUNNING in the database when the application starts were cut short by a stopped
   * server (one server per database is assumed): a resumable type runs again, its event ids going
   * on past the old run's; any other ends FAILED with an {@code error} event saying so.
   */
  void recover() {
    for (StreamTask task : store.withStatus(TaskStatus.RUNNING)) {
      if (task.isResumable()) {
        LOG.log(
            Level.INFO,
            "Task {0,number,#} was cut short by a server stop: running it again",
            task.getId());
        start(task);
      } else {
        newRun(task).abandon("The server stopped while the task was running");
      }
    }
  }

  /**
   * Starts {@code task} unless it is already running here.
   *
   * @return whether this call started it
   * @throws IllegalStateException if the task is finished or the server is stopping
   */
  public boolean start(StreamTask task) {
    if (task.getStatus().isFinished()) {
      throw new IllegalStateException("task " + task.getId() + " is " + task.getStatus());
    }
    if (stopping) {
      throw new IllegalStateException("the server is stopping");
    }
    TaskRun run = newRun(task);
    if (runs.putIfAbsent(task.getId(), run) != null) {
      return false;
    }
    run.ended().whenComplete((status, failure) -> runs.remove(task.getId(), run));
    try {
      executor.execute(run);
    } catch (RejectedExecutionException e) {
      runs.remove(task.getId(), run);
      throw new IllegalStateException("the task executor refused task " + task.getId(), e);
    }
    LOG.log(Level.INFO, "Task {0} {1,number,#} started", run.type().path(), task.getId());
    return true;
  }

  private TaskRun newRun(StreamTask task) {
    Consumer<TaskEvent> publish = settings.logEvents() ? this::logAndPublish : events::fire;
    return new TaskRun(task, types.of(task), store, json, publish, http);
  }

  /** Logs an event, then hands it to whoever streams it. */
  private void logAndPublish(TaskEvent event) {
    eventLog.append(event);
    events.fire(event);
  }

  public boolean isRunning(long taskId) {
    return runs.containsKey(taskId);
  }

  public int running() {
    return runs.size();
  }

  /**
   * Cancels a running task; it ends with an {@code error} event and status {@code CANCELLED}.
   *
   * @return when the run has ended, or empty if it was not running here
   */
  public CompletionStage<TaskStatus> cancel(long taskId) {
    TaskRun run = runs.get(taskId);
    if (run == null) {
      return CompletableFuture.completedFuture(null);
    }
    run.stop(new TaskRun.Stop(TaskStatus.CANCELLED, "Task cancelled"));
    return run.ended();
  }

  /** Wakes a run waiting for its fields to change (see {@code TaskContext.await}). */
  public void fieldsChanged(long taskId) {
    TaskRun run = runs.get(taskId);
    if (run != null) {
      run.fieldsChanged();
    }
  }

  /**
   * Stops every run and waits a few seconds for them to end: a resumable task is suspended (it
   * stays RUNNING and runs again at the next start; its clients' streams just end, and they resume
   * with Last-Event-ID), any other ends {@code FAILED} with an {@code error} event saying why. New
   * starts are refused from here on.
   */
  @PreDestroy
  public void shutdown() {
    stopping = true;
    if (runs.isEmpty()) {
      return;
    }
    LOG.log(Level.INFO, "Stopping {0} running tasks", runs.size());
    TaskRun.Stop failed = new TaskRun.Stop(TaskStatus.FAILED, "The server is shutting down");
    TaskRun.Stop suspended = new TaskRun.Stop(TaskStatus.RUNNING, "The server is shutting down");
    CompletableFuture<?>[] ended =
        runs.values().stream()
            .peek(run -> run.stop(run.isResumable() ? suspended : failed))
            .map(run -> run.ended().toCompletableFuture())
            .toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(ended).get(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      LOG.log(
          Level.WARNING, "{0} tasks still running after {1} s", runs.size(), SHUTDOWN_WAIT_SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.log(Level.WARNING, "A task ended badly during shutdown: {0}", e.getCause().toString());
    }
  }
}
