package io.streamingcoordinator.stream.control;

import io.streamingcoordinator.config.ClusterSettings;
import io.streamingcoordinator.config.StreamSettings;
import io.streamingcoordinator.config.TaskSettings;
import io.streamingcoordinator.event.control.EventLog;
import io.streamingcoordinator.metrics.LogThrottle;
import io.streamingcoordinator.metrics.ShutdownLog;
import io.streamingcoordinator.metrics.StreamMetrics;
import io.streamingcoordinator.stream.control.Channel.CatchUp;
import io.streamingcoordinator.stream.control.ConnectionLimiter.LimitReachedException;
import io.streamingcoordinator.stream.control.ConnectionLimiter.Permit;
import io.streamingcoordinator.task.control.PeriodicWork;
import io.streamingcoordinator.task.control.TaskCoordinator;
import io.streamingcoordinator.task.entity.TaskEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.SseEventSink;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Fans each task's events out to its clients. Every client gets its own bounded queue; publishing
 * only offers to those queues, and sends run on the managed executor. Once a second the hub looks
 * at every client: heartbeats for silent streams, eviction for stalled sends. One class (over 200
 * lines) because admission, publishing, catch-up, the tick and the shutdown all work on the same
 * channels and subscriptions.
 */
@ApplicationScoped
public class StreamHub {

  private static final System.Logger LOG = System.getLogger(StreamHub.class.getName());
  private static final Duration SHUTDOWN_DRAIN = Duration.ofSeconds(2);
  private static final long TICK_MILLIS = 1000;
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
  // what a client that is behind holds at most: a page of events (from memory, references only;
  // from the log, copies)
  private static final int REPLAY_PAGE = 100;
  private static final int MAX_CATCH_UP_ATTEMPTS = 10;
  // events of another node's task read from the log per task and poll
  private static final int FOLLOW_PAGE = 1000;

  @Resource ManagedExecutorService executor;
  @Inject PeriodicWork periodic;
  @Resource ManagedThreadFactory threadFactory;
  @Inject StreamSettings settings;
  @Inject TaskSettings taskSettings;
  @Inject TaskCoordinator coordinator;
  @Inject StreamMetrics metrics;
  @Inject EventLog eventLog;
  @Inject ClusterSettings cluster;

