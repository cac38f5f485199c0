package io.streamingcoordinator.event.control;

import io.streamingcoordinator.config.ClusterSettings;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Opens the configured cluster bus, with its connection settings. */
@ApplicationScoped
public class BusConnections {

  private static final String JDBC_POSTGRES = "jdbc:postgresql:";

  @Inject ClusterSettings settings;

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  /**
   * The bus, connecting in the background (a broker out of reach at start-up is retried).
   *
   * @throws IllegalStateException if its settings are wrong, e.g. the postgres bus on a database
   *     that is not PostgreSQL
   */
  ClusterBus open(
      ClusterSettings.Bus kind, ClusterBus.Receiver receiver, ManagedThreadFactory threads) {
    return switch (kind) {
      case POSTGRES -> new PostgresBus(postgresOptions(), settings.channel(), receiver);
      case NATS ->
          new NatsBus(settings.natsUrl(), settings.channel(), settings.nodeId(), receiver, threads);
      case NONE -> throw new IllegalArgumentException("no bus to open");
    };
  }

  /** From {@code streaming.cluster.postgres.url}, else from the application's data source. */
  PgConnectOptions postgresOptions() {
    PgConnectOptions options =
        settings
            .postgresUrl()
            .map(PgConnectOptions::fromUri)
            .orElseGet(this::fromDataSource)
            .setPipeliningLimit(1);
    settings.postgresPassword().ifPresent(options::setPassword);
    return options;
  }

  private PgConnectOptions fromDataSource() {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      PgConnectOptions options = fromJdbcUrl(meta.getURL());
      if (meta.getUserName() != null && !meta.getUserName().isEmpty()) {
        options.setUser(meta.getUserName());
      }
      return options;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "The postgres cluster bus could not read the database's address: " + e.getMessage(), e);
    }
  }

  /** {@code jdbc:postgresql://host:port/database?...} as Vert.x connect options. */
  static PgConnectOptions fromJdbcUrl(String url) {
    if (url == null || !url.startsWith(JDBC_POSTGRES)) {
      throw new IllegalStateException(
          "streaming.cluster.bus=postgres needs a PostgreSQL database, and this one is "
              + (url == null ? "unknown" : url.replaceFirst("[;?].*", ""))
              + ": choose streaming.cluster.bus=nats or none, or set"
              + " streaming.cluster.postgres.url");
    }
    String address = url.substring("jdbc:".length());
    int query = address.indexOf('?');
    return PgConnectOptions.fromUri(query < 0 ? address : address.substring(0, query));
  }
}
