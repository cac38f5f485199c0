package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Payara Server domain of one test's own in the pass's installation, made, started, restarted and
 * deleted with asadmin as an operator does, on its own ports (portbase + 48 admin, + 80 HTTP).
 * Closing stops and deletes it.
 */
final class PayaraDomain implements AutoCloseable {

  private static final Duration COMMAND = Duration.ofSeconds(240);

  final String name;
  final Asadmin admin;
  final Api api;
  private final Path directory;

  private PayaraDomain(String name, int portbase) throws MalformedURLException {
    this.name = name;
    this.admin = Asadmin.onPort(portbase + 48);
    this.api = new Api(new URL("http://127.0.0.1:" + (portbase + 80) + "/"));
    this.directory = Asadmin.home().resolve("glassfish/domains").resolve(name);
  }

  /** A new domain (one an interrupted run left is deleted first), started. */
  static PayaraDomain start(String name, int portbase) throws MalformedURLException {
    Asadmin.local().attempt(COMMAND, "stop-domain", name);
    Asadmin.local().attempt(COMMAND, "delete-domain", name);
    Asadmin.local()
        .exec(
            COMMAND,
            "--user=admin",
            "--interactive=false",
            "create-domain",
            "--portbase=" + portbase,
            "--nopassword=true",
            name);
    PayaraDomain domain = new PayaraDomain(name, portbase);
    Asadmin.local().exec(COMMAND, "start-domain", name);
    return domain;
  }

  /**
   * Runs a file of asadmin commands on the running domain, as the README says, and checks each
   * succeeded: multimode itself exits 0 whatever they did.
   */
  void apply(Path commands) {
    String output = admin.exec(COMMAND, "multimode", "--file=" + commands.toAbsolutePath());
    assertFalse(
        output.lines().anyMatch(line -> line.startsWith("Command ") && line.endsWith(" failed.")),
        () -> commands + " had a command fail:\n" + output);
  }

  /** Deploys a WAR at the context root {@code /}; asadmin returns once it has started. */
  void deploy(Path war) {
    admin.exec(
        COMMAND,
        "deploy",
        "--contextroot=/",
        "--name=streaming-coordinator",
        war.toAbsolutePath().toString());
  }

  /** {@code restart-domain}: it returns once the server is back, before its applications are. */
  void restart() {
    Asadmin.local().exec(COMMAND, "restart-domain", name);
  }

  /**
   * Waits until {@code /health/ready} answers 200, probing every 200 ms as a load balancer does
   * while the application starts; says how many probes found it still starting (a probe at that
   * time once left the application without its own configuration).
   */
  void awaitReady(Duration ready) {
    AtomicInteger starting = new AtomicInteger();
    await()
        .atMost(ready)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () -> {
              HttpResponse<String> health = api.health("ready");
              if (health.body().contains("\"starting\"")) {
                starting.incrementAndGet();
              }
              return health.statusCode() == 200;
            });
    System.out.println(name + ": ready; " + starting + " probes found the application starting");
  }

  /** The domain's server.log so far. */
  String log() throws IOException {
    return Files.readString(directory.resolve("logs/server.log"), StandardCharsets.UTF_8);
  }

  /**
   * What server.log got after its first {@code offset} characters (all of it if it was rotated).
   */
  String logSince(int offset) throws IOException {
    String log = log();
    return log.length() >= offset ? log.substring(offset) : log;
  }

  /** The resident memory of the server's process, in KiB (Linux). */
  long residentKib() throws IOException {
    String pid = Files.readString(directory.resolve("config/pid")).trim();
    return Files.readAllLines(Path.of("/proc", pid, "status")).stream()
        .filter(line -> line.startsWith("VmRSS:"))
        .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
        .findFirst()
        .orElseThrow();
  }

  /**
   * Stops and deletes the domain, keeping its server.log in target/ for whoever reads a failure.
   */
  @Override
  public void close() {
    Asadmin.local().attempt(COMMAND, "stop-domain", name);
    try {
      Path kept = Path.of("target", "payara-server-" + name + "-server.log");
      Files.copy(directory.resolve("logs/server.log"), kept, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException notThere) {
      // a domain that never started has no log to keep
    }
    Asadmin.local().attempt(COMMAND, "delete-domain", name);
  }
}
