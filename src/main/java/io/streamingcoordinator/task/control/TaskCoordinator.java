package io.streamingcoordinator.task.control;

import io.streamingcoordinator.config.ClusterSettings;
import io.streamingcoordinator.config.TaskSettings;
import io.streamingcoordinator.event.control.EventLog;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Starts tasks, at most one run per task and at most {@code streaming.tasks.max-running} at once
 * (further starts queue, then are refused), and stops them on request or shutdown. Each run has a
 * thread of the server's managed thread factory for its life: a task that waits (pause, await)
 * holds its own thread, never one of a shared pool, and hands its turn to another task. Runs go on
 * whether or not anyone is watching. Tasks stored RUNNING that nothing runs here are reconciled at
 * start-up and every {@code streaming.tasks.reconcile-interval}. One class because every operation
 * (start, cancel, reconcile, shutdown) works on the same map of runs and the same turns, and must
 * see the other's changes.
 */
@ApplicationScoped
public class TaskCoordinator {

  private static final System.Logger LOG = System.getLogger(TaskCoordinator.class.getName());
  // within the 5 s an orchestrator gives a stopping server, with room for the streams' last words
  private static final long SHUTDOWN_WAIT_SECONDS = 2;

  @Resource ManagedThreadFactory threads;
  @Inject PeriodicWork periodic;
  @Inject TaskStore store;
  @Inject TaskTypes types;
  @Inject JsonCodec json;
  @Inject Event<TaskEvent> events;
  @Inject StreamMetrics metrics;
  @Inject OutboundHttp http;
  @Inject EventLog eventLog;
  @Inject TaskSettings settings;
  @Inject ClusterSettings cluster;
  @Inject Leases leases;

