package io.streamingcoordinator.task.control;

import io.streamingcoordinator.config.TaskSettings.EventCaps;
import io.streamingcoordinator.outbound.TaskFetcher;
import io.streamingcoordinator.task.entity.HttpFetcher;
import io.streamingcoordinator.task.entity.StreamTask;
import io.streamingcoordinator.task.entity.TaskCancelledException;
import io.streamingcoordinator.task.entity.TaskContext;
import io.streamingcoordinator.task.entity.TaskEvent;
import io.streamingcoordinator.task.entity.TaskStatus;
import io.streamingcoordinator.task.entity.TaskType;
import jakarta.json.JsonObject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One execution of one task: runs {@code process}, numbers and publishes its events, ends it. It is
 * one class because it is the task's {@link TaskContext}: emitting, waiting and ending all read and
 * change the same run state (its ids, its stop, its turn), which no other object should see.
 */
final class TaskRun implements Runnable, TaskContext {

  private static final System.Logger LOG = System.getLogger(TaskRun.class.getName());

  /** Always with milliseconds, so that every timestamp has the same width. */
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final long LAST_EVENT_WRITE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
  // ids are reserved this many at a time: a run goes on this long without a database (an outage)
  // before it waits for one, as far as the event log's backlog (10,000 by default) goes
  private static final long RESERVE_BLOCK = 10_000;
  // a wait at least this long hands the run's slot to another task while it lasts
  private static final long IDLE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

  /**
   * Why a run is stopped early, and the status it then ends with; {@code RUNNING} suspends it (a
   * resumable task at shutdown): no final event, and it runs again at the next start.
   */
  record Stop(TaskStatus status, String message) {}

  /**
   * Another node holds the task's lease now (this node failed to renew it in time): the run stops
   * and writes nothing more about the task, which is the other node's.
   */
  static final Stop LEASE_LOST =
      new Stop(TaskStatus.RUNNING, "Another node took the task over: its lease had expired");

  private final StreamTask task;
  private final TaskType type;
  private final TaskStore store;
  private final JsonCodec json;
  private final Consumer<TaskEvent> publisher;
  private final TaskFetcher http; // null: no outbound HTTP (tests)
  private final EventCaps caps;
  private final RunSlots.Slot slot; // null: runs outside the caps (tests)
  private final CompletableFuture<TaskStatus> ended = new CompletableFuture<>();
  private final Object signal = new Object();
  private final AtomicBoolean claimed = new AtomicBoolean(); // run, or ended while queued
  private final OutageWait outage;
  private final String resumedFrom; // the checkpoint an earlier run saved, as JSON, or null

  private volatile Stop stop;
  private volatile boolean skipped; // the task had finished (or gone) by the time its turn came
  private volatile boolean leased; // this node claimed the task's lease for this run
  private boolean fieldsChanged; // guarded by signal
  private long sequence;
  private long emitted;
  private long reserved;
  private volatile Runnable unstoredEnd; // the end's store, if it failed
  private volatile TaskEvent endEvent; // the final event, once ended
  private String lastEvent;
  private long lastEventWrittenAt = System.nanoTime();

  TaskRun(
      StreamTask task,
      TaskType type,
      TaskStore store,
      JsonCodec json,
      Consumer<TaskEvent> publisher,
      TaskFetcher http,
      EventCaps caps,
      Duration outageTimeout,
      RunSlots.Slot slot) {
    this.task = task;
    this.type = type;
    this.store = store;
    this.json = json;
    this.publisher = publisher;
    this.http = http;
    this.caps = caps;
    this.slot = slot;
    this.outage = new OutageWait(outageTimeout, this::pauseForDatabase);
    this.resumedFrom = task.getCheckpoint();
    // ids go on after every id an earlier run reserved (and so after any it used or logged)
    this.sequence = task.getReservedSeq();
    this.reserved = sequence;
  }

  /**
   * Ends a task that a stopped server left running, without running it: FAILED, with an {@code
   * error} event that says why, logged for clients that come back.
   */
  void abandon(String message) {
    fail(message, "ServerStopped");
  }

  /** Ends a run that could not be started: FAILED, with an {@code error} event saying why. */
  void fail(String message, String errorType) {
    endUnrun(TaskStatus.FAILED, message, errorType);
  }

