package io.streamingcoordinator.stream.boundary;

import io.streamingcoordinator.stream.control.StreamHub;
import io.streamingcoordinator.task.control.PeriodicWork;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.time.Duration;

/**
 * Hears that the application stops when its servlet context is destroyed, the first a WAR is told
 * of a stop, and has the hub stop tasks and streams then ({@link StreamHub#shutdown}): when the
 * beans are destroyed, later, Payara has already closed the application's class loader. The
 * container is then given a moment to finish the streams the hub ended ({@link StreamRequests}),
 * and the application's periodic work stops last.
 */
@WebListener
public class StreamShutdown implements ServletContextListener {

  // after the hub's own drain (at most 2 s), within the 5 s an orchestrator gives
  private static final Duration FINISH_WAIT = Duration.ofSeconds(1);

  @Inject StreamHub hub;
  @Inject PeriodicWork periodic;
  @Inject StreamRequests requests;

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    hub.shutdown();
    requests.awaitFinished(FINISH_WAIT);
    periodic.stop();
  }
}
