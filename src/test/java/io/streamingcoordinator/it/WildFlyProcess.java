package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A WildFly process with the product WAR, for tests that stop and restart the server or configure
 * it as an operator does (Arquillian's managed WildFly cannot): a copy of the WildFly the build
 * prepared ({@code wildfly.home}, server-config/wildfly/setup.cli applied), more of the product's
 * CLI files applied offline, the WAR in its deployments directory, and the management CLI for
 * changes on the running server. Free ports, so that several run at once (the nodes of a cluster:
 * {@link #copy}); the copy is deleted on close.
 */
final class WildFlyProcess implements AutoCloseable {

  static final String HOME = "wildfly.home";
  private static final Duration START = Duration.ofSeconds(180);

  final Api api;
  final List<String> log = new CopyOnWriteArrayList<>();
  private final Path home;
  private final Map<String, String> environment;
  private final List<String> options;
  private final int httpPort;
  private final int managementPort;
  private final int[] otherPorts = new int[2]; // https, management https
  private Process process;
  private Thread reader;

  /**
   * A copy of the prepared WildFly with {@code cliFiles} applied to it offline, started later with
   * {@code environment} (what the files read with {@code ${env.X}}).
   */
  WildFlyProcess(Map<String, String> environment, Path... cliFiles) throws Exception {
    this(environment, List.of(), cliFiles);
  }

  /**
   * As above, started with {@code options} (system properties such as {@code -Djboss.node.name}).
   */
  WildFlyProcess(Map<String, String> environment, List<String> options, Path... cliFiles)
      throws Exception {
    this(Path.of(System.getProperty(HOME)), environment, options);
    for (Path file : cliFiles) {
      run(
          List.of(
              "--file=" + file.toAbsolutePath(),
              "-Dpostgresql.jar=" + Path.of("target/postgresql.jar").toAbsolutePath()));
    }
    Files.copy(
        Path.of("target/streaming-coordinator.war"),
        home.resolve("standalone/deployments/ROOT.war"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  private WildFlyProcess(Path from, Map<String, String> environment, List<String> options)
      throws IOException {
    this.environment = Map.copyOf(environment);
    this.options = List.copyOf(options);
    this.httpPort = freePort();
    this.managementPort = freePort();
    for (int i = 0; i < otherPorts.length; i++) {
      otherPorts[i] = freePort();
    }
    this.api = new Api(new URL("http://127.0.0.1:" + httpPort + "/"));
    this.home = Files.createTempDirectory(Path.of("target"), "wildfly-process").toAbsolutePath();
    copy(
        from,
        home,
        Path.of("standalone/data"),
        Path.of("standalone/tmp"),
        Path.of("standalone/log"));
  }

  /**
   * Another server configured as this one (its CLI files and WAR: a copy of this one's directory,
   * made before this one starts), with ports of its own and its own {@code options}, as an operator
   * clones a node of a cluster and starts each with its own name.
   */
  WildFlyProcess copy(String... options) throws IOException {
    if (process != null) {
      throw new IllegalStateException("copy a WildFly before it starts: its state is not copied");
    }
    return new WildFlyProcess(home, environment, List.of(options));
  }

  /** Starts it and waits until the application answers. */
  WildFlyProcess start() throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                home.resolve("bin/standalone.sh").toString(),
                "-c",
                "standalone-microprofile.xml",
                "-P",
                TestIdentity.systemProperties(Map.of()).toString(),
                "-Djboss.http.port=" + httpPort,
                "-Djboss.https.port=" + otherPorts[0],
                "-Djboss.management.http.port=" + managementPort,
                "-Djboss.management.https.port=" + otherPorts[1]));
    command.addAll(options);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("JBOSS_HOME", home.toString());
    builder.environment().putAll(environment);
    process = builder.start();
    reader = ProcessOutput.collect(process, log, "wildfly-output");
    await()
        .atMost(START)
        .ignoreExceptions()
        .alias("WildFly answers; its output: " + log)
        .until(() -> api.send("GET", "tasks", null).statusCode() == 200);
    return this;
  }

  /**
   * Runs one command of the management CLI on the running server, as an operator does ({@code
   * jboss-cli.sh --connect}); returns its output.
   */
  String cli(String operation) throws Exception {
    return run(
        List.of("--connect", "--controller=127.0.0.1:" + managementPort, "--command=" + operation));
  }

  /**
   * SIGTERM to the server's JVM, as an operator or orchestrator stops it ({@code standalone.sh}
   * runs it as its child and does not pass the signal on); waits for the process to end.
   *
   * @return from the signal to the end of the process
   */
  Duration stop() throws InterruptedException {
    long signalled = System.nanoTime();
    process.toHandle().descendants().forEach(ProcessHandle::destroy);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("WildFly did not stop within 2 minutes");
    }
    Duration took = Duration.ofNanos(System.nanoTime() - signalled);
    reader.join(TimeUnit.SECONDS.toMillis(30));
    return took;
  }

  /** SIGKILL to the server's JVM, a crash: no shutdown at all; waits for the process to end. */
  void kill() throws InterruptedException {
    List<ProcessHandle> jvm = process.toHandle().descendants().toList();
    jvm.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle handle : jvm) {
      handle.onExit().orTimeout(60, TimeUnit.SECONDS).join();
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("standalone.sh did not end within a minute of the kill");
    }
    reader.join(TimeUnit.SECONDS.toMillis(30));
  }

  /** The server process's resident memory in MB (Linux), read from /proc. */
  long rssMegabytes() throws IOException {
    long pid =
        process
            .toHandle()
            .descendants()
            .filter(p -> p.info().command().orElse("").endsWith("java"))
            .findFirst()
            .orElseThrow()
            .pid();
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    throw new IllegalStateException("no VmRSS for " + pid);
  }

  @Override
  public void close() throws IOException {
    if (process != null && process.isAlive()) {
      process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(home)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  private String run(List<String> arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/jboss-cli.sh").toString()));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("JBOSS_HOME", home.toString());
    builder.environment().putAll(environment);
    Process cli = builder.start();
    String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!cli.waitFor(120, TimeUnit.SECONDS) || cli.exitValue() != 0) {
      throw new IllegalStateException("jboss-cli " + arguments + " failed: " + output);
    }
    return output;
  }

  /** Copies a directory tree, leaving out {@code left} (a server's state: database, work files). */
  private static void copy(Path from, Path to, Path... left) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      files
          .filter(file -> Stream.of(left).noneMatch(from.relativize(file)::startsWith))
          .forEach(
              file -> {
                Path target = to.resolve(from.relativize(file).toString());
                try {
                  if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                  } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