  private final ConcurrentMap<Long, TaskRun> runs = new ConcurrentHashMap<>();
  // ended runs whose end the database did not take yet: stored again by reconcile and shutdown
  private final ConcurrentMap<Long, TaskRun> unstoredEnds = new ConcurrentHashMap<>();
  private final RunSlots slots = new RunSlots(() -> settings.runCaps());
  private final LogThrottle refusals = new LogThrottle(TimeUnit.SECONDS.toNanos(10));
  private final LogThrottle reconcileFailures = new LogThrottle(TimeUnit.SECONDS.toNanos(60));
  private final LogThrottle endFailures = new LogThrottle(TimeUnit.SECONDS.toNanos(60));
  private final LogThrottle renewFailures = new LogThrottle(TimeUnit.SECONDS.toNanos(10));
  private ScheduledFuture<?> reconciler;
  private ScheduledFuture<?> endStorer;
  private ScheduledFuture<?> renewer;
  private ScheduledExecutorService leaseRenewal;
  private volatile boolean stopping;
  private volatile boolean launchFailed;

  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    metrics.gauge("streaming_tasks_running", "Tasks executing on this server", slots::running);
    metrics.gauge("streaming_tasks_queued", "Started tasks waiting for a turn", slots::queued);
    metrics.gauge(
        "streaming_tasks_waiting", "Tasks waiting (pause, await) without a turn", slots::waiting);
    reportUnknownKinds();
    reconcile();
    long every = settings.reconcileInterval().toMillis();
    reconciler = periodic.withFixedDelay(this::reconcileQuietly, every, TimeUnit.MILLISECONDS);
    // an end that waits for the database is stored within a second of its return
    endStorer = periodic.withFixedDelay(this::storeEndsQuietly, 1, TimeUnit.SECONDS);
    if (cluster.enabled()) {
      LOG.log(
          Level.INFO,
          "Cluster node {0}: task leases of {1} renewed every {2} ms",
          leases.node(),
          cluster.leaseTime(),
          leases.renewEveryMillis());
      // a thread of its own: a renewal never waits behind the log flush or a slow reconciliation
      leaseRenewal = Executors.newSingleThreadScheduledExecutor(threads);
      renewer =
          leaseRenewal.scheduleAtFixedRate(
              this::renewLeases,
              leases.renewEveryMillis(),
              leases.renewEveryMillis(),
              TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Renews this node's leases. A run whose task is no longer RUNNING under this node's lease stops:
   * cancelled through another node (it ends CANCELLED here, its error event reaching every node's
   * clients through the log), or taken over by another node (this one failed to renew in time, the
   * database out of reach for longer than the lease), which it leaves the task to.
   */
  void renewLeases() {
    if (stopping) {
      return;
    }
    try {
      // the runs leased before the renewal reads what this node holds: a claim committed after
      // that read is no lease lost
      List<TaskRun> leased = runs.values().stream().filter(TaskRun::isLeased).toList();
      Set<Long> held = store.renewLeases();
      leases.reached();
      for (TaskRun run : leased) {
        if (held.contains(run.taskId()) || runs.get(run.taskId()) != run) {
          continue;
        }
        StreamTask stored = store.find(StreamTask.class, run.taskId()).orElse(null);
        if (stored != null && stored.getStatus() == TaskStatus.CANCELLED) {
          run.stop(new TaskRun.Stop(TaskStatus.CANCELLED, "Task cancelled"));
        } else if (stored != null && stored.getStatus().isFinished()) {
          continue; // it ended here meanwhile
        } else {
          LOG.log(
              Level.WARNING,
              "Task {0,number,#}: its lease expired and another node took it over; stopped here",
              run.taskId());
          run.stop(TaskRun.LEASE_LOST);
        }
      }
    } catch (RuntimeException e) {
      if (Failures.isDatabaseUnavailable(e)) {
        leases.unreachable();
      }
      renewFailures.log(
          LOG,
          Level.WARNING,
          "Renewing this node''s task leases failed: {0} ({1} more in the last 10 s)",
          e.toString());
    }
  }

  /** Says once, at start-up, which stored tasks this application leaves alone, and why. */
  private void reportUnknownKinds() {
    try {
      Map<String, Long> unknown = store.unknownKinds();
      if (!unknown.isEmpty()) {
        LOG.log(
            Level.WARNING,
            "Stored tasks of types this application does not have are left as they are (not run,"
                + " listed or cleaned up; delete them in the database if they are not needed): {0}",
            unknown);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not count the stored tasks by type: {0}", e.toString());
    }
  }

  /**
   * Tasks stored RUNNING that nothing runs here, and whose lease no other node holds (see {@link
   * Leases}), were cut short: by a stopped or crashed server, or by a start that found no turn.
   * First the ends that could not be stored are stored; then a resumable task runs again from its
   * last checkpoint, its event ids going on past the old run's, and any other ends FAILED with an
   * {@code error} event saying so.
   *
   * @return how many tasks were run again or ended
   */
  int reconcile() {
    storeEnds();
    int reconciled = 0;
    for (StreamTask listed : store.withStatus(TaskStatus.RUNNING)) {
      long id = listed.getId();
      if (runs.containsKey(id) || unstoredEnds.containsKey(id)) {
        continue;
      }
      // read again after seeing no run: a run that ended since the list was read has stored
      // its end by the time it leaves the map of runs
      StreamTask task = store.find(StreamTask.class, id).orElse(null);
      if (task == null
          || task.getStatus() != TaskStatus.RUNNING
          || runs.containsKey(id)
          || !leases.mayRun(task)) {
        continue; // ended, running here, or running on another node that holds its lease
      }
      if (task.isResumable()) {
        LOG.log(
            Level.INFO,
            "Task {0,number,#} was cut short: running it again from its last checkpoint",
            id);
        try {
          start(task);
          reconciled++;
        } catch (TaskLimitException e) {
          // more resumable tasks than turns and queue: tried again at the next reconciliation
          LOG.log(Level.WARNING, "Task {0,number,#} not resumed: {1}", id, e.getMessage());
        } catch (IllegalStateException stopping) {
          return reconciled;
        }
      } else {
        abandonCutShort(task);
        reconciled++;
      }
    }
    return reconciled;
  }

  /**
   * Ends a task that is stored RUNNING, runs nowhere and is not resumable: FAILED, with an {@code
   * error} event, once (a concurrent start finds it in the map of runs, a later one finds it
   * ended).
   */
  private void abandonCutShort(StreamTask task) {
    TaskRun run = newRun(task, null);
    if (runs.putIfAbsent(task.getId(), run) != null) {
      return;
    }
    try {
      StreamTask now = store.find(StreamTask.class, task.getId()).orElse(null);
      if (now != null && now.getStatus() == TaskStatus.RUNNING) {
        LOG.log(Level.INFO, "Task {0,number,#} was cut short: it ends FAILED", task.getId());
        run.abandon("The server stopped while the task was running");
        if (run.hasUnstoredEnd()) {
          unstoredEnds.put(task.getId(), run);
        }
      } else if (now != null && now.getStatus().isFinished()) {
        events.fire(finalEvent(now)); // for clients that opened it meanwhile
      }
    } finally {
      runs.remove(task.getId(), run);
    }
  }

  /** Stores the ends the database did not take when their runs ended, as far as it takes them. */
  private void storeEnds() {
    if (unstoredEnds.isEmpty()) {
      return;
    }
    unstoredEnds.values().removeIf(TaskRun::storeEndAgain);
    if (!unstoredEnds.isEmpty()) {
      endFailures.log(
          LOG,
          Level.WARNING,
          "{0} ended tasks wait for the database to store their end ({1} more such lines in the"
              + " last 60 s)",
          unstoredEnds.size());
    }
  }

  private void storeEndsQuietly() {
    try {
      storeEnds();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Storing the ends of tasks failed: {0}", e.toString());
    }
  }

  private void reconcileQuietly() {
    if (stopping) {
      return;
    }
    try {
      reconcile();
    } catch (RuntimeException e) {
      // the database is out of reach, most likely: the next round tries again
      reconcileFailures.log(
          LOG,
          Level.WARNING,
          "Looking for tasks that nothing runs failed: {0} ({1} more in the last 60 s)",
          e.toString());
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
    TaskRun unstored = unstoredEnds.get(task.getId());
    if (unstored != null) {
      // it has ended, only the database did not know yet: its clients get the end again
      slot.release();
      if (unstored.storeEndAgain()) {
        unstoredEnds.remove(task.getId(), unstored);
      }
      events.fire(unstored.endEvent());
      return false;
    }
    if (task.getStatus() == TaskStatus.RUNNING
        && !runs.containsKey(task.getId())
        && !leases.mayRun(task)) {
      // another node runs it and holds its lease
      slot.release();
      return false;
    }
    if (task.getStatus() == TaskStatus.RUNNING
        && !task.isResumable()
        && !runs.containsKey(task.getId())) {
      // cut short and not to be run again from its start: its clients are told it failed
      slot.release();
      abandonCutShort(task);
      return false;
    }
    TaskRun run = newRun(task, slot);
    if (runs.putIfAbsent(task.getId(), run) != null) {
      slot.release();
      return false;
    }
    run.ended()
        .whenComplete(
            (status, failure) -> {
              if (run.hasUnstoredEnd()) {
                unstoredEnds.put(task.getId(), run); // before it leaves runs: see reconcile
              }
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
        task,
        types.of(task),
        store,
        json,
        publish,
        http.forTask(),
        settings.eventCaps(),
        settings.outageTimeout(),
        slot);
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

  /**
   * Another node cancelled a task in the database (it does not run there): a run of it here stops
   * and ends CANCELLED, at once rather than at the next lease renewal.
   */
  public void cancelledElsewhere(long taskId) {
    TaskRun run = runs.get(taskId);
    if (run == null) {
      return;
    }
    try {
      StreamTask stored = store.find(StreamTask.class, taskId).orElse(null);
      if (stored != null && stored.getStatus() == TaskStatus.CANCELLED) {
        run.stop(new TaskRun.Stop(TaskStatus.CANCELLED, "Task cancelled"));
      }
    } catch (RuntimeException e) {
      // the next lease renewal finds it cancelled
      LOG.log(
          Level.DEBUG, "Task {0,number,#}: reading a cancel from elsewhere failed: {1}", taskId, e);
    }
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
    if (reconciler != null) {
      reconciler.cancel(false);
      endStorer.cancel(false);
    }
    if (renewer != null) {
      renewer.cancel(false);
      leaseRenewal.shutdown();
    }
    if (runs.isEmpty()) {
      storeEndsAgain(List.copyOf(unstoredEnds.values()));
      return;
    }
    LOG.log(Level.INFO, "Stopping {0} running tasks", runs.size());
    TaskRun.Stop failed = new TaskRun.Stop(TaskStatus.FAILED, "The server is shutting down");
    TaskRun.Stop suspended = new TaskRun.Stop(TaskStatus.RUNNING, "The server is shutting down");
    List<TaskRun> stopped = List.copyOf(runs.values());
    List<CompletableFuture<TaskStatus>> ended = new ArrayList<>();
    for (TaskRun run : stopped) {
      // one run that cannot be stopped must not keep the others running
      try {
        run.stop(run.isResumable() ? suspended : failed);
        run.endQueued(false);
      } catch (RuntimeException | LinkageError e) {
        LOG.log(
            Level.WARNING,
            "Task {0,number,#} could not be stopped: {1}",
            run.taskId(),
            e.toString());
      }
      ended.add(run.ended().toCompletableFuture());
    }
    try {
      CompletableFuture.allOf(ended.toArray(CompletableFuture[]::new))
          .get(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      LOG.log(
          Level.WARNING, "{0} tasks still running after {1} s", runs.size(), SHUTDOWN_WAIT_SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.log(Level.WARNING, "A task ended badly during shutdown: {0}", e.getCause().toString());
    }
    storeEndsAgain(
        Stream.concat(stopped.stream(), unstoredEnds.values().stream()).distinct().toList());
    if (cluster.enabled()) {
      try {
        store.releaseLeases(); // another node takes the suspended tasks at its next reconciliation
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "This node''s task leases were not released: {0}", e.toString());
      }
    }
  }

  private void storeEndsAgain(List<TaskRun> ended) {
    List<TaskRun> unstored = ended.stream().filter(TaskRun::hasUnstoredEnd).toList();
    long stored = unstored.stream().filter(TaskRun::storeEndAgain).count();
    if (stored > 0) {
      LOG.log(Level.WARNING, "Stored the end of {0} tasks from the stopping server", stored);
    }
    if (stored < unstored.size()) {
      LOG.log(
          Level.ERROR,
          "{0} ended tasks could not store their end: they are RUNNING in the database, and the"
              + " next start ends or resumes them",
          unstored.size() - stored);
    }
  }
}