  private final ConnectionLimiter limiter = new ConnectionLimiter();
  private final ConcurrentMap<Long, Channel> channels = new ConcurrentHashMap<>();
  private final ConcurrentMap<Subscription, Permit> subscriptions = new ConcurrentHashMap<>();
  private final Subscription.Listener listener = new Events();
  private final LogThrottle queueWarnings = new LogThrottle(LOG_EVERY_NANOS);
  private final LogThrottle evictions = new LogThrottle(LOG_EVERY_NANOS);
  private final LogThrottle behindNotices = new LogThrottle(LOG_EVERY_NANOS);
  private final ShutdownLog shutdownLog = new ShutdownLog(StreamHub.class.getName());
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicInteger endedWhileStopping = new AtomicInteger();
  private final LogThrottle followFailures = new LogThrottle(LOG_EVERY_NANOS);
  private ScheduledFuture<?> ticker;
  private ScheduledFuture<?> follower;
  private ThreadPoolExecutor senders;

  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // Sends never block, so a few threads serve every client. They are our own pool on managed
    // threads: submitting to the managed executor captures the caller's contexts on every call,
    // which cost more than the send itself when each event woke a thousand clients.
    int threads = settings.sendThreads();
    senders =
        new ThreadPoolExecutor(
            threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threadFactory);
    LOG.log(Level.INFO, "Streams are sent by {0} threads", threads);
    metrics.gauge("streaming_connections_active", "Open event streams", limiter::open);
    metrics.gauge(
        "streaming_queue_depth_max",
        "Events queued for the furthest-behind client",
        this::deepestQueue);
    ticker = periodic.atFixedRate(this::tick, TICK_MILLIS, TimeUnit.MILLISECONDS);
    if (cluster.enabled()) {
      follower =
          periodic.withFixedDelay(
              this::followOtherNodes, cluster.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * With several nodes on one database: the clients here of a task that runs on another node get
   * its events from the shared event log, read every {@code streaming.cluster.poll-interval} and
   * published here as if the task ran here (in order, once each; the final one ends the streams). A
   * first read gives the latest logged event, as a late joiner gets.
   */
  private void followOtherNodes() {
    try {
      channels.forEach(
          (taskId, channel) -> {
            if (channel.size() == 0 || channel.isFinished() || coordinator.isRunning(taskId)) {
              return;
            }
            long after = channel.followFrom();
            if (after < 0) {
              after = Math.max(0, eventLog.range(taskId).last() - 1);
            }
            for (TaskEvent event : eventLog.after(taskId, after, FOLLOW_PAGE)) {
              channel.publishFromLog(SseFrame.of(event)); // the bus may have brought it
            }
          });
    } catch (RuntimeException e) {
      followFailures.log(
          LOG,
          Level.WARNING,
          "Reading the events of tasks that run on other nodes failed: {0} ({1} more in the last"
              + " 10 s)",
          e.toString());
    }
  }

  /** Tasks with clients here that run on another node (their events come from it). */
  public int followedTasks() {
    int followed = 0;
    for (Map.Entry<Long, Channel> entry : channels.entrySet()) {
      Channel channel = entry.getValue();
      if (channel.size() > 0 && !channel.isFinished() && !coordinator.isRunning(entry.getKey())) {
        followed++;
      }
    }
    return followed;
  }

  /**
   * An event of a task that runs on another node, brought by the cluster bus, for the clients here
   * (also those still catching up from the log, who find it in memory): in order, once each. What
   * the bus left out (lost, or before a new run's first id) comes from the event log, read every
   * poll interval, and the bus's events after it follow at once.
   */
  public void fromOtherNode(TaskEvent event) {
    Channel channel = channels.get(event.taskId());
    if (channel == null || coordinator.isRunning(event.taskId())) {
      return;
    }
    channel.publishFromBus(SseFrame.of(event));
  }

  void onEvent(@Observes TaskEvent event) {
    metrics.published();
    if (event.isTerminal() && stopping.get()) {
      endedWhileStopping.incrementAndGet();
    }
    SseFrame frame = SseFrame.of(event);
    channel(event.taskId()).publish(frame);
  }

  private Channel channel(long taskId) {
    return channels.computeIfAbsent(
        taskId, id -> new Channel(settings.memoryEvents(), settings.memoryBytes()));
  }

  /**
   * Reserves a stream slot for a client of {@code taskId}, under the configured caps.
   *
   * @throws LimitReachedException if a cap is reached; the refusal is counted
   */
  public Permit admit(long taskId, String address) throws LimitReachedException {
    try {
      return limiter.acquire(taskId, address, settings.connectionCaps());
    } catch (LimitReachedException e) {
      metrics.rejected(e.limit().tag);
      throw e;
    }
  }

  /**
   * Connects an admitted client to a task's events, starting with the latest one. Should it fall a
   * whole queue behind it catches up from the event log, if events are logged (otherwise the
   * overflow policy can only evict it or drop events).
   */
  public Subscription subscribe(long taskId, SseEventSink sink, Permit permit) {
    if (cluster.enabled() && !coordinator.isRunning(taskId)) {
      Channel channel = channels.get(taskId);
      if (channel == null || channel.latestSeq() == 0) {
        // another node's task, none of its events seen here yet: the client starts at the latest
        // event logged so far (all of them before the first) and misses none of those after it,
        // however late this node's first read of the log comes
        long logged = eventLog.range(taskId).last();
        return resume(taskId, sink, permit, Math.max(0, logged - 1), channel(taskId), logged);
      }
    }
    Subscription.Replay replay =
        taskSettings.logEvents() ? (behind, after) -> replay(taskId, behind, after) : null;
    Subscription subscription =
        new Subscription(
            taskId, sink, settings.clientLimits(), senders, executor, listener, replay, 0, true);
    subscription.preface(SseFrame.retry(settings.retry()));
    subscriptions.put(subscription, permit);
    channel(taskId).join(subscription);
    endWithSink(sink, subscription);
    sendAwayIfStopping(subscription);
    return subscription;
  }

  /**
   * Connects an admitted client that already has every event up to {@code lastEventId}: it is sent
   * the events after it (from memory, else from the event log), then the live ones, with no gap and
   * no repeat. For a finished task the stream ends after the last logged event.
   */
  public Subscription resume(
      long taskId, SseEventSink sink, Permit permit, long lastEventId, boolean finished) {
    Channel channel = finished ? channels.get(taskId) : channel(taskId);
    return resume(taskId, sink, permit, lastEventId, channel, eventLog.range(taskId).last());
  }

  /** As above, with the task's channel here (null if none) and the id of its last logged event. */
  private Subscription resume(
      long taskId,
      SseEventSink sink,
      Permit permit,
      long lastEventId,
      Channel channel,
      long lastLogged) {
    long latest = Math.max(channel == null ? 0 : channel.latestSeq(), lastLogged);
    // an id newer than the task's last means nothing was missed
    long cursor = Math.min(lastEventId, latest);
    Subscription subscription =
        new Subscription(
            taskId,
            sink,
            settings.clientLimits(),
            senders,
            executor,
            listener,
            (resuming, after) -> replay(taskId, resuming, after),
            cursor,
            false);
    subscription.preface(SseFrame.retry(settings.retry()));
    subscriptions.put(subscription, permit);
    subscription.catchUp();
    endWithSink(sink, subscription);
    sendAwayIfStopping(subscription);
    return subscription;
  }

  /** A client that came in while the server stops is told to come back, like those before it. */
  private void sendAwayIfStopping(Subscription subscription) {
    if (stopping.get()) {
      subscription.stop(SseFrame.SUSPENDED);
    }
  }

  /** A sink closed by its client (or the container) ends its subscription and frees its slot. */
  private static void endWithSink(SseEventSink sink, Subscription subscription) {
    if (sink instanceof ServletEventSink servlet) {
      servlet.onClose(subscription::close);
    }
  }

  /** The next step of a resuming client's catch-up; runs on the managed executor. */
  private CatchUp replay(long taskId, Subscription subscription, long cursor) {
    boolean logRead = false;
    for (int attempt = 0; attempt < MAX_CATCH_UP_ATTEMPTS; attempt++) {
      Channel channel = channels.get(taskId);
      if (channel != null) {
        CatchUp step = channel.catchUp(subscription, cursor, REPLAY_PAGE, logRead);
        if (step.kind() != CatchUp.Kind.FROM_LOG) {
          return step;
        }
      }
      eventLog.flush();
      List<TaskEvent> logged = eventLog.after(taskId, cursor, REPLAY_PAGE);
      if (!logged.isEmpty()) {
        List<SseFrame> frames = new ArrayList<>(logged.size() + 1);
        long first = logged.get(0).id();
        // ids follow on without a gap (a suspended run gives its unused ids back), so a gap means
        // events that are gone: removed by retention, or lost in a crash (a run after a crash
        // starts past every id the crashed one reserved, so the notice names those it may have
        // sent and the log never got, and perhaps some it never sent)
        if (first > cursor + 1) {
          frames.add(SseFrame.historyLost(cursor + 1, first - 1));
        }
        logged.forEach(event -> frames.add(SseFrame.of(event)));
        return CatchUp.frames(frames);
      }
      if (channel == null) {
        return CatchUp.ENDED;
      }
      // everything logged was sent; what was published since is in memory, unless publishing
      // outran the memory window in between: look again
      logRead = true;
    }
    LOG.log(
        Level.WARNING,
        "A client of task {0,number,#} could not catch up from event {1,number,#}: it joins the live stream",
        taskId,
        cursor);
    return channel(taskId).catchUp(subscription, Long.MAX_VALUE, 0, true);
  }

  /**
   * Once a second: heartbeats and stall checks for every client, and finished tasks whose last
   * event has been kept for late joiners long enough are forgotten.
   */
  private void tick() {
    try {
      long heartbeat = settings.heartbeatInterval().toNanos();
      long now = System.nanoTime();
      subscriptions.keySet().forEach(subscription -> subscription.check(now, heartbeat));
      long grace = settings.finishedGrace().toNanos();
      channels.values().removeIf(channel -> channel.finishedBefore(now, grace));
    } catch (RuntimeException e) {
      // a thrown exception would cancel the schedule: log and look again next second
      LOG.log(Level.WARNING, "Heartbeat and stall check failed: {0}", e.toString());
    }
  }

  /** Streams open now. */
  public int openStreams() {
    return limiter.open();
  }

  /** Events queued for the furthest-behind client now. */
  public int deepestQueue() {
    return subscriptions.keySet().stream().mapToInt(Subscription::queued).max().orElse(0);
  }

  /**
   * Stops the application's work in the order its clients need; called when the servlet context is
   * destroyed ({@code StreamShutdown}), the first a WAR hears of a stop, while the application is
   * still whole (on Payara its class loader is closed by the time beans are destroyed: a task whose
   * stop needed a class not loaded yet was never stopped, and published on for seconds). Running
   * tasks end first, so that a failed task's clients get its error; every stream still open is then
   * told it is {@code suspended}; the event log is written in full while those last words go out; a
   * stream that cannot take its words within the drain time is closed. The start and the end are
   * logged where the server's console shows them ({@link ShutdownLog}).
   */
  public void shutdown() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    long started = System.nanoTime();
    int tasks = coordinator.running();
    int streams = subscriptions.size();
    shutdownLog.log(Level.INFO, "Shutdown: stopping {0} tasks and {1} streams", tasks, streams);
    if (ticker != null) {
      ticker.cancel(false);
    }
    if (follower != null) {
      follower.cancel(false);
    }
    coordinator.shutdown();
    int told = 0;
    for (Subscription subscription : List.copyOf(subscriptions.keySet())) {
      told += subscription.stop(SseFrame.SUSPENDED) ? 1 : 0;
    }
    long deadline = System.nanoTime() + SHUTDOWN_DRAIN.toNanos();
    try {
      eventLog.flush(); // what the tasks published last is kept for clients that come back
    } catch (RuntimeException e) {
      shutdownLog.log(
          Level.ERROR, "The event log could not be written at shutdown: {0}", e.toString());
    }
    while (!subscriptions.isEmpty() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    List<Subscription> cut = List.copyOf(subscriptions.keySet());
    cut.forEach(Subscription::close);
    channels.clear();
    if (senders != null) {
      senders.shutdownNow();
    }
    int ended = endedWhileStopping.get();
    int running = coordinator.running();
    shutdownLog.log(
        Level.INFO,
        "Shutdown done in {0,number,#} ms: {1} tasks ended, {2} suspended, {3} still running;"
            + " {4} streams closed, {5} of them told to resume later, {6} cut without a last word",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        ended,
        Math.max(0, tasks - ended - running),
        running,
        streams,
        told,
        cut.size());
  }

  /** Where the servlet context did not say the application stops: the same, later. */
  @PreDestroy
  void closeAll() {
    shutdown();
  }

  private final class Events implements Subscription.Listener {
    @Override
    public void delivered(List<SseFrame> batch) {
      // one metrics update per write, not per event: at 100k events/s the per-event timer
      // updates were ~5% of the server's CPU samples
      int events = 0;
      long oldest = Long.MAX_VALUE;
      for (SseFrame frame : batch) {
        if (frame.getId() != null) {
          events++;
          oldest = Math.min(oldest, frame.createdAt());
        }
      }
      if (events > 0) {
        metrics.delivered(events, oldest);
      }
    }

    @Override
    public void dropped(Subscription subscription, long events) {
      metrics.dropped(events);
    }

    @Override
    public void fellBehind(Subscription subscription, int discarded) {
      metrics.fellBehind();
      behindNotices.log(
          LOG,
          Level.INFO,
          "A client of task {0,number,#} fell {1} events behind: it goes on from the event log"
              + " ({2} more in the last 10 s)",
          subscription.taskId(),
          discarded);
    }

    @Override
    public void queueHigh(Subscription subscription, int depth) {
      queueWarnings.log(
          LOG,
          Level.WARNING,
          "A client of task {0,number,#} is falling behind: {1} of {2} events queued"
              + " ({3} more such warnings in the last 10 s)",
          subscription.taskId(),
          depth,
          subscription.capacity());
    }

    @Override
    public void closed(Subscription subscription, String evictedFor) {
      Permit permit = subscriptions.remove(subscription);
      if (permit != null) {
        permit.release();
      }
      Channel channel = channels.get(subscription.taskId());
      if (channel != null) {
        channel.leave(subscription);
      }
      if (evictedFor != null) {
        metrics.evicted(evictedFor);
        evictions.log(
            LOG,
            Level.ERROR,
            "Evicted a client of task {0,number,#} ({1}); {2} more evictions in the last 10 s",
            subscription.taskId(),
            evictedFor);
      }
    }
  }
}
