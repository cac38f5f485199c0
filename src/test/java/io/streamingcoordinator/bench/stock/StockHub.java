package io.streamingcoordinator.bench.stock;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The usual Jakarta EE answer: one {@link SseBroadcaster} per job, events built with {@link
 * Sse#newEventBuilder()}, jobs on the managed executor, a scheduled comment as heartbeat.
 */
@ApplicationScoped
public class StockHub {

  private static final Logger LOG = Logger.getLogger(StockHub.class.getName());
  private static final long HEARTBEAT_SECONDS = 15;

  @Resource ManagedExecutorService executor;
  @Resource ManagedScheduledExecutorService scheduler;
  @Inject StockJobs store;

  private final Map<Long, Job> jobs = new ConcurrentHashMap<>();
  private volatile Sse sse;
  private ScheduledFuture<?> heartbeat;

  @PostConstruct
  void startHeartbeat() {
    heartbeat =
        scheduler.scheduleAtFixedRate(
            this::ping, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    heartbeat.cancel(false);
    jobs.values().forEach(job -> job.broadcaster.close());
  }

  long create(Sse sse, int count, int size, int delayMs, boolean hold, boolean start) {
    this.sse = sse;
    long id = store.create(count, size, delayMs);
    Job job = new Job(id, count, size, delayMs, hold, sse.newBroadcaster());
    jobs.put(id, job);
    if (start) {
      start(job);
    }
    return id;
  }

  boolean release(long id) {
    Job job = jobs.get(id);
    if (job == null) {
      return false;
    }
    job.released.countDown();
    return true;
  }

  boolean subscribe(long id, SseEventSink sink) {
    Job job = jobs.get(id);
    if (job == null) {
      return false;
    }
    job.broadcaster.register(sink);
    start(job);
    return true;
  }

  private void start(Job job) {
    if (job.started.compareAndSet(false, true)) {
      executor.execute(() -> run(job));
    }
  }

  private void run(Job job) {
    try {
      if (job.hold) {
        job.released.await();
      }
      String payload = "x".repeat(job.size);
      long start = System.nanoTime();
      for (int i = 1; i <= job.count; i++) {
        if (job.delayMs > 0) {
          long wait =
              start + TimeUnit.MILLISECONDS.toNanos((long) i * job.delayMs) - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
        }
        job.broadcaster.broadcast(
            event(i, "progress", SpamEvents.progress(job.id, i, job.count, payload)));
      }
      store.finish(job.id);
      job.broadcaster.broadcast(
          event(job.count + 1, "complete", SpamEvents.complete(job.id, job.count)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Stock job " + job.id + " failed", e);
    } finally {
      job.broadcaster.close();
      jobs.remove(job.id);
    }
  }

  private OutboundSseEvent event(long id, String name, String data) {
    return sse.newEventBuilder().id(String.valueOf(id)).name(name).data(data).build();
  }

  private void ping() {
    Sse current = sse;
    if (current != null) {
      OutboundSseEvent ping = current.newEventBuilder().comment("ping").build();
      jobs.values().forEach(job -> job.broadcaster.broadcast(ping));
    }
  }

  private static final class Job {
    final long id;
    final int count;
    final int size;
    final int delayMs;
    final boolean hold;
    final SseBroadcaster broadcaster;
    final CountDownLatch released = new CountDownLatch(1);
    final AtomicBoolean started = new AtomicBoolean();

    Job(long id, int count, int size, int delayMs, boolean hold, SseBroadcaster broadcaster) {
      this.id = id;
      this.count = count;
      this.size = size;
      this.delayMs = delayMs;
      this.hold = hold;
      this.broadcaster = broadcaster;
    }
  }
}
