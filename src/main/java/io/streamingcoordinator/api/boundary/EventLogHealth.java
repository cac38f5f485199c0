package io.streamingcoordinator.api.boundary;

import io.streamingcoordinator.event.control.EventLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The event log writer's state: down once writing has failed for {@value #DOWN_AFTER_SECONDS} s in
 * a row (events then wait in memory, and publishing tasks wait once the backlog is full); its data
 * says how many events wait, for how long writing has failed, and how many events the database
 * refused on their own and the log left out since start-up.
 */
@Readiness
@ApplicationScoped
public class EventLogHealth implements HealthCheck {

  static final long DOWN_AFTER_SECONDS = 5;

  @Inject ApplicationStart start;
  @Inject EventLog log;

  @Override
  public HealthCheckResponse call() {
    if (!start.complete()) {
      return ApplicationStart.starting("event-log");
    }
    EventLog.State state = log.state();
    return HealthCheckResponse.named("event-log")
        .status(state.failingFor().compareTo(Duration.ofSeconds(DOWN_AFTER_SECONDS)) < 0)
        .withData("pending_events", state.pendingEvents())
        .withData("failing_for_ms", state.failingFor().toMillis())
        .withData("dropped_events", state.droppedEvents())
        .build();
  }
}
