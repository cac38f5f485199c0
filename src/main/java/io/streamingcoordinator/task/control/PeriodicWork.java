package io.streamingcoordinator.task.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.System.Logger.Level;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The application's own periodic work (event log flushes, the hub's heartbeats, the reconciler, the
 * cleanup) on a scheduler the application owns, with threads of the server's {@link
 * ManagedThreadFactory}, and stops when the application stops ({@code StreamShutdown}, after the
 * hub). Not on the server's ManagedScheduledExecutorService: WildFly skips every run of a managed
 * schedule from the moment the server suspends, before the application hears it stops, each logged
 * as an error (WFLYEE0110), so the event log was not written while streams were still open.
 */
@ApplicationScoped
public class PeriodicWork {

  private static final System.Logger LOG = System.getLogger(PeriodicWork.class.getName());
  // the log flush never waits behind a slow cleanup and reconcile
  private static final int THREADS = 3;
  private static final long STOP_WAIT_SECONDS = 1;

  @Resource ManagedThreadFactory threads;

  private ScheduledThreadPoolExecutor scheduler;

  @PostConstruct
  void open() {
    scheduler = new ScheduledThreadPoolExecutor(THREADS, threads);
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Runs {@code work} every {@code delay} after the end of its last run (first after one). */
  public ScheduledFuture<?> withFixedDelay(Runnable work, long delay, TimeUnit unit) {
    return scheduler.scheduleWithFixedDelay(work, delay, delay, unit);
  }

  /** Runs {@code work} every {@code period} from now on (first after one). */
  public ScheduledFuture<?> atFixedRate(Runnable work, long period, TimeUnit unit) {
    return scheduler.scheduleAtFixedRate(work, period, period, unit);
  }

  /** Cancels every schedule; a run under way may finish (for at most a second). */
  @PreDestroy
  public void stop() {
    if (scheduler == null || scheduler.isShutdown()) {
      return;
    }
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.log(Level.WARNING, "Periodic work still running after {0} s", STOP_WAIT_SECONDS);
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      scheduler.shutdownNow();
    }
  }
}
