package io.streamingcoordinator.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A PostgreSQL database of one test's own on the machine's server (127.0.0.1:5432, trust
 * authentication), and a Payara configured for it from the product's own
 * server-config/payara/postgresql (or, on Payara Server, the system properties that
 * server-config/payara-server/postgresql.asadmin reads). A test can take the database away — no new
 * connection is admitted and the open ones are ended, as in an outage — and give it back, without
 * stopping the server that other tests share. Closing drops it.
 */
final class TestDatabase implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final int PORT = 5432;
  private static final Path POST_BOOT =
      Path.of("server-config/payara/postgresql/post-boot-commands.asadmin");
  private static final String PRODUCT_DATABASE = "databaseName=test:";
  private static final String PRODUCT_PORT = "portNumber=" + PORT + ":";

  final String name;
  private final Path config;

  private TestDatabase(String name, Path config) {
    this.name = name;
    this.config = config;
  }

  /** Whether a PostgreSQL server listens where these tests expect one. */
  static boolean serverListens() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, PORT), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A new empty database named after {@code purpose} (lower-case letters and digits). */
  static TestDatabase create(String purpose) throws SQLException {
    String name =
        "it_"
            + purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "")
            + "_"
            + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    admin("CREATE DATABASE " + name);
    try {
      return new TestDatabase(name, Files.createTempDirectory(name));
    } catch (IOException e) {
      admin("DROP DATABASE " + name);
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The options that start Payara Micro on this database: the JDBC driver, and a copy of the
   * product's PostgreSQL post-boot file that names this database instead of "test".
   */
  String[] payaraOptions() throws IOException {
    return payaraOptions(PORT);
  }

  /**
   * As {@link #payaraOptions()}, the database reached at another port of 127.0.0.1: a proxy in
   * front of the server ({@link TcpProxy}), which a test can take down and bring back.
   */
  String[] payaraOptions(int port) throws IOException {
    String commands = Files.readString(POST_BOOT);
    if (!commands.contains(PRODUCT_DATABASE) || !commands.contains(PRODUCT_PORT)) {
      throw new IllegalStateException(
          POST_BOOT + " no longer names " + PRODUCT_DATABASE + " and " + PRODUCT_PORT);
    }
    Path copy = config.resolve("post-boot-commands.asadmin");
    Files.writeString(
        copy,
        commands
            .replace(PRODUCT_DATABASE, "databaseName=" + name + ":")
            .replace(PRODUCT_PORT, "portNumber=" + port + ":"));
    return new String[] {
      "--addLibs", "target/postgresql.jar", "--postbootcommandfile", copy.toString()
    };
  }

  /**
   * The domain system properties from which server-config/payara-server/postgresql.asadmin's pool
   * takes its database, naming this one: the argument of {@code asadmin create-system-properties}.
   */
  String payaraServerProperties() {
    return String.join(
        ":",
        "streaming.postgresql.server=" + HOST,
        "streaming.postgresql.port=" + PORT,
        "streaming.postgresql.database=" + name,
        "streaming.postgresql.user=postgres");
  }

  /** A connection to this database, to look at what the application stored. */
  Connection open() throws SQLException {
    return connectTo(name);
  }

  /** An outage: no new connection is admitted, and every open one is ended. */
  void makeUnavailable() throws SQLException {
    admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
    try (Connection connection = connect();
        PreparedStatement terminate =
            connection.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?")) {
      terminate.setString(1, name);
      terminate.executeQuery().close();
    }
  }

  /** The end of the outage: connections are admitted again. */
  void makeAvailable() throws SQLException {
    admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
  }

  /**
   * Runs a script of statements (each ending with a semicolon at a line's end, as pg_dump writes
   * them) in this database, as another program left it before the test.
   */
  void load(String script) throws SQLException {
    try (Connection connection = open();
        Statement statement = connection.createStatement()) {
      StringBuilder next = new StringBuilder();
      for (String line : script.split("\n")) {
        if (line.startsWith("--") || line.isBlank()) {
          continue;
        }
        next.append(line).append('\n');
        if (line.stripTrailing().endsWith(";")) {
          statement.execute(next.toString());
          next.setLength(0);
        }
      }
    }
  }

  /** The number a query of one row and one column (a count) answers in this database. */
  long count(String sql) throws SQLException {
    try (Connection connection = open();
        Statement statement = connection.createStatement();
        var result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  /** Drops the database, ending whatever is still connected to it. */
  @Override
  public void close() throws SQLException, IOException {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    try (var files = Files.list(config)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(config);
  }

  private static void admin(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  // the maintenance database, never one a test takes away
  private static Connection connect() throws SQLException {
    return connectTo("postgres");
  }

  private static Connection connectTo(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://"
            + HOST
            + ":"
            + PORT
            + "/"
            + database
            + "?user=postgres&connectTimeout=5");
  }
}
