package io.streamingcoordinator.it;

import java.net.URI;

/**
 * Which server the integration tests run on (the Arquillian qualifier the failsafe execution chose,
 * {@code arquillian.launch}) and what differs between servers for a test: where health is served
 * and whether the server has MicroProfile Metrics.
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

  /** Whether the server has MicroProfile Metrics (WildFly 39 has none; its Micrometer is apart). */
  static boolean hasMetrics() {
    return !isWildFly();
  }
}
