package io.streamingcoordinator.api.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether the application has started: every other start-up observer (migrations, recovery, the
 * hub, the bus) has run. Until then the health checks answer DOWN without touching another bean.
 * Payara Server calls an application's checks from its own health endpoint while the application is
 * still starting; a settings bean first created on that thread kept a configuration without the
 * application's own properties, and the start then failed ("Unable to find property").
 */
@ApplicationScoped
public class ApplicationStart {

  private volatile boolean complete;

  /** Runs after the start-up observers of default priority (2500). */
  void complete(
      @Observes
          @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000)
          @Initialized(ApplicationScoped.class)
          Object started) {
    complete = true;
  }

  boolean complete() {
    return complete;
  }

  /** What a check answers while the application starts. */
  static HealthCheckResponse starting(String check) {
    return HealthCheckResponse.named(check).down().withData("starting", true).build();
  }
}
