package io.streamingcoordinator.api.boundary;

import io.streamingcoordinator.metrics.LogThrottle;
import io.streamingcoordinator.task.control.TaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the task database answers a query. */
@Readiness
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {

  private static final System.Logger LOG = System.getLogger(DatabaseHealth.class.getName());

  private final LogThrottle failures = new LogThrottle(TimeUnit.SECONDS.toNanos(10));

  @Inject ApplicationStart start;
  @Inject TaskStore store;

  @Override
  public HealthCheckResponse call() {
    if (!start.complete()) {
      return ApplicationStart.starting("database");
    }
    try {
      return HealthCheckResponse.named("database").up().withData("tasks", store.count()).build();
    } catch (RuntimeException e) {
      // the body is public: the failure goes to the log, at most a line per 10 s
      failures.log(
          LOG,
          Level.WARNING,
          "The database does not answer: {0} ({1} more failed probes in the last 10 s)",
          e.toString());
      return HealthCheckResponse.named("database")
          .down()
          .withData("error", "the database does not answer; see the server log")
          .build();
    }
  }
}
