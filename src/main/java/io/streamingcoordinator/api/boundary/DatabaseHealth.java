package io.streamingcoordinator.api.boundary;

import io.streamingcoordinator.task.control.TaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the task database answers a query. */
@Readiness
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {

  @Inject TaskStore store;

  @Override
  public HealthCheckResponse call() {
    try {
      return HealthCheckResponse.named("database").up().withData("tasks", store.count()).build();
    } catch (RuntimeException e) {
      return HealthCheckResponse.named("database").down().withData("error", e.toString()).build();
    }
  }
}
