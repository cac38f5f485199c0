package io.streamingcoordinator.event.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgConnectOptions;
import org.junit.jupiter.api.Test;

class BusConnectionsTest {

  @Test
  void thePostgresBusListensOnTheApplicationsOwnDatabase() {
    PgConnectOptions options =
        BusConnections.fromJdbcUrl(
            "jdbc:postgresql://db.example:5433/streams?prepareThreshold=0&ssl=false");
    assertEquals("db.example", options.getHost());
    assertEquals(5433, options.getPort());
    assertEquals("streams", options.getDatabase());
  }

  @Test
  void anotherDatabaseIsAClearErrorWithoutItsSettings() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> BusConnections.fromJdbcUrl("jdbc:h2:file:/tmp/db;PASSWORD=secret"));
    assertTrue(e.getMessage().contains("streaming.cluster.bus=nats or none"), e.getMessage());
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
  }
}
