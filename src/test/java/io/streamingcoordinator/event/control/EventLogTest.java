package io.streamingcoordinator.event.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.config.TaskSettings;
import io.streamingcoordinator.config.TaskSettings.LogBacklog;
import io.streamingcoordinator.metrics.StreamMetrics;
import io.streamingcoordinator.task.control.DatabaseOutageException;
import io.streamingcoordinator.task.entity.TaskEvent;
import java.sql.SQLDataException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The event log's buffer without a database: what it lets in, and how it writes again. */
class EventLogTest {

  final EventLog log = new EventLog();
  final List<String> writes = new CopyOnWriteArrayList<>();
  volatile boolean unavailable;
  volatile long refused = -1; // the id of an event the database refuses, not being out of reach

  {
    log.metrics = new StreamMetrics();
    log.settings =
        new TaskSettings() {
          @Override
          public LogBacklog logBacklog() {
            return new LogBacklog(2, 1_000_000);
          }

          @Override
          public Duration outageTimeout() {
            return Duration.ofMillis(200);
          }

          @Override
          public long keptEventsPerTask() {
            return 1000;
          }
        };
    log.store =
        new EventStore() {
          @Override
          public void insert(List<TaskEvent> events) {
            write("insert", events);
          }

          @Override
          public void insertMissing(List<TaskEvent> events) {
            write("insert missing", events);
          }
        };
  }

  private void write(String how, List<TaskEvent> events) {
    if (unavailable) {
      throw new IllegalStateException(new SQLTransientConnectionException("refused", "08001"));
    }
    if (events.stream().anyMatch(event -> event.id() == refused)) {
      throw new IllegalStateException(new SQLDataException("value too long", "22001"));
    }
    writes.add(how + " " + events.stream().map(TaskEvent::id).toList());
  }

  private static TaskEvent event(long id) {
    return new TaskEvent(1, id, "progress", "{}");
  }

  @Test
  void aBatchThatFailedIsWrittenAgainWithoutWhatMayHaveReachedTheDatabase() {
    unavailable = true;
    log.append(event(1));
    log.append(event(2));
    assertThrows(RuntimeException.class, log::flush);
    unavailable = false;
    log.flush();
    log.append(event(3));
    log.flush();

    assertEquals(List.of("insert missing [1, 2]", "insert [3]"), writes);
  }

  @Test
  void anOutageLongerThanItsBoundFailsThePublisherButAFinalEventAlwaysGetsIn() {
    unavailable = true;
    log.append(event(1));
    log.flushQuietly(); // fails: the outage starts
    log.append(event(2)); // within the bound, buffered

    DatabaseOutageException outage =
        assertThrows(DatabaseOutageException.class, () -> log.append(event(3)));
    assertTrue(outage.getMessage().contains("streaming.log.outage-timeout"), outage.getMessage());

    log.append(new TaskEvent(1, 3, TaskEvent.ERROR, "{}"));
    unavailable = false;
    log.flush();
    assertEquals(List.of("insert missing [1]", "insert [2, 3]"), writes);
  }

  /**
   * An event the database refuses on its own (not an outage) is left out after a few tries of its
   * batch, counted and reported; the batch's other events and the next ones are written.
   */
  @Test
  void anEventTheDatabaseKeepsRefusingIsLeftOutAndTheLogGoesOn() {
    refused = 2;
    log.append(event(1));
    log.append(event(2));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              log.flushQuietly(); // waits out its own pause between tries
              return log.state().droppedEvents() == 1;
            });
    log.append(event(3));
    log.flush();

    assertEquals(
        List.of("insert missing [1]", "insert [3]"), writes, "the batch written event by event");
    assertEquals(0, log.state().pendingEvents());
    assertEquals(Duration.ZERO, log.state().failingFor());
  }

  /** An outage is waited out however long it lasts: nothing is left out for it. */
  @Test
  void anOutageNeverLeavesEventsOut() {
    unavailable = true;
    log.append(event(1));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              log.flushQuietly();
              return log.state().failingFor().toMillis() > 1000;
            });
    assertEquals(0, log.state().droppedEvents());
    unavailable = false;
    log.flush();
    assertEquals(List.of("insert missing [1]"), writes);
  }
}