  /**
   * Ends a run whose turn has not come, without running it: cancelled ({@code cancel}, told to its
   * clients and stored) or dropped at shutdown (the task stays as stored, PENDING, and starts when
   * a client next opens it).
   *
   * @return false if it has started already
   */
  boolean endQueued(boolean cancel) {
    if (!cancel) {
      return claimed.compareAndSet(false, true) && ended.complete(TaskStatus.PENDING);
    }
    return endUnrun(TaskStatus.CANCELLED, "Task cancelled", "CancelledError");
  }

  /**
   * Ends the run without running it, with an {@code error} event, unless it has been claimed
   * (started, or ended so) already.
   *
   * @return whether this call ended it
   */
  private boolean endUnrun(TaskStatus status, String message, String errorType) {
    if (!claimed.compareAndSet(false, true)) {
      return false;
    }
    try {
      end(status, null, TaskEvent.ERROR, error(message, errorType));
    } finally {
      ended.complete(status);
    }
    return true;
  }

  @Override
  public void run() {
    if (!claimed.compareAndSet(false, true)) {
      return; // ended while it waited for its turn
    }
    TaskStatus status = TaskStatus.FAILED;
    try {
      checkNotStopped();
      long firstBlock = sequence + RESERVE_BLOCK;
      TaskStore.Claim claim = outage.call(() -> store.markRunning(taskId(), firstBlock));
      if (claim != TaskStore.Claim.CLAIMED) {
        LOG.log(
            Level.INFO,
            claim == TaskStore.Claim.FINISHED
                ? "Task {0} {1,number,#} is finished or gone: not run"
                : "Task {0} {1,number,#} runs on another node: not run here",
            type.path(),
            taskId());
        skipped = true;
        return;
      }
      reserved = firstBlock;
      leased = true;
      Object result = task.run(this);
      checkNotStopped();
      status = TaskStatus.COMPLETED;
      end(
          status,
          json.write(result),
          TaskEvent.COMPLETE,
          Collections.singletonMap("final_value", result));
    } catch (TaskCancelledException e) {
      Stop reason = stop != null ? stop : new Stop(TaskStatus.CANCELLED, e.getMessage());
      status = reason.status();
      if (status == TaskStatus.RUNNING) {
        // suspended by a server stop: it stays RUNNING and runs again at the next start. The ids
        // it reserved but never used are given back, so the next run's ids follow on without a
        // gap: a gap in the log then only ever means events lost (to a crash, or retention).
        // Not when another node has taken the task over: its run reserves from there on
        try {
          if (reason != LEASE_LOST) {
            store.reserve(taskId(), sequence);
          }
        } catch (RuntimeException stopping) {
          LOG.log(Level.DEBUG, "Task {0,number,#}: its ids stay reserved: {1}", taskId(), stopping);
        }
        LOG.log(
            Level.INFO,
            "Task {0} {1,number,#} suspended: {2}",
            type.path(),
            taskId(),
            reason.message());
        return;
      }
      end(status, null, TaskEvent.ERROR, error(reason.message(), "CancelledError"));
    } catch (Exception | Error e) {
      String incident = Failures.incident();
      Failures.Described told = Failures.describe(e, incident);
      if (told.masked()) {
        // the client is told the incident id only: the whole cause is here
        LOG.log(
            Level.WARNING,
            "Task " + type.path() + " " + taskId() + " failed (incident " + incident + ")",
            e);
      } else {
        LOG.log(
            Level.WARNING,
            "Task {0} {1,number,#} failed (incident {2}): {3}",
            type.path(),
            taskId(),
            incident,
            e.toString());
        LOG.log(Level.DEBUG, "Failure of task " + taskId(), e);
      }
      end(status, null, TaskEvent.ERROR, error(told.message(), told.errorType()));
      if (e instanceof VirtualMachineError fatal) {
        throw fatal;
      }
    } finally {
      ended.complete(status);
    }
  }

