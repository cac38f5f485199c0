package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamingcoordinator.it.EventStream.Received;
import io.streamingcoordinator.security.entity.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What an operator does on Payara Server with PostgreSQL, on a domain and a database of this test's
 * own: a new domain set up with server-config/payara-server/domain.asadmin and postgresql.asadmin
 * (the database named in the domain's system properties), the product WAR deployed at {@code /}, a
 * task run, then {@code restart-domain} without a redeploy — the tasks and their events are still
 * there and nothing is migrated again — and a restart onto a database the first release left, which
 * is upgraded in place. Only in {@code -Ppayara-server}, which gives it the installation; skipped
 * where no PostgreSQL listens on 127.0.0.1:5432.
 */
@EnabledIfSystemProperty(named = Asadmin.HOME, matches = ".+")
class PayaraServerPostgresIT {

  private static final String DOMAIN = "streaming-pg-it";
  // the pass's domain uses 9200-9299, WildFly 9180 and 9190
  private static final int PORTBASE = 9300;
  private static final Duration COMMAND = Duration.ofSeconds(60);
  private static final Duration READY = Duration.ofSeconds(180);
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final List<String> EXAMPLE_EVENTS =
      List.of("start", "progress", "progress", "progress", "complete");

  @Test
  void tasksSurviveARestartWithoutRedeployAndTheFirstReleasesDatabaseIsUpgraded() throws Exception {
    assumeTrue(TestDatabase.serverListens(), "no PostgreSQL on 127.0.0.1:5432");
    try (TestDatabase database = TestDatabase.create("payaraserver");
        TestDatabase release = TestDatabase.create("payararelease")) {
      release.load(Files.readString(Path.of("src/test/resources/db/release-1/postgresql.sql")));
      long creating = System.nanoTime();
      try (PayaraDomain domain = PayaraDomain.start(DOMAIN, PORTBASE)) {
        long started = System.nanoTime();
        domain.apply(Path.of("server-config/payara-server/domain.asadmin"));
        domain.apply(Path.of("src/test/payara-server/test-domain.asadmin"));
        trustTheTestIdentity(domain);
        domain.admin.exec(COMMAND, "create-system-properties", database.payaraServerProperties());
        domain.apply(Path.of("server-config/payara-server/postgresql.asadmin"));
        domain.admin.exec(COMMAND, "ping-connection-pool", "StreamingPostgres");
        long restarting = System.nanoTime();
        domain.restart();
        long deploying = System.nanoTime();
        domain.deploy(Path.of("target/streaming-coordinator.war"));
        long deployed = System.nanoTime();
        domain.awaitReady(READY);
        long ready = System.nanoTime();
        String firstStart = domain.log();
        assertTrue(
            firstStart.contains("Schema at version " + Schema.latest() + " (postgresql"),
            firstStart);
        assertTrue(firstStart.contains(": " + Schema.latest() + " migrations applied"), firstStart);

        Api producer = domain.api.as(Role.PRODUCER);
        long id = producer.createPending("tests/ExampleTask", "{\"delayMs\":10}").getInt("id");
        try (EventStream stream = producer.stream("tests/ExampleTask", id)) {
          assertEquals(EXAMPLE_EVENTS, names(stream.awaitEnd(WAIT)));
        }
        assertStored(database, id);
        long rssAfterTask = domain.residentKib();

        int logged = firstStart.length();
        long restartingAgain = System.nanoTime();
        domain.restart();
        domain.awaitReady(READY);
        long backAgain = System.nanoTime();
        String secondStart = domain.logSince(logged);
        assertTrue(secondStart.contains(": 0 migrations applied"), secondStart);
        assertFalse(secondStart.contains("does not exist"), secondStart);
        assertStored(database, id);
        assertEquals("COMPLETED", producer.read("tests/ExampleTask", id).getString("status"));
        try (EventStream replay = producer.resume("stream/tests/ExampleTask/" + id, "0")) {
          assertEquals(EXAMPLE_EVENTS, names(replay.awaitEnd(WAIT)));
        }
        long rssAfterRestart = domain.residentKib();

        // an upgrade: the domain pointed at what the first release left, then restarted
        logged = domain.log().length();
        domain.admin.exec(
            COMMAND, "create-system-properties", "streaming.postgresql.database=" + release.name);
        domain.restart();
        domain.awaitReady(READY);
        String upgrade = domain.logSince(logged);
        assertTrue(upgrade.contains("Tables of the first release found"), upgrade);
        assertTrue(upgrade.contains(": " + (Schema.latest() - 1) + " migrations applied"), upgrade);
        assertEquals(Schema.latest(), historyRows(release));
        Api admin = domain.api;
        assertEquals(
            "hi", admin.read("tests/ExampleTask", 1).getJsonObject("fields").getString("message"));
        try (EventStream replay = admin.resume("stream/tests/ExampleTask/1", "0")) {
          assertEquals(EXAMPLE_EVENTS, names(replay.awaitEnd(WAIT)));
        }
        assertEquals("COMPLETED", admin.read("tests/ItemsTask", 3).getString("status"));

        System.out.printf(
            "Payara Server on PostgreSQL: create-domain + start-domain %d ms; the settings files"
                + " %d ms; restart-domain (nothing deployed) %d ms; deploy %d ms (ready %d ms"
                + " later); restart-domain until /health/ready %d ms; RSS %d MiB after a task, %d"
                + " MiB after the restart%n",
            millis(creating, started),
            millis(started, restarting),
            millis(restarting, deploying),
            millis(deploying, deployed),
            millis(deployed, ready),
            millis(restartingAgain, backAgain),
            rssAfterTask / 1024,
            rssAfterRestart / 1024);
      }
    }
  }

  /** The domain trusts the tests' tokens as an operator configures an identity provider. */
  private static void trustTheTestIdentity(PayaraDomain domain) throws Exception {
    Path key = Files.createTempFile(Path.of("target"), "test-identity", ".pem");
    Files.writeString(key, TestIdentity.serverConfig().get("mp.jwt.verify.publickey"));
    key.toFile().deleteOnExit();
    domain.admin.exec(
        COMMAND,
        "set-config-property",
        "--propertyName=mp.jwt.verify.publickey.location",
        "--propertyValue=" + key.toAbsolutePath().toUri(),
        "--source=domain");
    domain.admin.exec(
        COMMAND,
        "set-config-property",
        "--propertyName=mp.jwt.verify.issuer",
        "--propertyValue=" + TestIdentity.ISSUER,
        "--source=domain");
  }

  /** The task is COMPLETED in PostgreSQL with its five events, the schema at the latest version. */
  private static void assertStored(TestDatabase database, long id) throws SQLException {
    try (Connection connection = database.open()) {
      assertEquals(
          "COMPLETED", single(connection, "SELECT status FROM stream_task WHERE id = ?", id));
      // the log writes behind the stream: the final event may reach the table a moment later
      await()
          .atMost(WAIT)
          .until(
              () ->
                  "5"
                      .equals(
                          single(
                              connection, "SELECT count(*) FROM task_event WHERE taskid = ?", id)));
      assertEquals(
          String.valueOf(Schema.latest()),
          single(connection, "SELECT max(CAST(version AS integer)) FROM flyway_schema_history"));
    }
    assertEquals(Schema.latest(), historyRows(database));
  }

  private static long historyRows(TestDatabase database) throws SQLException {
    try (Connection connection = database.open()) {
      return Long.parseLong(single(connection, "SELECT count(*) FROM flyway_schema_history"));
    }
  }

  /** The one value a query answers. */
  private static String single(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet result = statement.executeQuery()) {
        assertTrue(result.next(), sql);
        return result.getString(1);
      }
    }
  }

  private static List<String> names(List<Received> events) {
    return events.stream().map(Received::name).toList();
  }

  private static long millis(long from, long to) {
    return TimeUnit.NANOSECONDS.toMillis(to - from);
  }
}
