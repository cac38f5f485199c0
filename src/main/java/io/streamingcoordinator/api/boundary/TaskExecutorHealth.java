package io.streamingcoordinator.api.boundary;

import io.streamingcoordinator.metrics.LogThrottle;
import io.streamingcoordinator.task.control.TaskCoordinator;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Up while a task could start now: the server's managed thread factory, which gives every run its
 * thread, still starts one that runs within a few seconds. Its data says how many runs execute,
 * wait for a turn, and wait without one. (A probe submitted to the managed executor from the health
 * endpoint's thread timed out for good on Payara Micro under Arquillian while the executor itself
 * was idle, so the probe uses what tasks use.)
 */
@Liveness
@Readiness
@ApplicationScoped
public class TaskExecutorHealth implements HealthCheck {

  private static final System.Logger LOG = System.getLogger(TaskExecutorHealth.class.getName());
  private static final long PROBE_TIMEOUT_MS = 3000;
  private final LogThrottle failures = new LogThrottle(TimeUnit.SECONDS.toNanos(10));

  @Resource ManagedThreadFactory threads;
  @Inject TaskCoordinator coordinator;

  @Override
  public HealthCheckResponse call() {
    boolean responsive;
    try {
      CountDownLatch ran = new CountDownLatch(1);
      Thread probe = threads.newThread(ran::countDown);
      probe.setName("task-health-probe");
      probe.start();
      responsive = ran.await(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      responsive = false;
    } catch (RuntimeException e) {
      responsive = false;
    }
    if (!responsive) {
      long held = failures.admit(System.nanoTime());
      if (held >= 0) {
        LOG.log(
            Level.WARNING,
            "No task thread could be started within {0} ms ({1} more such failures in the last"
                + " 10 s)",
            PROBE_TIMEOUT_MS,
            held);
      }
    }
    return HealthCheckResponse.named("task-executor")
        .status(responsive)
        .withData("running_tasks", coordinator.executing())
        .withData("queued_tasks", coordinator.queued())
        .withData("waiting_tasks", coordinator.waiting())
        .build();
  }
}