  private void end(TaskStatus status, String finalValue, String event, Map<String, ?> data) {
    TaskEvent last = event(event, data);
    String finalEvent = lastEvent;
    try {
      store.finish(taskId(), status, finalValue, finalEvent);
    } catch (RuntimeException e) {
      // kept for the stopping server to store from its own thread (see storeEndAgain)
      unstoredEnd = () -> store.finish(taskId(), status, finalValue, finalEvent);
      LOG.log(
          Level.ERROR, "Task {0,number,#}: could not store its end: {1}", taskId(), e.toString());
    }
    endEvent = last;
    publisher.accept(last);
    LOG.log(Level.INFO, "Task {0} {1,number,#} ended {2}", type.path(), taskId(), status);
  }

  /** The final event the run ended with; null until it has ended so. */
  TaskEvent endEvent() {
    return endEvent;
  }

  /** Whether the run has ended and its end could not be stored yet. */
  boolean hasUnstoredEnd() {
    return unstoredEnd != null;
  }

  /**
   * Stores an end that could not be stored when the run ended (the database was out of reach, or at
   * a shutdown the run's own thread could no longer reach it); returns whether one was stored now.
   * The caller says what a failure means.
   */
  boolean storeEndAgain() {
    Runnable end = unstoredEnd;
    if (end == null) {
      return false;
    }
    try {
      end.run();
      unstoredEnd = null;
      return true;
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "Task {0,number,#}: its end is still not stored: {1}", taskId(), e);
      return false;
    }
  }

  @Override
  public long taskId() {
    return task.getId();
  }

  TaskType type() {
    return type;
  }

  boolean isResumable() {
    return task.isResumable();
  }

  CompletionStage<TaskStatus> ended() {
    return ended;
  }

  /** Whether the run found its task already finished (or deleted) and did nothing. */
  boolean wasSkipped() {
    return skipped;
  }

  /** Whether this run holds (or held) the task's lease: it got past its claim. */
  boolean isLeased() {
    return leased;
  }

  @Override
  public void emit(String event, Map<String, ?> data) {
    emit(event, data, null);
  }

  @Override
  public void emit(String event, Map<String, ?> data, Map<String, ?> checkpoint) {
    checkNotStopped();
    if (TaskEvent.isReserved(event)) {
      throw new IllegalArgumentException("'" + event + "' is sent by the coordinator");
    }
    if (++emitted > caps.maxPerRun()) {
      throw new EventLimitException(
          "The task emitted more than %d events, the most one run may emit (streaming.events.max-per-task)"
              .formatted(caps.maxPerRun()));
    }
    String state = checkpoint == null ? null : json.write(checkpoint);
    if (state != null && isOver(state, caps.maxBytes())) {
      throw new EventLimitException(
          "A checkpoint has more than %d bytes, the most one event may carry (streaming.events.max-bytes)"
              .formatted(caps.maxBytes()));
    }
    String previous = lastEvent;
    TaskEvent next = event(event, data, state);
    try {
      publisher.accept(next);
    } catch (RuntimeException notTaken) {
      // not published (the log gave up on the database): its id goes back, leaving no gap
      sequence = next.id() - 1;
      lastEvent = previous;
      throw notTaken;
    }
    long now = System.nanoTime();
    if (now - lastEventWrittenAt >= LAST_EVENT_WRITE_INTERVAL_NANOS) {
      lastEventWrittenAt = now;
      try {
        store.recordLastEvent(taskId(), lastEvent);
      } catch (RuntimeException e) {
        if (!Failures.isDatabaseUnavailable(e)) {
          throw e;
        }
        // only a hint for readers of the task; its end stores the real last event
        LOG.log(Level.DEBUG, "Task {0,number,#}: last event not recorded: {1}", taskId(), e);
      }
    }
  }

  @Override
  public Optional<JsonObject> checkpoint() {
    return resumedFrom == null
        ? Optional.empty()
        : Optional.of(json.parse(resumedFrom).asJsonObject());
  }

  private TaskEvent event(String name, Map<String, ?> data) {
    return event(name, data, null);
  }

  private TaskEvent event(String name, Map<String, ?> data, String checkpoint) {
    if (name == null || !EVENT_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("event names are 1-64 of [A-Za-z0-9_.:-]: " + name);
    }
    Map<String, Object> payload = new LinkedHashMap<>(data);
    payload.put("_task_id", taskId());
    payload.put("_app", type.app());
    payload.put("_model", type.model());
    payload.put("_timestamp", TIMESTAMP.format(Instant.now()));
    String encoded = json.write(payload);
    if (isOver(encoded, caps.maxBytes())) {
      throw new EventLimitException(
          "Event '%s' has more than %d bytes of data, the most one event may carry (streaming.events.max-bytes)"
              .formatted(name, caps.maxBytes()));
    }
    long id = sequence + 1;
    if (id > reserved) {
      long upTo = id + RESERVE_BLOCK - 1;
      outage.run(() -> store.reserve(taskId(), upTo));
      reserved = upTo;
    }
    sequence = id;
    lastEvent = "{\"id\":" + id + ",\"event\":\"" + name + "\",\"data\":" + encoded + "}";
    return new TaskEvent(taskId(), id, name, encoded, checkpoint);
  }

  @Override
  public HttpFetcher http() {
    checkNotStopped();
    return http;
  }

  @Override
  public boolean isCancelled() {
    return stop != null;
  }

  void stop(Stop reason) {
    stop = reason;
    synchronized (signal) {
      signal.notifyAll();
    }
    if (http != null) {
      try {
        http.abort(); // a fetch blocked on a slow server ends now, not at its timeout
      } catch (RuntimeException | LinkageError e) {
        // a stopping server may no longer load the client's classes: the fetch times out instead
        LOG.log(Level.DEBUG, "Task {0,number,#}: its fetch not aborted: {1}", taskId(), e);
      }
    }
  }

  void fieldsChanged() {
    synchronized (signal) {
      fieldsChanged = true;
      signal.notifyAll();
    }
  }

  @Override
  public void pause(Duration duration) {
    idleDuring(
        duration,
        () -> {
          waitFor(duration);
          return null;
        });
    checkNotStopped();
  }

  /**
   * Runs a wait of up to {@code wait}; one of a second or more hands the run's turn to another task
   * for its length (if the waiting room has space) and takes a turn again after it.
   */
  private <T> T idleDuring(Duration wait, Supplier<T> waiting) {
    boolean idle = wait.toNanos() >= IDLE_AFTER_NANOS && slot != null && slot.idle();
    try {
      return waiting.get();
    } finally {
      if (idle) {
        slot.busy(this::isCancelled);
      }
    }
  }

  private void waitFor(Duration duration) {
    long deadline = System.nanoTime() + duration.toNanos();
    synchronized (signal) {
      for (long left = duration.toNanos(); left > 0; left = deadline - System.nanoTime()) {
        checkNotStopped();
        waitOnSignal(left);
      }
    }
  }

  @Override
  public <T extends StreamTask> boolean await(
      Class<T> taskType, Duration timeout, Predicate<? super T> condition) {
    return idleDuring(timeout, () -> awaitFields(taskType, timeout, condition));
  }

  private <T extends StreamTask> boolean awaitFields(
      Class<T> taskType, Duration timeout, Predicate<? super T> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      checkNotStopped();
      T current =
          outage
              .call(() -> store.find(taskType, taskId()))
              .orElseThrow(() -> new TaskCancelledException("the task was deleted"));
      if (condition.test(current)) {
        return true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      synchronized (signal) {
        if (!fieldsChanged) {
          // changes made on another server are seen by polling at least once a second
          waitOnSignal(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
        }
        fieldsChanged = false;
      }
    }
  }

  private void waitOnSignal(long nanos) {
    try {
      TimeUnit.NANOSECONDS.timedWait(signal, nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TaskCancelledException("interrupted");
    }
  }

  /** A pause between tries of a database out of reach; a stop ends it. */
  private void pauseForDatabase(long nanos) {
    synchronized (signal) {
      checkNotStopped();
      waitOnSignal(nanos);
    }
    checkNotStopped();
  }

  private void checkNotStopped() {
    Stop reason = stop;
    if (reason != null) {
      throw new TaskCancelledException(reason.message());
    }
  }

  /** Whether {@code text} is more than {@code limit} bytes in UTF-8 (counted only if it may be). */
  static boolean isOver(String text, int limit) {
    if ((long) text.length() * 3 <= limit) {
      return false;
    }
    long bytes = 0;
    for (int i = 0; i < text.length() && bytes <= limit; i++) {
      char c = text.charAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes > limit;
  }

  private static Map<String, Object> error(String message, String errorType) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("message", message);
    data.put("error_type", errorType);
    return data;
  }
}
