package io.streamingcoordinator.task.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.config.TaskSettings;
import io.streamingcoordinator.config.TaskSettings.EventCaps;
import io.streamingcoordinator.config.TaskSettings.RunCaps;
import io.streamingcoordinator.metrics.StreamMetrics;
import io.streamingcoordinator.outbound.OutboundHttp;
import io.streamingcoordinator.task.control.TaskRunTest.RecordingStore;
import io.streamingcoordinator.task.entity.StreamTask;
import io.streamingcoordinator.task.entity.TaskContext;
import io.streamingcoordinator.task.entity.TaskEvent;
import io.streamingcoordinator.task.entity.TaskStatus;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The coordinator without a container: caps, queueing, refusals, and starts that cannot happen. */
class TaskCoordinatorTest {

  final TaskCoordinator coordinator = new TaskCoordinator();
  final RecordingStore store = new RecordingStore();
  final List<TaskEvent> fired = new CopyOnWriteArrayList<>();
  volatile RunCaps caps = new RunCaps(1, 1, 10);
  volatile boolean refuseThreads;

  {
    Blocking.release = new CountDownLatch(1);
    coordinator.json = new JsonCodec();
    coordinator.store = store;
    coordinator.types = new TaskTypes();
    coordinator.types.register(
        List.of(Blocking.class, Waiting.class, Quick.class, Resumable.class));
    coordinator.metrics = new StreamMetrics();
    coordinator.http = new OutboundHttp(); // creates nothing until a task fetches
    coordinator.events = new Recorder();
    coordinator.threads = new Threads();
    coordinator.cluster = LeasesTest.settings(false, "only-node");
    coordinator.leases = LeasesTest.leases(coordinator.cluster, Clock.systemUTC());
    coordinator.settings =
        new TaskSettings() {
          @Override
          public RunCaps runCaps() {
            return caps;
          }

          @Override
          public EventCaps eventCaps() {
            return new EventCaps(65536, 1000);
          }

          @Override
          public boolean logEvents() {
            return false;
          }

          @Override
          public Duration outageTimeout() {
            return Duration.ofSeconds(30);
          }
        };
  }

  @AfterEach
  void stop() {
    Blocking.release.countDown();
    coordinator.shutdown();
    coordinator.json.close();
  }

  /**
   * The stuck start of the benchmark: a stream answered 200, the start failed (the executor refused
   * it) and was only logged at DEBUG, so the client waited for ever. Now a start that cannot get a
   * thread ends the task with an error its clients receive.
   */
  @Test
  void aStartThatCannotGetAThreadEndsTheTaskWithAnErrorItsClientsGet() throws Exception {
    refuseThreads = true;
    Quick task = TaskRunTest.withId(new Quick(), 1);
    assertTrue(coordinator.start(task));
    await().atMost(5, TimeUnit.SECONDS).until(() -> !coordinator.isRunning(1));
    assertEquals(List.of("error"), names());
    assertTrue(fired.get(0).data().contains("could not start"), fired.get(0).data());
    assertEquals("finish 1 FAILED", store.calls.get(store.calls.size() - 1));
  }

  @Test
  void startsBeyondTheCapQueueThenAreRefusedAndQueuedOnesRunInTurn() throws Exception {
    Blocking first = TaskRunTest.withId(new Blocking(), 1);
    coordinator.start(first);
    coordinator.start(TaskRunTest.withId(new Quick(), 2));
    TaskLimitException refused =
        assertThrows(
            TaskLimitException.class, () -> coordinator.start(TaskRunTest.withId(new Quick(), 3)));
    assertTrue(refused.getMessage().contains("at most 1 tasks"), refused.getMessage());
    assertTrue(coordinator.isRunning(2), "queued: started, waiting for its turn");
    await().atMost(5, TimeUnit.SECONDS).until(() -> store.calls.equals(List.of("running 1")));

    Blocking.release.countDown();
    await().atMost(5, TimeUnit.SECONDS).until(() -> coordinator.running() == 0);
    assertEquals(
        List.of("running 1", "finish 1 COMPLETED", "running 2", "finish 2 COMPLETED"), store.calls);
  }

  @Test
  void aTaskWaitingForALongTimeLetsAnotherRun() throws Exception {
    caps = new RunCaps(1, 5, 10);
    coordinator.start(TaskRunTest.withId(new Waiting(), 1));
    await().atMost(5, TimeUnit.SECONDS).until(() -> fired.size() == 1); // it waits now
    coordinator.start(TaskRunTest.withId(new Quick(), 2));
    await().atMost(5, TimeUnit.SECONDS).until(() -> !coordinator.isRunning(2));
    assertTrue(coordinator.isRunning(1));
    coordinator.cancel(1).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(List.of("waiting", "progress", "complete", "error"), names());
  }

