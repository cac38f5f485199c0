package io.streamingcoordinator.api.boundary;

import io.streamingcoordinator.config.ClusterSettings;
import io.streamingcoordinator.event.control.ClusterRelay;
import io.streamingcoordinator.stream.control.StreamHub;
import io.streamingcoordinator.task.control.TaskCoordinator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * This node's part in a cluster: its name, the tasks it runs (under its leases) and follows (run
 * elsewhere, with clients here), and the bus. Always up: with the bus down, other nodes' events
 * still come from the event log, only later, and the data says so ({@code bus_connected}).
 */
@Readiness
@ApplicationScoped
public class ClusterHealth implements HealthCheck {

  @Inject ApplicationStart start;
  @Inject ClusterSettings settings;
  @Inject ClusterRelay relay;
  @Inject TaskCoordinator coordinator;
  @Inject StreamHub hub;

  @Override
  public HealthCheckResponse call() {
    if (!start.complete()) {
      return ApplicationStart.starting("cluster");
    }
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("cluster").up().withData("enabled", settings.enabled());
    if (!settings.enabled()) {
      return response.build();
    }
    ClusterRelay.Figures bus = relay.figures();
    return response
        .withData("node", settings.nodeId())
        .withData("tasks_running_here", coordinator.running())
        .withData("tasks_followed_here", hub.followedTasks())
        .withData("bus", bus.bus())
        .withData("bus_connected", bus.connected())
        .withData("bus_messages_sent", bus.sent())
        .withData("bus_messages_unsent", bus.unsent())
        .withData("bus_messages_received", bus.received())
        .withData("bus_messages_queued", bus.queued())
        .build();
  }
}
