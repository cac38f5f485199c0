package io.streamingcoordinator.task.control;

import io.streamingcoordinator.task.entity.LoggedEvent;
import io.streamingcoordinator.task.entity.TaskEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The event log's table: batched inserts, ordered reads, trimming. Each method is one transaction.
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
