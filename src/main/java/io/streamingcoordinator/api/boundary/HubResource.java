package io.streamingcoordinator.api.boundary;

import io.streamingcoordinator.api.control.HubFigures;
import io.streamingcoordinator.config.StreamSettings;
import io.streamingcoordinator.config.TaskSettings;
import io.streamingcoordinator.metrics.StreamMetrics;
import io.streamingcoordinator.security.entity.Allowed;
import io.streamingcoordinator.security.entity.Role;
import io.streamingcoordinator.stream.control.StreamHub;
import io.streamingcoordinator.task.control.TaskCoordinator;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/** The hub's live figures and the limits in force, for the dashboard (read, never parsed). */
@Path("hub")
@RequestScoped
public class HubResource {

  @Inject StreamHub hub;
  @Inject TaskCoordinator coordinator;
  @Inject StreamMetrics metrics;
  @Inject StreamSettings streams;
  @Inject TaskSettings tasks;

  @GET
  @Allowed({Role.READER, Role.PRODUCER})
  @Produces(MediaType.APPLICATION_JSON)
  public JsonObject figures() {
    return HubFigures.of(
        new HubFigures.Readings(
            Instant.now(),
            hub.openStreams(),
            hub.deepestQueue(),
            coordinator.running(),
            coordinator.queued(),
            metrics.totals()),
        new HubFigures.Limits(streams.clientLimits(), streams.connectionCaps(), tasks.runCaps()));
  }
}
