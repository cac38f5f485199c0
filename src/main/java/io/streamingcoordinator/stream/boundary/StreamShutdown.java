package io.streamingcoordinator.stream.boundary;

import io.streamingcoordinator.stream.control.StreamHub;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Hears that the application stops when its servlet context is destroyed, the first a WAR is told
 * of a stop, and has the hub stop tasks and streams then ({@link StreamHub#shutdown}): when the
 * beans are destroyed, later, Payara has already closed the application's class loader.
 */
@WebListener
public class StreamShutdown implements ServletContextListener {

  @Inject StreamHub hub;

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    hub.shutdown();
  }
}
