package io.streamingcoordinator.it;

import java.net.URI;

/**
 * Which server the integration tests run on (the Arquillian qualifier the failsafe execution chose,
 * {@code arquillian.launch}) and what differs between servers for a test: where health and the
 * metrics are served.
 */
final class TestServer {

  private TestServer() {}

  static boolean isWildFly() {
    return "wildfly".equals(System.getProperty("arquillian.launch"));
  }

  /**
   * Where {@code /health} is: Payara serves it beside the application; WildFly on its management
   * interface ({@code it.management.url}, set by the build).
   */
  static URI health(URI application) {
    String management = System.getProperty("it.management.url", "");
    return management.isEmpty()
        ? application.resolve("/health")
        : URI.create(management + "health");
  }

  /**
   * Where the application's metrics are, as Prometheus text: Payara's MicroProfile Metrics beside
   * the application; WildFly's micrometer subsystem on the management interface ({@code
   * /prometheus}, as server-config/wildfly/setup.cli sets it up).
   */
  static URI metrics(URI application) {
    String management = System.getProperty("it.management.url", "");
    return management.isEmpty()
        ? application.resolve("/metrics?scope=application")
        : URI.create(management + "prometheus");
  }
}
