package io.streamingcoordinator.stream.control;

import io.streamingcoordinator.config.StreamSettings;
import io.streamingcoordinator.task.control.TaskCoordinator;
import io.streamingcoordinator.task.entity.TaskEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.SseEventSink;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Fans each task's events out to its clients. Every client gets its own bounded queue; publishing
 * only offers to those queues, and sends run on the managed executor.
 */
@ApplicationScoped
public class StreamHub {

  private static final System.Logger LOG = System.getLogger(StreamHub.class.getName());
  private static final Duration SHUTDOWN_DRAIN = Duration.ofSeconds(2);

  @Resource ManagedExecutorService executor;
  @Resource ManagedScheduledExecutorService scheduler;
  @Inject StreamSettings settings;
  @Inject TaskCoordinator coordinator;

  private final ConcurrentMap<Long, Channel> channels = new ConcurrentHashMap<>();
  private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

  void onEvent(@Observes TaskEvent event) {
    SseFrame frame = SseFrame.of(event);
    Channel channel = channels.computeIfAbsent(event.taskId(), id -> new Channel());
    channel.publish(frame);
    if (frame.isTerminal()) {
      forgetLater(event.taskId(), channel);
    }
  }

  /** Connects a client to a task's events, starting with the latest one. */
  public Subscription subscribe(long taskId, SseEventSink sink) {
    Channel channel = channels.computeIfAbsent(taskId, id -> new Channel());
    Subscription subscription =
        new Subscription(taskId, sink, settings.queueCapacity(), executor, this::closed);
    subscriptions.add(subscription);
    channel.join(subscription);
    return subscription;
  }

  private void closed(Subscription subscription) {
    subscriptions.remove(subscription);
    Channel channel = channels.get(subscription.taskId());
    if (channel != null) {
      channel.leave(subscription);
    }
    if (subscription.isEvicted()) {
      LOG.log(
          Level.WARNING,
          "Evicted a client of task {0}: it fell a whole queue behind",
          subscription.taskId());
    }
  }

  /** Keeps a finished task's last event for late joiners a while, then frees it. */
  private void forgetLater(long taskId, Channel channel) {
    try {
      scheduler.schedule(
          () -> channels.remove(taskId, channel),
          settings.finishedGrace().toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      channels.remove(taskId, channel);
    }
  }

  public int clients() {
    return subscriptions.size();
  }

  public int clients(long taskId) {
    Channel channel = channels.get(taskId);
    return channel == null ? 0 : channel.size();
  }

  @PreDestroy
  void closeAll() {
    // running tasks end first, so that their clients are told why the stream ends
    coordinator.shutdown();
    long deadline = System.nanoTime() + SHUTDOWN_DRAIN.toNanos();
    while (!subscriptions.isEmpty() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    List<Subscription> open = List.copyOf(subscriptions);
    open.forEach(Subscription::close);
    channels.clear();
    if (!open.isEmpty()) {
      LOG.log(Level.INFO, "Closed {0} streams on shutdown", open.size());
    }
  }
}