  @Test
  void aQueuedTaskCancelledEndsAtOnceWithoutRunning() throws Exception {
    coordinator.start(TaskRunTest.withId(new Blocking(), 1));
    coordinator.start(TaskRunTest.withId(new Quick(), 2));
    await().atMost(5, TimeUnit.SECONDS).until(() -> store.calls.equals(List.of("running 1")));
    assertEquals(
        TaskStatus.CANCELLED, coordinator.cancel(2).toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertEquals(List.of("running 1", "finish 2 CANCELLED"), store.calls);
    assertEquals(List.of("error"), names());
    Blocking.release.countDown();
  }

  /**
   * The other way a stream could answer 200 and never get an event: the run's first write found its
   * task ended meanwhile (cancelled while queued elsewhere) and did nothing.
   */
  @Test
  void aRunThatFindsItsTaskEndedRepeatsTheFinalEventForItsClients() throws Exception {
    Quick ended = TaskRunTest.withId(new Quick(), 4);
    ended.setStatus(TaskStatus.CANCELLED);
    ended.setLastEvent("{\"id\":7,\"event\":\"error\",\"data\":{\"message\":\"Task cancelled\"}}");
    store.stored = ended;
    store.refuseRun = true;
    coordinator.start(TaskRunTest.withId(new Quick(), 4));
    await().atMost(5, TimeUnit.SECONDS).until(() -> fired.size() == 1);
    assertEquals("error", fired.get(0).name());
    assertEquals(7, fired.get(0).id());
    assertEquals(List.of("running 4"), store.calls, "nothing else was stored");
  }

  @Test
  void reconcilingRunsAResumableTaskAgainAndEndsAnyOtherThatNothingRuns() throws Exception {
    caps = new RunCaps(2, 1, 10);
    Blocking runningHere = stored(new Blocking(), 23, TaskStatus.PENDING);
    coordinator.start(runningHere);
    await().atMost(5, TimeUnit.SECONDS).until(() -> store.calls.contains("running 23"));
    store.calls.clear();
    stored(new Resumable(), 21, TaskStatus.RUNNING);
    stored(new Quick(), 22, TaskStatus.RUNNING);
    // listed RUNNING, but its run ended before the reconciliation read it again
    Quick endedMeanwhile = TaskRunTest.withId(new Quick(), 24);
    endedMeanwhile.setStatus(TaskStatus.RUNNING);
    store.listed.add(endedMeanwhile);
    stored(new Quick(), 24, TaskStatus.COMPLETED);

    assertEquals(2, coordinator.reconcile());
    await().atMost(5, TimeUnit.SECONDS).until(() -> !coordinator.isRunning(21));
    assertEquals(
        List.of("finish 22 FAILED", "running 21", "finish 21 COMPLETED"),
        store.calls.stream()
            .sorted(Comparator.comparing(call -> call.endsWith("FAILED") ? 0 : 1))
            .toList());
    assertTrue(coordinator.isRunning(23), "a task running here is left alone");
    TaskEvent failed = fired.stream().filter(e -> e.taskId() == 22).findFirst().orElseThrow();
    assertEquals("error", failed.name());
    assertTrue(failed.data().contains("The server stopped while the task was running"));

    store.calls.clear();
    assertEquals(0, coordinator.reconcile(), "once each");
    assertEquals(List.of(), store.calls);
  }

  @Test
  void anEndTheDatabaseDidNotTakeIsStoredLaterAndTheTaskIsNotRunAgain() throws Exception {
    Resumable task = stored(new Resumable(), 31, TaskStatus.PENDING);
    store.finishFailures = 2; // at its end, and when a client opens its stream
    coordinator.start(task);
    await().atMost(5, TimeUnit.SECONDS).until(() -> !coordinator.isRunning(31));
    assertEquals(TaskStatus.RUNNING, task.getStatus(), "the database still says RUNNING");

    fired.clear();
    assertFalse(coordinator.start(task), "a client opening it gets its end, not a new run");
    assertEquals(List.of("complete"), names());
    assertEquals(0, coordinator.reconcile(), "stored now, nothing run again");
    assertEquals(List.of("running 31", "finish 31 COMPLETED"), store.calls);
    assertEquals(TaskStatus.COMPLETED, task.getStatus());
  }

  @Test
  void aStreamOnATaskCutShortEndsItOnceInsteadOfRunningItAgain() throws Exception {
    Quick task = stored(new Quick(), 41, TaskStatus.RUNNING);
    Quick asLoaded = TaskRunTest.withId(new Quick(), 41);
    asLoaded.setStatus(TaskStatus.RUNNING);

    assertFalse(coordinator.start(asLoaded));
    assertFalse(coordinator.start(asLoaded), "a second client loaded it before it ended");
    assertEquals(List.of("finish 41 FAILED"), store.calls, "never run, ended once");
    assertEquals(List.of("error", "error"), names(), "both clients are told");
    assertEquals(fired.get(0).id(), fired.get(1).id(), "the same event, repeated");
    assertEquals(TaskStatus.FAILED, task.getStatus());
  }

  /** A task as stored, with its id and status. */
  private <T extends StreamTask> T stored(T task, long id, TaskStatus status) {
    TaskRunTest.withId(task, id);
    task.setStatus(status);
    store.tasks.put(id, task);
    store.listed.add(task);
    return task;
  }

  /**
   * A start whose claim commits after the lease renewal has read what this node holds, and whose
   * run is leased by the time the renewal looks at the runs, is no lease lost: the run goes on.
   */
  @Test
  void aRunClaimedWhileTheLeasesAreRenewedIsNotTakenForALostLease() throws Exception {
    coordinator.cluster = LeasesTest.settings(true, "node-a");
    coordinator.leases = LeasesTest.leases(coordinator.cluster, Clock.systemUTC());
    CountDownLatch heldRead = new CountDownLatch(1);
    CountDownLatch claimed = new CountDownLatch(1);
    RecordingStore recorded = store;
    Blocking task = TaskRunTest.withId(new Blocking(), 7);
    recorded.tasks.put(7L, task);
    coordinator.store =
        new TaskStore() {
          @Override
          public Claim markRunning(long id, long reserveUpTo) {
            await().atMost(10, TimeUnit.SECONDS).until(() -> heldRead.getCount() == 0);
            Claim claim = recorded.markRunning(id, reserveUpTo);
            claimed.countDown();
            return claim;
          }

          @Override
          public Set<Long> renewLeases() {
            heldRead.countDown(); // what this node holds was read: task 7 not yet RUNNING
            await().atMost(10, TimeUnit.SECONDS).until(() -> claimed.getCount() == 0);
            await().atMost(10, TimeUnit.SECONDS).until(() -> leased(7));
            return Set.of();
          }

          @Override
          public List<StreamTask> withStatus(TaskStatus status) {
            return recorded.withStatus(status);
          }

          @Override
          public void reserve(long id, long upTo) {}

          @Override
          public void recordLastEvent(long id, String event) {
            recorded.recordLastEvent(id, event);
          }

          @Override
          public void finish(long id, TaskStatus status, String finalValue, String lastEvent) {
            recorded.finish(id, status, finalValue, lastEvent);
          }

          @Override
          public <T extends StreamTask> Optional<T> find(Class<T> type, long id) {
            return recorded.find(type, id);
          }
        };
    CompletableFuture<Void> renewal = CompletableFuture.runAsync(coordinator::renewLeases);
    coordinator.start(task);
    renewal.get(20, TimeUnit.SECONDS);

    assertTrue(coordinator.isRunning(7), "the run goes on");
    Blocking.release.countDown();
    await().atMost(5, TimeUnit.SECONDS).until(() -> !coordinator.isRunning(7));
    assertEquals(TaskStatus.COMPLETED, task.getStatus());
  }

  /** Whether the coordinator's run of a task holds its lease. */
  private boolean leased(long taskId) throws ReflectiveOperationException {
    Field runs = TaskCoordinator.class.getDeclaredField("runs");
    runs.setAccessible(true);
    TaskRun run = (TaskRun) ((Map<?, ?>) runs.get(coordinator)).get(taskId);
    return run != null && run.isLeased();
  }

  private List<String> names() {
    return fired.stream().map(TaskEvent::name).collect(Collectors.toList());
  }

  /** Runs until the test lets it go. */
  @jakarta.persistence.Entity
  public static class Blocking extends StreamTask {
    static volatile CountDownLatch release = new CountDownLatch(1);

    @Override
    protected Object process(TaskContext context) throws InterruptedException {
      release.await(30, TimeUnit.SECONDS);
      return null;
    }
  }

  /** Waits a minute (until cancelled). */
  @jakarta.persistence.Entity
  public static class Waiting extends StreamTask {
    @Override
    protected Object process(TaskContext context) {
      context.emit("waiting");
      context.pause(Duration.ofMinutes(1));
      return null;
    }
  }

  /** Quick, and run again after a stop. */
  @jakarta.persistence.Entity
  public static class Resumable extends Quick {
    @Override
    public boolean isResumable() {
      return true;
    }
  }

  @jakarta.persistence.Entity
  public static class Quick extends StreamTask {
    @Override
    protected Object process(TaskContext context) {
      context.emit("progress");
      return null;
    }
  }

  private final class Threads implements ManagedThreadFactory {
    @Override
    public Thread newThread(Runnable run) {
      if (refuseThreads) {
        throw new RejectedExecutionException("no threads");
      }
      Thread thread = new Thread(run);
      thread.setDaemon(true);
      return thread;
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
      throw new UnsupportedOperationException();
    }
  }

  private final class Recorder implements Event<TaskEvent> {
    @Override
    public void fire(TaskEvent event) {
      fired.add(event);
    }

    @Override
    public <U extends TaskEvent> CompletionStage<U> fireAsync(U event) {
      fire(event);
      return CompletableFuture.completedFuture(event);
    }

    @Override
    public <U extends TaskEvent> CompletionStage<U> fireAsync(U event, NotificationOptions o) {
      return fireAsync(event);
    }

    @Override
    public Event<TaskEvent> select(Annotation... qualifiers) {
      return this;
    }

    @Override
    public <U extends TaskEvent> Event<U> select(Class<U> type, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends TaskEvent> Event<U> select(TypeLiteral<U> type, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }
  }
}
