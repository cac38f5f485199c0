package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A Payara Micro process with the product WAR, for tests that stop, kill or restart the server
 * (Arquillian manages one per class and cannot). With a root directory, a second start on the same
 * directory finds the deployment there.
 */
final class PayaraProcess implements AutoCloseable {

  private static final Duration START = Duration.ofSeconds(180);

  final int port;
  final Api api;
  final List<String> log = new CopyOnWriteArrayList<>();
  private final Path root;
  private final List<String> options;
  private final Map<String, String> properties;
  private Process process;
  private Thread reader;

  /** A server on a free port; {@code root} may be null (a temporary runtime directory). */
  PayaraProcess(Path root, String... options) throws IOException {
    this(root, Map.of(), options);
  }

  /** As above, with system properties (configuration) beside the tests' identity. */
  PayaraProcess(Path root, Map<String, String> properties, String... options) throws IOException {
    this.root = root;
    this.options = List.of(options);
    this.properties = Map.copyOf(properties);
    try (ServerSocket socket = new ServerSocket(0)) {
      this.port = socket.getLocalPort();
    }
    this.api = new Api(new URL("http://localhost:" + port + "/"));
  }

  /** Starts it and waits until the application answers. */
  PayaraProcess start() throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m",
                "-jar",
                System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--nohazelcast",
                "--disablephonehome",
                "--systemProperties",
                TestIdentity.systemProperties(properties).toString(),
                "--prebootcommandfile",
                "server-config/payara/pre-boot-commands.asadmin",
                "--port",
                String.valueOf(port)));
    command.addAll(options);
    if (root != null) {
      command.addAll(List.of("--rootDir", root.toString()));
    }
    if (root == null || !Files.isDirectory(root.resolve("applications/streaming-coordinator"))) {
      command.addAll(List.of("--deploy", "target/streaming-coordinator.war", "--contextroot", "/"));
    }
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    reader = ProcessOutput.collect(process, log, "payara-output");
    await()
        .atMost(START)
        .ignoreExceptions()
        .alias("Payara Micro answers; its output: " + log)
        .until(() -> api.send("GET", "tasks", null).statusCode() == 200);
    return this;
  }

  /**
   * Starts it again as the README's run command does on a kept root directory: what pom.xml's
   * {@code forget-last-deployment} execution deletes there is deleted (read from pom.xml, so this
   * follows it), and the WAR is deployed anew beside the kept database.
   */
  PayaraProcess startRedeployed() throws Exception {
    Element execution =
        (Element)
            XPathFactory.newInstance()
                .newXPath()
                .evaluate(
                    "//execution[id='forget-last-deployment']",
                    DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(Path.of("pom.xml").toFile()),
                    XPathConstants.NODE);
    if (execution == null) {
      throw new IllegalStateException("pom.xml has no execution forget-last-deployment");
    }
    NodeList includes = execution.getElementsByTagName("include");
    List<PathMatcher> forgotten = new ArrayList<>();
    for (int i = 0; i < includes.getLength(); i++) {
      forgotten.add(
          FileSystems.getDefault().getPathMatcher("glob:" + includes.item(i).getTextContent()));
    }
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> deleted =
          files
              .filter(file -> forgotten.stream().anyMatch(m -> m.matches(root.relativize(file))))
              .sorted(Comparator.reverseOrder()) // a directory's files before the directory
              .toList();
      for (Path file : deleted) {
        Files.delete(file);
      }
    }
    return start();
  }

  /**
   * SIGTERM, as an operator or orchestrator stops a server; waits for the process to end.
   *
   * @return from the signal to the end of the process
   */
  Duration stop() throws InterruptedException {
    long signalled = System.nanoTime();
    // the handle's destroy sends the same SIGTERM, but Process.destroy also closes the pipe of the
    // server's output: what the server logs while it stops would be lost
    process.toHandle().destroy();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("Payara Micro did not stop within 2 minutes");
    }
    Duration took = Duration.ofNanos(System.nanoTime() - signalled);
    reader.join(TimeUnit.SECONDS.toMillis(30));
    return took;
  }

  /** Whether the process was started and has not ended. */
  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: no shutdown at all. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
