package io.streamingcoordinator.task.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One published event in the durable event log: what a resuming client is sent again. */
@Entity
@Table(name = "task_event")
@IdClass(LoggedEvent.Key.class)
@NamedQuery(
    name = LoggedEvent.AFTER,
    query = "SELECT e FROM LoggedEvent e WHERE e.taskId = :task AND e.seq > :after ORDER BY e.seq")
@NamedQuery(
    name = LoggedEvent.IDS_BETWEEN,
    query =
        "SELECT e.seq FROM LoggedEvent e WHERE e.taskId = :task AND e.seq BETWEEN :from AND :to")
@NamedQuery(
    name = LoggedEvent.RANGE,
    query = "SELECT MIN(e.seq), MAX(e.seq) FROM LoggedEvent e WHERE e.taskId = :task")
@NamedQuery(
    name = LoggedEvent.TRIM,
    query = "DELETE FROM LoggedEvent e WHERE e.taskId = :task AND e.seq <= :upTo")
@NamedQuery(
    name = LoggedEvent.OF_TASKS,
    query = "DELETE FROM LoggedEvent e WHERE e.taskId IN :tasks")
public class LoggedEvent {

  public static final String AFTER = "LoggedEvent.after";
  public static final String IDS_BETWEEN = "LoggedEvent.idsBetween";
  public static final String RANGE = "LoggedEvent.range";
  public static final String TRIM = "LoggedEvent.trim";
  public static final String OF_TASKS = "LoggedEvent.ofTasks";

  @Id private long taskId;
  @Id private long seq;

  @Column(nullable = false, length = 64)
  private String name;

  @Column(nullable = false)
  private String data;

  @Column(nullable = false)
  private Instant loggedAt;

  protected LoggedEvent() {}

  public LoggedEvent(TaskEvent event) {
    this.taskId = event.taskId();
    this.seq = event.id();
    this.name = event.name();
    this.data = event.data();
    this.loggedAt = Instant.now();
  }

  public TaskEvent toEvent() {
    return new TaskEvent(taskId, seq, name, data);
  }

  /** The composite key: task and sequence number. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private long taskId;
    private long seq;

    public Key() {}

    public Key(long taskId, long seq) {
      this.taskId = taskId;
      this.seq = seq;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && key.taskId == taskId && key.seq == seq;
    }

    @Override
    public int hashCode() {
      return Objects.hash(taskId, seq);
    }
  }
}
