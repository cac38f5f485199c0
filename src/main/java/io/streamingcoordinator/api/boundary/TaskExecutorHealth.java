package io.streamingcoordinator.api.boundary;

import io.streamingcoordinator.task.control.TaskCoordinator;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Up while the managed executor that runs tasks still runs a trivial job within a second. */
@Liveness
@Readiness
@ApplicationScoped
public class TaskExecutorHealth implements HealthCheck {

  private static final long PROBE_TIMEOUT_MS = 1000;

  @Resource ManagedExecutorService executor;
  @Inject TaskCoordinator coordinator;

  @Override
  public HealthCheckResponse call() {
    boolean responsive;
    try {
      CompletableFuture.runAsync(() -> {}, executor).get(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      responsive = true;
    } catch (Exception e) {
      responsive = false;
    }
    return HealthCheckResponse.named("task-executor")
        .status(responsive)
        .withData("running_tasks", coordinator.running())
        .build();
  }
}
