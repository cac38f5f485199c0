package io.streamingcoordinator.task.control;

import io.streamingcoordinator.config.TaskSettings;
import io.streamingcoordinator.metrics.LogThrottle;
import io.streamingcoordinator.metrics.StreamMetrics;
import io.streamingcoordinator.outbound.OutboundHttp;
import io.streamingcoordinator.task.entity.StreamTask;
import io.streamingcoordinator.task.entity.TaskEvent;
import io.streamingcoordinator.task.entity.TaskStatus;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Starts tasks, at most one run per task and at most {@code streaming.tasks.max-running} at once
 * (further starts queue, then are refused), and stops them on request or shutdown. Each run has a
 * thread of the server's managed thread factory for its life: a task that waits (pause, await)
 * holds its own thread, never one of a shared pool, and hands its turn to another task. Runs go on
 * whether or not anyone is watching. One class because every operation (start, cancel, recover,
 * shutdown) works on the same map of runs and the same turns, and must see the other's changes.
 */
@ApplicationScoped
public class TaskCoordinator {

  private static final System.Logger LOG = System.getLogger(TaskCoordinator.class.getName());
  private static final long SHUTDOWN_WAIT_SECONDS = 5;

  @Resource ManagedThreadFactory threads;
  @Inject TaskStore store;
  @Inject TaskTypes types;
  @Inject JsonCodec json;
  @Inject Event<TaskEvent> events;
  @Inject StreamMetrics metrics;
  @Inject OutboundHttp http;
  @Inject EventLog eventLog;
  @Inject TaskSettings settings;

