package io.streamingcoordinator.bench;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * S7's cluster: two nodes of ours (Payara Micro, A and B) as README's "Running several nodes" makes
 * them — {@code server-config/payara/cluster/node.properties} with a node id of their own, {@code
 * server-config/payara/postgresql} — on a PostgreSQL database made for this start on the machine's
 * server (127.0.0.1:5432, trust authentication, user postgres) and dropped at the end, with {@code
 * streaming.cluster.bus} set to the bus measured. The server itself is never stopped.
 */
final class ClusterNodes implements AutoCloseable {

  static final String NATS_URL = "nats://127.0.0.1:4222";
  private static final String HOST = "127.0.0.1";
  private static final int PORT = 5432;
  private static final Path NODE = Path.of("server-config/payara/cluster/node.properties");
  private static final Path POST_BOOT =
      Path.of("server-config/payara/postgresql/post-boot-commands.asadmin");
  private static final String PRODUCT_DATABASE = "databaseName=test:";

  final String database;
  final ServerProcess a;
  final ServerProcess b;
  private final Path postBoot;

  private ClusterNodes(String database, Path postBoot, ServerProcess a, ServerProcess b) {
    this.database = database;
    this.postBoot = postBoot;
    this.a = a;
    this.b = b;
  }

  /** Whether PostgreSQL listens on 127.0.0.1:5432. */
  static boolean postgresListens() {
    return listens(HOST, PORT);
  }

  /** Whether something listens where {@link #NATS_URL} points. */
  static boolean natsListens() {
    URI nats = URI.create(NATS_URL);
    return listens(nats.getHost(), nats.getPort());
  }

  private static boolean listens(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Makes the database and starts A, then B (one after the other: the first start migrates the
   * schema), each ready when it answers; on any failure what was started is stopped and the
   * database dropped.
   */
  static ClusterNodes start(
      String bus,
      Path payara,
      Path war,
      String heap,
      List<String> properties,
      Path out,
      HttpClient http,
      Duration timeout)
      throws Exception {
    String database =
        "bench_s7_"
            + bus.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "")
            + "_"
            + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    admin("CREATE DATABASE " + database);
    Path postBoot = out.resolve(database + "-post-boot-commands.asadmin");
    ServerProcess a = null;
    ServerProcess b = null;
    try {
      List<String> options = options(database, postBoot);
      a = node("a", bus, payara, war, heap, properties, options, out);
      a.awaitReady(http, timeout);
      b = node("b", bus, payara, war, heap, properties, options, out);
      b.awaitReady(http, timeout);
      return new ClusterNodes(database, postBoot, a, b);
    } catch (Exception | Error e) {
      stop(b);
      stop(a);
      admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      Files.deleteIfExists(postBoot);
      throw e;
    }
  }

  private static ServerProcess node(
      String node,
      String bus,
      Path payara,
      Path war,
      String heap,
      List<String> ours,
      List<String> options,
      Path out)
      throws IOException {
    Properties file = new Properties();
    try (Reader reader = Files.newBufferedReader(NODE)) {
      file.load(reader);
    }
    file.setProperty("streaming.cluster.node-id", "bench-" + node);
    file.setProperty("streaming.cluster.bus", bus);
    file.setProperty("streaming.cluster.nats.url", NATS_URL);
    List<String> properties = new ArrayList<>(ours);
    for (String key : file.stringPropertyNames()) {
      properties.add("-D" + key + "=" + file.getProperty(key));
    }
    return ServerProcess.payara(
        "ours-s7-" + bus + "-" + node, payara, war, heap, properties, options, out);
  }

  /**
   * The Payara Micro options for the database: the JDBC driver and a copy of the product's
   * PostgreSQL post-boot file naming it instead of "test".
   */
  private static List<String> options(String database, Path copy) throws IOException {
    String commands = Files.readString(POST_BOOT);
    if (!commands.contains(PRODUCT_DATABASE)) {
      throw new IllegalStateException(POST_BOOT + " no longer names " + PRODUCT_DATABASE);
    }
    Files.createDirectories(copy.getParent());
    Files.writeString(copy, commands.replace(PRODUCT_DATABASE, "databaseName=" + database + ":"));
    return List.of(
        "--addLibs",
        System.getProperty("bench.postgresqlJar", "target/postgresql.jar"),
        "--prebootcommandfile",
        "server-config/payara/pre-boot-commands.asadmin",
        "--postbootcommandfile",
        copy.toString());
  }

  /** What the nodes' logs say of the cluster and its bus (to see that the bus asked for is on). */
  List<String> clusterLines() throws IOException {
    List<String> lines = new ArrayList<>();
    for (ServerProcess node : List.of(a, b)) {
      for (String line :
          node.logLines(
              text ->
                  text.contains("Cluster node")
                      || text.contains("Cluster bus")
                      || text.contains("cluster bus"))) {
        lines.add(node.name + ": " + line.strip());
      }
    }
    return lines;
  }

  @Override
  public void close() throws SQLException, IOException {
    try {
      stop(b);
      stop(a);
    } finally {
      admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      Files.deleteIfExists(postBoot);
    }
  }

  private static void stop(ServerProcess node) {
    if (node != null) {
      try {
        node.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the process was sent its signal; go on dropping
      }
    }
  }

  private static void admin(String sql) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:postgresql://"
                    + HOST
                    + ":"
                    + PORT
                    + "/postgres?user=postgres&connectTimeout=5");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
