package io.streamingcoordinator.api.boundary;

import io.streamingcoordinator.metrics.LogThrottle;
import io.streamingcoordinator.task.control.TaskCoordinator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Up while tasks get their threads (the last launch of a run succeeded) and the server is not
 * stopping; its data says how many runs execute, wait for a turn, and wait without one. It probes
 * nothing itself: a thread or task started from the health endpoint's thread carries Payara's own
 * module, which Payara Micro under Arquillian disables ("Module __default-web-module is disabled"),
 * so such a probe failed on a healthy server.
 */
@Liveness
@Readiness
@ApplicationScoped
public class TaskExecutorHealth implements HealthCheck {

  private static final System.Logger LOG = System.getLogger(TaskExecutorHealth.class.getName());
  private final LogThrottle failures = new LogThrottle(TimeUnit.SECONDS.toNanos(10));

  @Inject ApplicationStart start;
  @Inject TaskCoordinator coordinator;

  @Override
  public HealthCheckResponse call() {
    if (!start.complete()) {
      return ApplicationStart.starting("task-executor");
    }
    boolean up = coordinator.launching();
    if (!up) {
      failures.log(
          LOG,
          Level.WARNING,
          "Tasks cannot start: the last run found no thread, or the server is stopping ({0} more"
              + " such probes in the last 10 s)");
    }
    return HealthCheckResponse.named("task-executor")
        .status(up)
        .withData("running_tasks", coordinator.executing())
        .withData("queued_tasks", coordinator.queued())
        .withData("waiting_tasks", coordinator.waiting())
        .build();
  }
}
