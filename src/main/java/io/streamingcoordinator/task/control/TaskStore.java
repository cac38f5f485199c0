package io.streamingcoordinator.task.control;

import io.streamingcoordinator.task.entity.LoggedEvent;
import io.streamingcoordinator.task.entity.StreamTask;
import io.streamingcoordinator.task.entity.TaskStatus;
import io.streamingcoordinator.task.entity.TaskType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads and writes tasks; each method is one transaction. Lists hold only tasks of the types this
 * application has: a row of a type it no longer has (a task class removed) cannot be read as an
 * entity by any JPA provider, so those rows are left as they are ({@link #unknownKinds}).
 */
@ApplicationScoped
@Transactional
public class TaskStore {

  @PersistenceContext EntityManager em;
  @Inject TaskFields fields;
  @Inject TaskTypes types;
  @Inject Leases leases;

  public <T extends StreamTask> T create(T task) {
    em.persist(task);
    em.flush();
    return task;
  }

  /** The task as stored now, detached: changing it changes nothing. */
  public <T extends StreamTask> Optional<T> find(Class<T> type, long id) {
    // read in a transaction: a non-transactional entity manager used from a managed-executor
    // thread failed now and then inside EclipseLink ("databaseSession is null")
    T task = em.find(type, id);
    if (task != null) {
      em.detach(task);
    }
    return Optional.ofNullable(task);
  }

  /** Applies a client's changes to the task's own fields. */
  public <T extends StreamTask> Optional<T> patch(Class<T> type, long id, JsonObject changes) {
    T task = em.find(type, id);
    if (task == null) {
      return Optional.empty();
    }
    // found by deferred change detection (persistence.xml turns woven change tracking off)
    fields.apply(task, changes);
    return Optional.of(task);
  }

  /** What came of a claim to run a task. */
  public enum Claim {
    /** This node holds the task's lease and the task is RUNNING. */
    CLAIMED,
    /** The task is finished or gone. */
    FINISHED,
    /** Another node's lease on it holds. */
    ELSEWHERE
  }

  /**
   * Claims a task for this node (its lease: {@link Leases}), marks it RUNNING and takes its first
   * event ids, up to {@code reserveUpTo}, in one conditional write, so that of two nodes claiming
   * it at once one gets it.
   */
  public Claim markRunning(long id, long reserveUpTo) {
    int claimed =
        em.createNamedQuery(StreamTask.CLAIM)
            .setParameter(1, reserveUpTo)
            .setParameter(2, leases.node())
            .setParameter(3, leases.expiry())
            .setParameter(4, Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MILLIS)))
            .setParameter(5, id)
            .setParameter(6, leases.node())
            .setParameter(7, leases.claimTime())
            .executeUpdate();
    if (claimed == 1) {
      return Claim.CLAIMED;
    }
    StreamTask task = em.find(StreamTask.class, id);
    return task == null || task.getStatus().isFinished() ? Claim.FINISHED : Claim.ELSEWHERE;
  }

  /**
   * Ends this node's leases on the tasks it suspended (a stopping node), so that another node takes
   * them over at its next reconciliation rather than once they expire.
   */
  public void releaseLeases() {
    em.createNamedQuery(StreamTask.RELEASE).setParameter(1, leases.node()).executeUpdate();
  }

  /**
   * Renews this node's leases on the tasks it runs.
   *
   * @return the ids of the tasks whose leases this node holds now
   */
  public Set<Long> renewLeases() {
    em.createNamedQuery(StreamTask.RENEW)
        .setParameter(1, leases.expiry())
        .setParameter(2, leases.node())
        .executeUpdate();
    Set<Long> held = new HashSet<>();
    for (Object id :
        em.createNamedQuery(StreamTask.HELD).setParameter(1, leases.node()).getResultList()) {
      held.add(((Number) id).longValue());
    }
    return held;
  }

  /** Takes event ids up to {@code upTo} for the task's current run. */
  public void reserve(long id, long upTo) {
    update(id, task -> task.setReservedSeq(upTo));
  }

  public List<StreamTask> withStatus(TaskStatus status) {
    if (types.all().isEmpty()) {
      return List.of();
    }
    return em.createNamedQuery(StreamTask.WITH_STATUS, StreamTask.class)
        .setParameter("status", status)
        .setParameter("types", typeClasses())
        .getResultList();
  }

  /** The {@code limit} newest tasks, newest first. */
  public List<StreamTask> recent(int limit) {
    if (types.all().isEmpty()) {
      return List.of();
    }
    return em.createNamedQuery(StreamTask.RECENT, StreamTask.class)
        .setParameter("types", typeClasses())
        .setMaxResults(limit)
        .getResultList();
  }

  /**
   * How many stored tasks there are of each kind (discriminator value) this application has no type
   * for.
   */
  public Map<String, Long> unknownKinds() {
    Set<String> known = new HashSet<>();
    types.all().forEach(type -> known.add(em.getMetamodel().entity(type.javaClass()).getName()));
    Map<String, Long> unknown = new TreeMap<>();
    for (Object row : em.createNamedQuery(StreamTask.COUNT_BY_KIND).getResultList()) {
      Object[] columns = (Object[]) row;
      String kind = String.valueOf(columns[0]);
      if (!known.contains(kind)) {
        unknown.put(kind, ((Number) columns[1]).longValue());
      }
    }
    return unknown;
  }

  private List<Class<?>> typeClasses() {
    return types.all().stream().<Class<?>>map(TaskType::javaClass).toList();
  }

  public void recordLastEvent(long id, String lastEvent) {
    update(id, task -> task.setLastEvent(lastEvent));
  }

  public void finish(long id, TaskStatus status, String finalValue, String lastEvent) {
    update(
        id,
        task -> {
          task.setStatus(status);
          task.setFinalValue(finalValue);
          task.setLastEvent(lastEvent);
        });
  }

  /** Changes a stored task, if it still exists. */
  private void update(long id, Consumer<StreamTask> change) {
    StreamTask task = em.find(StreamTask.class, id);
    if (task != null) {
      change.accept(task);
    }
  }

  public List<StreamTask> finishedBefore(Instant cutoff, int limit, int skip) {
    if (types.all().isEmpty()) {
      return List.of();
    }
    return em.createNamedQuery(StreamTask.FINISHED_BEFORE, StreamTask.class)
        .setParameter(
            "statuses", EnumSet.of(TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.CANCELLED))
        .setParameter("cutoff", cutoff)
        .setParameter("types", typeClasses())
        .setFirstResult(skip)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Deletes the tasks and their logged events. */
  public int delete(List<Long> ids) {
    if (!ids.isEmpty()) {
      em.createNamedQuery(LoggedEvent.OF_TASKS).setParameter("tasks", ids).executeUpdate();
    }
    int deleted = 0;
    for (Long id : ids) {
      StreamTask task = em.find(StreamTask.class, id);
      if (task != null) {
        em.remove(task);
        deleted++;
      }
    }
    return deleted;
  }

  /** Cheap round trip for the health check. */
  public long count() {
    return em.createQuery("SELECT COUNT(t) FROM StreamTask t", Long.class).getSingleResult();
  }
}
