package io.streamingcoordinator.event.control;

import io.streamingcoordinator.config.TaskSettings;
import io.streamingcoordinator.config.TaskSettings.LogBacklog;
import io.streamingcoordinator.event.control.EventStore.Range;
import io.streamingcoordinator.metrics.LogThrottle;
import io.streamingcoordinator.metrics.StreamMetrics;
import io.streamingcoordinator.task.control.DatabaseOutageException;
import io.streamingcoordinator.task.control.Failures;
import io.streamingcoordinator.task.control.PeriodicWork;
import io.streamingcoordinator.task.entity.TaskEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The durable log of every task's events. Publishing only appends to a memory buffer; a flusher
 * writes the buffer to the database in batches every few milliseconds, keeps at most {@code
 * streaming.log.max-events-per-task} events per task, and writes what is left on shutdown. The
 * buffer is bounded in events and bytes ({@code streaming.log.max-pending-*}): when the database
 * falls that far behind, the publishing task waits for it, so memory never grows with the backlog.
 * A failing database is retried with a growing pause, logged at most once per 10 s; a publisher
 * waits for it at most {@code streaming.log.outage-timeout}. A batch is written once even if a
 * failed try had in fact reached the database. A batch the database answers but keeps refusing (a
 * permanent error, not an outage) is written one event at a time after {@value
 * #REFUSALS_BEFORE_ISOLATING} tries: an event refused on its own is left out of the log and
 * reported, so that one bad event never holds up every task's log.
 */
@ApplicationScoped
public class EventLog {

  private static final System.Logger LOG = System.getLogger(EventLog.class.getName());
  private static final int BATCH = 1000;
  private static final long BATCH_BYTES = 2 * 1024 * 1024;
  private static final long FLUSH_EVERY_MILLIS = 50;
  private static final long MAX_BACKOFF_MILLIS = 1000;
  private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  private static final int REFUSALS_BEFORE_ISOLATING = 3;

  @Inject PeriodicWork periodic;
  @Inject EventStore store;
  @Inject TaskSettings settings;
  @Inject StreamMetrics metrics;

  private final Object flushing = new Object();
  private final LogThrottle failures = new LogThrottle(TimeUnit.SECONDS.toNanos(10));
  private final LogThrottle drops = new LogThrottle(TimeUnit.SECONDS.toNanos(10));
  // guarded by this: appended and not yet written, in order; counted until written
  private final ArrayDeque<TaskEvent> pending = new ArrayDeque<>();
  private int events;
  private long bytes;
  private boolean closed;
  private List<TaskEvent> unsaved = List.of(); // guarded by flushing: a batch that failed
  private volatile Bounds bounds; // see bounds()
  private volatile long
      failingSince; // System.nanoTime() of the first failed write in a row; 0: none
  private volatile long retryAt; // System.nanoTime() before which the flusher does not try again
  private long backoffMillis; // guarded by flushing
  private int refusals; // guarded by flushing: tries of 'unsaved' in a row the database refused
  private volatile long dropped; // events left out of the log since start-up
  private ScheduledFuture<?> flusher;

  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    metrics.gauge(
        "streaming_log_pending_events",
        "Events published and not yet written to the event log",
        this::pendingEvents);
    flusher =
        periodic.withFixedDelay(this::flushQuietly, FLUSH_EVERY_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Adds an event to the log. Returns at once unless the buffer is full, when the publishing task
   * waits for the database rather than lose events or grow memory. A run's final event is always
   * let in (one per run), so that a run that gave up on the database can still end.
   *
   * @throws IllegalStateException if interrupted or the log closed while waiting
   * @throws DatabaseOutageException if the database has been out of reach for longer than {@code
   *     streaming.log.outage-timeout}: the publishing task fails, its event not taken
   */
  public void append(TaskEvent event) {
    LogBacklog bound = bounds().backlog();
    long size = sizeOf(event);
    if (!event.isTerminal()) {
      checkOutage();
    }
    synchronized (this) {
      // one event is always let in, however big, so that nothing waits for ever
      while (events > 0
          && !event.isTerminal()
          && (events >= bound.maxEvents() || bytes + size > bound.maxBytes())) {
        if (closed) {
          throw new IllegalStateException("the event log is closed");
        }
        checkOutage();
        try {
          TimeUnit.NANOSECONDS.timedWait(this, WAIT_SLICE_NANOS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while the event log was full", e);
        }
      }
      pending.addLast(event);
      events++;
      bytes += size;
    }
  }

  /** A database out of reach for longer than the outage timeout ends the tasks that publish. */
  private void checkOutage() {
    long since = failingSince;
    if (since != 0) {
      Duration timeout = bounds().outageTimeout();
      if (System.nanoTime() - since > timeout.toNanos()) {
        throw new DatabaseOutageException(timeout, null);
      }
    }
  }

  private static long sizeOf(TaskEvent event) {
    // two bytes a character (the strings' worst case in memory) and the objects around them
    return 2L * (event.data().length() + event.name().length()) + 100;
  }

  private synchronized int pendingEvents() {
    return events;
  }

  /**
   * The writer's state, for health: events waiting to be written, how long writing has failed (zero
   * while it succeeds), and how many events it left out since start-up.
   */
  public record State(int pendingEvents, Duration failingFor, long droppedEvents) {}

  public State state() {
    long since = failingSince;
    return new State(
        pendingEvents(),
        since == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since),
        dropped);
  }

  /** Writes everything appended so far; callers then find it with {@link #after}. */
  public void flush() {
    synchronized (flushing) {
      if (!unsaved.isEmpty()) {
        // the failed try may have been committed all the same (a connection lost after the
        // commit), so only what is not in the database yet is written
        write(unsaved, true);
      }
      for (List<TaskEvent> batch = nextBatch(); !batch.isEmpty(); batch = nextBatch()) {
        unsaved = batch;
        write(batch, false);
      }
      writing();
    }
  }

  /** The log is written again: no pause before the next try, no failure in a row. */
  private void writing() {
    synchronized (flushing) {
      backoffMillis = 0;
      retryAt = 0;
      failingSince = 0;
      refusals = 0;
    }
  }

  /**
   * Writes the batch the database keeps refusing one event at a time; an event it refuses on its
   * own is left out, reported and counted.
   *
   * @return true, or false if the database went out of reach meanwhile (the rest is kept)
   */
  private boolean isolated() {
    synchronized (flushing) {
      List<TaskEvent> batch = unsaved;
      for (int i = 0; i < batch.size(); i++) {
        TaskEvent event = batch.get(i);
        try {
          store.insertMissing(List.of(event));
        } catch (RuntimeException e) {
          if (Failures.isDatabaseUnavailable(e)) {
            written(batch.subList(0, i));
            unsaved = List.copyOf(batch.subList(i, batch.size()));
            return false;
          }
          dropped++;
          metrics.logDropped();
          drops.log(
              LOG,
              Level.ERROR,
              "Event {0,number,#} of task {1,number,#} ({2}) was refused by the database and is"
                  + " left out of the event log: {3} ({4} more such lines in the last 10 s)",
              event.id(),
              event.taskId(),
              event.name(),
              Failures.rootCause(e));
        }
      }
      unsaved = List.of();
      written(batch);
      return true;
    }
  }

  /** Takes the next batch off the buffer; its events stay counted until they are written. */
  private synchronized List<TaskEvent> nextBatch() {
    List<TaskEvent> batch = new ArrayList<>(Math.min(BATCH, pending.size()));
    long batchBytes = 0;
    while (!pending.isEmpty() && batch.size() < BATCH && batchBytes < BATCH_BYTES) {
      TaskEvent event = pending.pollFirst();
      batch.add(event);
      batchBytes += sizeOf(event);
    }
    return batch;
  }

  private void write(List<TaskEvent> batch, boolean again) {
    if (again) {
      store.insertMissing(batch);
    } else {
      store.insert(batch);
    }
    unsaved = List.of();
    written(batch);
    Map<Long, Long> last = new HashMap<>();
    batch.forEach(event -> last.merge(event.taskId(), event.id(), Math::max));
    long keep = settings.keptEventsPerTask();
    last.forEach(
        (task, seq) -> {
          if (seq > keep) {
            store.trim(task, seq - keep);
          }
        });
  }

  /** The batch is in the database: its room in the buffer is free for waiting publishers. */
  private synchronized void written(List<TaskEvent> batch) {
    events -= batch.size();
    for (TaskEvent event : batch) {
      bytes -= sizeOf(event);
    }
    notifyAll();
  }

  /** What the buffer may hold, and how long a publisher waits out a failing database. */
  private record Bounds(LogBacklog backlog, Duration outageTimeout) {}

  /** The bounds, read from the configuration at most once per flush tick. */
  private Bounds bounds() {
    Bounds current = bounds;
    if (current == null) {
      current = readBounds();
      bounds = current;
    }
    return current;
  }

  private Bounds readBounds() {
    return new Bounds(settings.logBacklog(), settings.outageTimeout());
  }

  void flushQuietly() {
    try {
      bounds = readBounds(); // changed bounds apply within a tick, not per event
    } catch (RuntimeException badValue) {
      failures.log(
          LOG,
          Level.WARNING,
          "The event log keeps its last bounds: {0} ({1} more such lines in the last 10 s)",
          badValue.getMessage());
    }
    if (retryAt != 0 && System.nanoTime() - retryAt < 0) {
      return;
    }
    try {
      flush();
    } catch (RuntimeException e) {
      // kept in 'unsaved' and retried after a pause that doubles up to a few seconds
      long pause;
      if (failingSince == 0) {
        failingSince = System.nanoTime();
      }
      synchronized (flushing) {
        refusals = Failures.isDatabaseUnavailable(e) ? 0 : refusals + 1;
        if (refusals >= REFUSALS_BEFORE_ISOLATING && isolated()) {
          writing();
          return;
        }
        backoffMillis =
            Math.min(MAX_BACKOFF_MILLIS, Math.max(FLUSH_EVERY_MILLIS, backoffMillis * 2));
        pause = backoffMillis;
        retryAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause);
      }
      failures.log(
          LOG,
          Level.WARNING,
          "Writing the event log failed ({0} events waiting), retrying in {1} ms: {2}; {3} more"
              + " failures in the last 10 s",
          pendingEvents(),
          pause,
          e.toString());
    }
  }

  /** Up to {@code limit} logged events of a task with ids above {@code seq}, in order. */
  public List<TaskEvent> after(long taskId, long seq, int limit) {
    return store.after(taskId, seq, limit);
  }

  /** The ids of a task's first and last logged events (after a flush). */
  public Range range(long taskId) {
    flush();
    return store.range(taskId);
  }

  @PreDestroy
  void stop() {
    if (flusher != null) {
      flusher.cancel(false);
    }
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.log(
          Level.ERROR,
          "{0} events could not be written to the log at shutdown: {1}",
          pendingEvents(),
          e.toString());
    }
    synchronized (this) {
      closed = true;
      notifyAll();
    }
  }
}
