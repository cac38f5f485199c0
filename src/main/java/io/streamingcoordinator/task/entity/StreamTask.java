package io.streamingcoordinator.task.entity;

import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A long-running unit of work whose progress is streamed to clients. A task type is one concrete
 * entity subclass: its own fields are the task's input (set from the JSON body that creates it) and
 * {@link #process} does the work. Nothing else registers it.
 */
@Entity
@Table(name = "stream_task")
@Inheritance(strategy = InheritanceType.JOINED)
// the schema is the migrations' (db/migration): the mapping names what they made, so that every
// JPA provider reads and writes the same columns (EclipseLink and Hibernate differ in defaults)
@DiscriminatorColumn(name = "DTYPE", length = 31)
@NamedQuery(
    name = StreamTask.FINISHED_BEFORE,
    query =
        "SELECT t FROM StreamTask t WHERE t.status IN :statuses AND t.completedAt < :cutoff"
            + " AND TYPE(t) IN :types ORDER BY t.completedAt")
@NamedQuery(
    name = StreamTask.RECENT,
    query = "SELECT t FROM StreamTask t WHERE TYPE(t) IN :types ORDER BY t.id DESC")
@NamedQuery(
    name = StreamTask.WITH_STATUS,
    query = "SELECT t FROM StreamTask t WHERE t.status = :status AND TYPE(t) IN :types")
// every stored task's kind: rows of a type the WAR no longer has cannot be read as entities
@NamedNativeQuery(
    name = StreamTask.COUNT_BY_KIND,
    query = "SELECT dtype, COUNT(*) FROM stream_task GROUP BY dtype")
// native: Hibernate runs a JPQL update of a JOINED root through a temporary table
@NamedNativeQuery(
    name = StreamTask.SAVE_CHECKPOINT,
    query = "UPDATE stream_task SET checkpoint = ?1 WHERE id = ?2")
// native: one conditional write, so that of two nodes claiming the same task one gets it
@NamedNativeQuery(
    name = StreamTask.CLAIM,
    query =
        "UPDATE stream_task SET status = 'RUNNING', reservedseq = ?1, lease_owner = ?2,"
            + " lease_expires = ?3, updatedat = ?4 WHERE id = ?5"
            + " AND status IN ('PENDING', 'RUNNING')"
            + " AND (lease_owner IS NULL OR lease_owner = ?6 OR lease_expires <= ?7)")
@NamedNativeQuery(
    name = StreamTask.RENEW,
    query =
        "UPDATE stream_task SET lease_expires = ?1 WHERE lease_owner = ?2 AND status = 'RUNNING'")
@NamedNativeQuery(
    name = StreamTask.RELEASE,
    query =
        "UPDATE stream_task SET lease_expires = 0 WHERE lease_owner = ?1 AND status = 'RUNNING'")
@NamedNativeQuery(
    name = StreamTask.HELD,
    query = "SELECT id FROM stream_task WHERE lease_owner = ?1 AND status = 'RUNNING'")
public abstract class StreamTask {

  public static final String FINISHED_BEFORE = "StreamTask.finishedBefore";
  public static final String WITH_STATUS = "StreamTask.withStatus";
  public static final String RECENT = "StreamTask.recent";
  public static final String COUNT_BY_KIND = "StreamTask.countByKind";
  public static final String SAVE_CHECKPOINT = "StreamTask.saveCheckpoint";
  public static final String CLAIM = "StreamTask.claim";
  public static final String RENEW = "StreamTask.renew";
  public static final String HELD = "StreamTask.held";
  public static final String RELEASE = "StreamTask.release";

  @Id
  @GeneratedValue(strategy = GenerationType.TABLE, generator = "task_ids")
  @TableGenerator(
      name = "task_ids",
      table = "SEQUENCE",
      pkColumnName = "SEQ_NAME",
      valueColumnName = "SEQ_COUNT",
      pkColumnValue = "SEQ_GEN",
      allocationSize = 50)
  private Long id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private TaskStatus status = TaskStatus.PENDING;

  @Column(nullable = false)
  private Instant createdAt;

  @Column(nullable = false)
  private Instant updatedAt;

  private Instant completedAt;

  /** What {@link #process} returned, as JSON. */
  private String finalValue;

  /** The latest event sent, as JSON {@code {"id":..,"event":..,"data":{..}}}. */
  private String lastEvent;

  /**
   * Event ids up to here are taken: a run reserves them in blocks before using them, so that a run
   * after a crash never reuses an id that a client may have seen.
   */
  private long reservedSeq;

  /**
   * The task's own state saved with its last logged checkpointed event (see {@code
   * TaskContext.checkpoint}), written by the event log together with that event.
   */
  private String checkpoint;

  /**
   * The node that claimed the task to run it, and when its lease expires unless renewed (epoch
   * milliseconds), see {@code task.control.Leases}. Written only by the queries that claim and
   * renew leases, never with the rest of the task, so that no update of a field undoes a renewal.
   */
  @Column(name = "lease_owner", length = 64, insertable = false, updatable = false)
  private String leaseOwner;

  @Column(name = "lease_expires", insertable = false, updatable = false)
  private Long leaseExpires;

  /**
   * Does the task's work, emitting events through {@code context}; the return value (anything
   * JSON-B can write, or null) becomes the task's final value and the payload of its {@code
   * complete} event. An exception fails the task with an {@code error} event.
   */
  protected abstract Object process(TaskContext context) throws Exception;

  /**
   * Whether a run cut short by a server stop may simply be run again. Tasks that are not (the
   * default) are marked FAILED when the server starts again, and their clients are told.
   */
  public boolean isResumable() {
    return false;
  }

  /** Runs {@link #process}; only the coordinator calls it. */
  public final Object run(TaskContext context) throws Exception {
    return process(context);
  }

  @PrePersist
  void onCreate() {
    createdAt = now();
    updatedAt = createdAt;
  }

  @PreUpdate
  void onUpdate() {
    updatedAt = now();
  }

  /** Timestamps are kept to the millisecond, which every database stores exactly. */
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  public Long getId() {
    return id;
  }

  public TaskStatus getStatus() {
    return status;
  }

  public void setStatus(TaskStatus status) {
    this.status = status;
    if (status.isFinished()) {
      completedAt = now();
    }
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public Instant getCompletedAt() {
    return completedAt;
  }

  public String getFinalValue() {
    return finalValue;
  }

  public void setFinalValue(String finalValue) {
    this.finalValue = finalValue;
  }

  public long getReservedSeq() {
    return reservedSeq;
  }

  public String getLeaseOwner() {
    return leaseOwner;
  }

  public Long getLeaseExpires() {
    return leaseExpires;
  }

  public void setReservedSeq(long reservedSeq) {
    this.reservedSeq = reservedSeq;
  }

  public String getCheckpoint() {
    return checkpoint;
  }

  public String getLastEvent() {
    return lastEvent;
  }

  public void setLastEvent(String lastEvent) {
    this.lastEvent = lastEvent;
  }
}
