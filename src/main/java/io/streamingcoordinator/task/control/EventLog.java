package io.streamingcoordinator.task.control;

import io.streamingcoordinator.config.TaskSettings;
import io.streamingcoordinator.task.control.EventStore.Range;
import io.streamingcoordinator.task.entity.TaskEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The durable log of every task's events. Publishing only appends to a memory buffer; a flusher
 * writes the buffer to the database in batches every few milliseconds, keeps at most {@code
 * streaming.log.max-events-per-task} events per task, and writes what is left on shutdown.
 */
@ApplicationScoped
public class EventLog {

  private static final System.Logger LOG = System.getLogger(EventLog.class.getName());
  private static final int BATCH = 1000;
  private static final int BUFFER = 100_000;
  private static final long FLUSH_EVERY_MILLIS = 50;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject EventStore store;
  @Inject TaskSettings settings;

  private final LinkedBlockingQueue<TaskEvent> pending = new LinkedBlockingQueue<>(BUFFER);
  private final Object flushing = new Object();
  private List<TaskEvent> unsaved = List.of(); // guarded by flushing: a batch that failed
  private ScheduledFuture<?> flusher;

  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    flusher =
        scheduler.scheduleWithFixedDelay(
            this::flushQuietly, FLUSH_EVERY_MILLIS, FLUSH_EVERY_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Adds an event to the log. Returns at once unless the database has fallen {@value #BUFFER}
   * events behind, when the publishing task waits rather than lose events.
   */
  public void append(TaskEvent event) {
    if (!pending.offer(event)) {
      try {
        pending.put(event);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the event log was full", e);
      }
    }
  }

  /** Writes everything appended so far; callers then find it with {@link #after}. */
  public void flush() {
    synchronized (flushing) {
      if (!unsaved.isEmpty()) {
        write(unsaved);
      }
      List<TaskEvent> batch = new ArrayList<>(BATCH);
      while (pending.drainTo(batch, BATCH) > 0) {
        unsaved = batch;
        write(batch);
        batch = new ArrayList<>(BATCH);
      }
    }
  }

  private void write(List<TaskEvent> batch) {
    store.insert(batch);
    unsaved = List.of();
    Map<Long, Long> last = new HashMap<>();
    batch.forEach(event -> last.merge(event.taskId(), event.id(), Math::max));
    long keep = settings.maxEventsPerTask();
    last.forEach(
        (task, seq) -> {
          if (seq > keep) {
            store.trim(task, seq - keep);
          }
        });
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      // kept in 'unsaved' and retried on the next tick
      LOG.log(Level.WARNING, "Writing the event log failed, will retry: {0}", e.toString());
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
          pending.size() + unsaved.size(),
          e.toString());
    }
  }
}
