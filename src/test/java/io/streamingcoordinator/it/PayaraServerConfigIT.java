package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On Payara Server: a limit changed on the running server with {@code asadmin set-config-property}
 * (what the admin console's MicroProfile > Config > Property page writes) applies to the next
 * stream within seconds, without a redeploy, thanks to the 1 s config cache that
 * server-config/payara-server/domain.asadmin sets. Only in {@code -Ppayara-server}, which gives it
 * the server's asadmin.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@EnabledIfSystemProperty(named = Asadmin.HOME, matches = ".+")
class PayaraServerConfigIT {

  private static final String KEY = "streaming.connections.max-per-task";
  private static final Duration APPLIES_WITHIN = Duration.ofSeconds(5);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.product();
  }

  @ArquillianResource URL base;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(base);
  }

  @Test
  void aLimitSetWithAsadminAppliesToTheNextStreamWithinSecondsAndItsRemovalToo() {
    long id = api.create("tests/ContinueTask", "{\"timeoutSeconds\":120}").getInt("id");
    try (EventStream held = api.stream("tests/ContinueTask", id)) {
      assertTrue(held.isEventStream());
      assertTrue(secondStreamAdmitted(id), "the default (1000) admits a second stream");

      long set = System.nanoTime();
      Asadmin.run(
          "set-config-property", "--propertyName=" + KEY, "--propertyValue=1", "--source=domain");
      long returned = System.nanoTime();
      await()
          .atMost(APPLIES_WITHIN)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> !secondStreamAdmitted(id));
      long applied = System.nanoTime();
      try (EventStream refused = api.stream("tests/ContinueTask", id)) {
        assertEquals(503, refused.status());
        assertTrue(refused.json().getString("detail").contains("per-task limit of 1"));
      }

      Asadmin.run("delete-config-property", "--propertyName=" + KEY, "--source=domain");
      long deleted = System.nanoTime();
      await()
          .atMost(APPLIES_WITHIN)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> secondStreamAdmitted(id));
      System.out.printf(
          "asadmin set-config-property took %d ms; the limit applied %d ms after it returned;"
              + " after delete-config-property the default applied again within %d ms%n",
          millis(set, returned), millis(returned, applied), millis(deleted, System.nanoTime()));
    } finally {
      api.send("POST", "tasks/tests/ContinueTask/" + id + "/cancel", null);
    }
  }

  /** Whether another stream of the task is admitted now (then closed again). */
  private boolean secondStreamAdmitted(long id) {
    try (EventStream second = api.stream("tests/ContinueTask", id)) {
      return second.isEventStream();
    }
  }

  private static long millis(long from, long to) {
    return TimeUnit.NANOSECONDS.toMillis(to - from);
  }
}
