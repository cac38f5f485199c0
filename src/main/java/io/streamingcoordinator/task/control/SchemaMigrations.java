package io.streamingcoordinator.task.control;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Makes and upgrades the schema when the application starts, before anything reads it: the
 * versioned SQL files under {@code db/migration/<database>/} (Flyway, bundled in the WAR), on the
 * server's default datasource, whatever the server and its JPA provider (which generates no DDL).
 * Flyway locks the schema while it migrates (on PostgreSQL an advisory lock), so nodes starting at
 * once apply each migration once. A database the first release made (its tables made by
 * EclipseLink, no migration history) is taken as at version 1, the schema it has, and upgraded from
 * there.
 */
@ApplicationScoped
public class SchemaMigrations {

  private static final System.Logger LOG = System.getLogger(SchemaMigrations.class.getName());
  private static final String HISTORY = "flyway_schema_history";
  private static final String FIRST_TABLE = "stream_task";

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  void migrate(
      @Observes
          @Priority(Interceptor.Priority.PLATFORM_BEFORE)
          @Initialized(ApplicationScoped.class)
          Object started) {
    long start = System.nanoTime();
    Found found = inspect();
    String database = found.migrations();
    Flyway flyway =
        Flyway.configure(SchemaMigrations.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration/" + database)
            .failOnMissingLocations(true)
            // an applied migration this WAR no longer has (a task type's table, removed with the
            // type) does not stop the start; one newer than this WAR's (a later release's, after
            // a rollback) neither, as by default
            .ignoreMigrationPatterns("*:missing", "*:future")
            .baselineVersion("1")
            .baselineDescription("schema of the first release, made by EclipseLink")
            .load();
    if (found.releaseWithoutHistory()) {
      LOG.log(Level.INFO, "Tables of the first release found: taken as schema version 1");
      flyway.baseline();
    }
    MigrateResult result = flyway.migrate();
    LOG.log(
        Level.INFO,
        "Schema at version {0} ({1} on {2}): {3} migrations applied in {4} ms",
        result.targetSchemaVersion != null
            ? result.targetSchemaVersion
            : flyway.info().current().getVersion(),
        database,
        result.database,
        result.migrationsExecuted,
        (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * What the database is: the folder of its migrations, and whether it holds the first release's
   * tables without a migration history.
   */
  private record Found(String migrations, boolean releaseWithoutHistory) {}

  private Found inspect() {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      return new Found(
          folderOf(meta.getDatabaseProductName()),
          hasTable(meta, FIRST_TABLE) && !hasTable(meta, HISTORY));
    } catch (SQLException e) {
      throw new IllegalStateException("The database cannot be reached to migrate its schema", e);
    }
  }

  private static String folderOf(String product) {
    String name = product.toLowerCase(Locale.ROOT);
    if (name.contains("h2")) {
      return "h2";
    }
    if (name.contains("postgres")) {
      return "postgresql";
    }
    throw new IllegalStateException(
        "No schema migrations for " + product + ": the application runs on H2 or PostgreSQL");
  }

  private static boolean hasTable(DatabaseMetaData meta, String table) throws SQLException {
    for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
      try (ResultSet tables = meta.getTables(null, null, name, new String[] {"TABLE"})) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }
}
