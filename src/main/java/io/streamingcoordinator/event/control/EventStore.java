package io.streamingcoordinator.event.control;

import io.streamingcoordinator.task.entity.LoggedEvent;
import io.streamingcoordinator.task.entity.StreamTask;
import io.streamingcoordinator.task.entity.TaskEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The event log's table: batched inserts, ordered reads, trimming. Each method is one transaction.
 * A batch's checkpoints are stored with it, in its task's row, so that a task's saved state is
 * always that of an event in the log.
 */
@ApplicationScoped
@Transactional
public class EventStore {

  /** The first and last sequence numbers kept for a task; zeros when none. */
  public record Range(long first, long last) {
    public boolean isEmpty() {
      return last == 0;
    }
  }

  @PersistenceContext EntityManager em;

  public void insert(List<TaskEvent> events) {
    for (TaskEvent event : events) {
      em.persist(new LoggedEvent(event));
    }
    saveCheckpoints(events);
  }

  /**
   * Inserts those of {@code events} that are not in the log yet: a batch tried again after a
   * failure that may have been committed after all.
   */
  public void insertMissing(List<TaskEvent> events) {
    Map<Long, long[]> spans = new LinkedHashMap<>();
    for (TaskEvent event : events) {
      spans.merge(
          event.taskId(),
          new long[] {event.id(), event.id()},
          (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }
    Set<LoggedEvent.Key> present = new HashSet<>();
    spans.forEach(
        (task, span) ->
            em.createNamedQuery(LoggedEvent.IDS_BETWEEN, Long.class)
                .setParameter("task", task)
                .setParameter("from", span[0])
                .setParameter("to", span[1])
                .getResultList()
                .forEach(seq -> present.add(new LoggedEvent.Key(task, seq))));
    for (TaskEvent event : events) {
      if (!present.contains(new LoggedEvent.Key(event.taskId(), event.id()))) {
        em.persist(new LoggedEvent(event));
      }
    }
    saveCheckpoints(events);
  }

  /** Each task's last checkpoint in the batch goes to its row, in the batch's transaction. */
  private void saveCheckpoints(List<TaskEvent> events) {
    Map<Long, String> last = new LinkedHashMap<>();
    for (TaskEvent event : events) {
      if (event.checkpoint() != null) {
        last.put(event.taskId(), event.checkpoint());
      }
    }
    last.forEach(
        (task, checkpoint) ->
            em.createNamedQuery(StreamTask.SAVE_CHECKPOINT)
                .setParameter(1, checkpoint)
                .setParameter(2, task)
                .executeUpdate());
  }

  public List<TaskEvent> after(long taskId, long seq, int limit) {
    return em
        .createNamedQuery(LoggedEvent.AFTER, LoggedEvent.class)
        .setParameter("task", taskId)
        .setParameter("after", seq)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(LoggedEvent::toEvent)
        .toList();
  }

  public Range range(long taskId) {
    Object[] row =
        em.createNamedQuery(LoggedEvent.RANGE, Object[].class)
            .setParameter("task", taskId)
            .getSingleResult();
    return row[1] == null
        ? new Range(0, 0)
        : new Range(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
  }

  /** Deletes a task's events up to and including {@code seq}. */
  public int trim(long taskId, long seq) {
    return em.createNamedQuery(LoggedEvent.TRIM)
        .setParameter("task", taskId)
        .setParameter("upTo", seq)
        .executeUpdate();
  }
}