  private final ConcurrentMap<Long, TaskRun> runs = new ConcurrentHashMap<>();
  private final RunSlots slots = new RunSlots(() -> settings.runCaps());
  private final LogThrottle refusals = new LogThrottle(TimeUnit.SECONDS.toNanos(10));
  private volatile boolean stopping;
  private volatile boolean launchFailed;

  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    metrics.gauge("streaming_tasks_running", "Tasks executing on this server", slots::running);
    metrics.gauge("streaming_tasks_queued", "Started tasks waiting for a turn", slots::queued);
    metrics.gauge(
        "streaming_tasks_waiting", "Tasks waiting (pause, await) without a turn", slots::waiting);
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
        try {
          start(task);
        } catch (TaskLimitException e) {
          // more resumable tasks than turns and queue: the rest start when a client opens them
          LOG.log(
              Level.WARNING, "Task {0,number,#} not resumed: {1}", task.getId(), e.getMessage());
        }
      } else {
        newRun(task, null).abandon("The server stopped while the task was running");
      }
    }
  }

  /**
   * Starts {@code task} unless it is already running here: now if a turn is free, else when its
   * turn comes.
   *
   * @return whether this call started it
   * @throws TaskLimitException if every turn is taken and the queue is full
   * @throws IllegalStateException if the task is finished or the server is stopping
   */
  public boolean start(StreamTask task) {
    return start(task, reserve());
  }

  /**
   * Takes a turn (or a place in the queue) for a start that is about to happen, so that a client
   * can be refused before anything is stored or answered; {@link #start(StreamTask, RunSlots.Slot)}
   * uses it, or {@code release()} gives it back.
   *
   * @throws TaskLimitException if every turn is taken and the queue is full
   */
  public RunSlots.Slot reserve() {
    if (stopping) {
      throw new TaskLimitException("The server is stopping: no task starts now");
    }
    try {
      return slots.reserve();
    } catch (TaskLimitException e) {
      refusals.log(
          LOG,
          Level.WARNING,
          "Refused to start a task: {0} ({1} more refusals in the last 10 s)",
          e.getMessage());
      throw e;
    }
  }

  /**
   * Starts {@code task} in the turn {@code slot} holds, unless it is already running here (then the
   * slot is given back).
   *
   * @return whether this call started it
   * @throws IllegalStateException if the task is finished or the server is stopping
   */
  public boolean start(StreamTask task, RunSlots.Slot slot) {
    if (task.getStatus().isFinished() || stopping) {
      slot.release();
      throw new IllegalStateException(
          stopping ? "the server is stopping" : "task " + task.getId() + " is " + task.getStatus());
    }
    TaskRun run = newRun(task, slot);
    if (runs.putIfAbsent(task.getId(), run) != null) {
      slot.release();
      return false;
    }
    run.ended()
        .whenComplete(
            (status, failure) -> {
              runs.remove(task.getId(), run);
              slot.release();
              if (run.wasSkipped()) {
                repeatEnd(task.getId());
              }
            });
    slot.launch(() -> launch(run));
    return true;
  }

  /** Gives a run its thread; called when its turn comes, on whichever thread freed the turn. */
  private void launch(TaskRun run) {
    try {
      Thread thread = threads.newThread(run);
      thread.setName("task-" + run.taskId());
      thread.start();
      launchFailed = false;
      LOG.log(Level.DEBUG, "Task {0} {1,number,#} started", run.type().path(), run.taskId());
    } catch (RuntimeException | OutOfMemoryError e) {
      // no thread to be had (the server is stopping, or out of native threads): its clients are
      // told, and health says so until a launch succeeds
      launchFailed = true;
      LOG.log(
          Level.ERROR,
          "Task {0,number,#} could not be given a thread: {1}",
          run.taskId(),
          e.toString());
      run.fail("The server could not start the task", "StartFailed");
    }
  }

  private TaskRun newRun(StreamTask task, RunSlots.Slot slot) {
    Consumer<TaskEvent> publish = settings.logEvents() ? this::logAndPublish : events::fire;
    return new TaskRun(
        task, types.of(task), store, json, publish, http.forTask(), settings.eventCaps(), slot);
  }

  /**
   * A run that found its task finished meanwhile (cancelled or ended elsewhere) did nothing; the
   * clients that opened its stream to start it are sent its final event again (not logged again),
   * so that their streams end.
   */
  private void repeatEnd(long taskId) {
    try {
      store
          .find(StreamTask.class, taskId)
          .filter(task -> task.getStatus().isFinished())
          .ifPresent(task -> events.fire(finalEvent(task)));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Task {0,number,#}: its end could not be repeated: {1}", taskId, e);
    }
  }

  /**
   * The event a finished task ended with: its stored last event, or for one that ended before it
   * ran, the error that says so.
   */
  public TaskEvent finalEvent(StreamTask task) {
    if (json.parse(task.getLastEvent()) instanceof JsonObject last
        && TaskEvent.isReserved(last.getString("event", ""))) {
      return new TaskEvent(
          task.getId(),
          last.getJsonNumber("id").longValue(),
          last.getString("event"),
          last.getJsonObject("data").toString());
    }
    // ended before it ever ran (a cancelled pending task): nothing was sent, say how it ended
    String data =
        json.write(
            Map.of(
                "message",
                "The task ended " + task.getStatus() + " before it ran",
                "error_type",
                task.getStatus() == TaskStatus.CANCELLED ? "CancelledError" : "NotRun"));
    return new TaskEvent(task.getId(), task.getReservedSeq() + 1, TaskEvent.ERROR, data);
  }

  /** Logs an event, then hands it to whoever streams it. */
  private void logAndPublish(TaskEvent event) {
    eventLog.append(event);
    events.fire(event);
  }

  public boolean isRunning(long taskId) {
    return runs.containsKey(taskId);
  }

  /** Runs started here and not ended: executing, waiting, or queued for a turn. */
  public int running() {
    return runs.size();
  }

  /**
   * Whether runs get their threads: false from a failed launch until the next one succeeds, and
   * once the server is stopping.
   */
  public boolean launching() {
    return !launchFailed && !stopping;
  }

  /** Runs holding a turn now. */
  public int executing() {
    return slots.running();
  }

  /** Started runs waiting for a turn. */
  public int queued() {
    return slots.queued();
  }

  /** Runs waiting (pause, await) without a turn. */
  public int waiting() {
    return slots.waiting();
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
    run.endQueued(true);
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
    List<TaskRun> stopped = List.copyOf(runs.values());
    CompletableFuture<?>[] ended =
        stopped.stream()
            .peek(run -> run.stop(run.isResumable() ? suspended : failed))
            .peek(run -> run.endQueued(false))
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
    long stored = stopped.stream().filter(TaskRun::storeEndAgain).count();
    if (stored > 0) {
      LOG.log(Level.WARNING, "Stored the end of {0} tasks from the stopping server", stored);
    }
  }
}
