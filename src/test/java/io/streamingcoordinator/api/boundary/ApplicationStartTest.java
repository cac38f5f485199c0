package io.streamingcoordinator.api.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApplicationStartTest {

  /** What a server gives the health API: a builder of plain responses. */
  @BeforeAll
  static void plainResponses() {
    HealthCheckResponse.setResponseProvider(PlainResponse::new);
  }

  private static final class PlainResponse extends HealthCheckResponseBuilder {
    private final Map<String, Object> data = new LinkedHashMap<>();
    private String name;
    private HealthCheckResponse.Status status = HealthCheckResponse.Status.DOWN;

    @Override
    public HealthCheckResponseBuilder name(String name) {
      this.name = name;
      return this;
    }

    @Override
    public HealthCheckResponseBuilder withData(String key, String value) {
      return put(key, value);
    }

    @Override
    public HealthCheckResponseBuilder withData(String key, long value) {
      return put(key, value);
    }

    @Override
    public HealthCheckResponseBuilder withData(String key, boolean value) {
      return put(key, value);
    }

    private HealthCheckResponseBuilder put(String key, Object value) {
      data.put(key, value);
      return this;
    }

    @Override
    public HealthCheckResponseBuilder up() {
      return status(true);
    }

    @Override
    public HealthCheckResponseBuilder down() {
      return status(false);
    }

    @Override
    public HealthCheckResponseBuilder status(boolean up) {
      status = up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN;
      return this;
    }

    @Override
    public HealthCheckResponse build() {
      return new HealthCheckResponse(name, status, Optional.of(Map.copyOf(data)));
    }
  }

  /** Every check of the application, with nothing but the start gate injected. */
  private static List<HealthCheck> checks(ApplicationStart start) {
    ClusterHealth cluster = new ClusterHealth();
    cluster.start = start;
    DatabaseHealth database = new DatabaseHealth();
    database.start = start;
    EventLogHealth log = new EventLogHealth();
    log.start = start;
    TaskExecutorHealth executor = new TaskExecutorHealth();
    executor.start = start;
    return List.of(cluster, database, log, executor);
  }

  @Test
  void whileTheApplicationStartsEveryCheckIsDownAndTouchesNoOtherBean() {
    for (HealthCheck check : checks(new ApplicationStart())) {
      HealthCheckResponse response = check.call();
      assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus(), response.getName());
      assertEquals(Optional.of(Map.of("starting", true)), response.getData());
    }
  }

  @Test
  void onceStartedTheChecksAskTheirBeans() {
    ApplicationStart start = new ApplicationStart();
    start.complete(new Object());
    for (HealthCheck check : checks(start)) {
      // the beans are not there: a check that asks them fails (or, the database check, says the
      // database does not answer), which shows it went past the gate
      String name = check.getClass().getSimpleName();
      try {
        HealthCheckResponse response = check.call();
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus(), name);
        assertFalse(response.getData().orElseThrow().containsKey("starting"), name);
      } catch (NullPointerException asked) {
        // the check asked a bean
      }
    }
  }
}
