package io.streamingcoordinator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The asadmin of the Payara Server the tests run on ({@code -Ppayara-server}: system properties
 * {@code payara.server.home} and {@code payara.server.adminPort}), as an operator calls it: on the
 * pass's domain, on another domain's admin port, or for the commands that work on a domain's files
 * (create, start, stop, delete).
 */
final class Asadmin {

  static final String HOME = "payara.server.home";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final List<String> options;

  private Asadmin(List<String> options) {
    this.options = options;
  }

  /** Runs one asadmin command on the pass's running server, checks it succeeded. */
  static String run(String... command) {
    return onPort(Integer.getInteger("payara.server.adminPort")).exec(TIMEOUT, command);
  }

  /** asadmin talking to the domain whose admin listener is on {@code adminPort}. */
  static Asadmin onPort(int adminPort) {
    return new Asadmin(List.of("--host=127.0.0.1", "--port=" + adminPort));
  }

  /** asadmin for the commands that find a domain by its name in the installation. */
  static Asadmin local() {
    return new Asadmin(List.of());
  }

  static Path home() {
    return Path.of(System.getProperty(HOME));
  }

  /** How a command ended. */
  record Result(int exitCode, String output) {}

  /** Runs one command, checks it succeeded within {@code timeout}, returns its output. */
  String exec(Duration timeout, String... command) {
    Result result = attempt(timeout, command);
    assertEquals(0, result.exitCode(), () -> List.of(command) + " failed:\n" + result.output());
    return result.output();
  }

  /** Runs one command within {@code timeout}, whether it succeeds or not. */
  Result attempt(Duration timeout, String... command) {
    List<String> line = new ArrayList<>();
    line.add(home().resolve("bin/asadmin").toString());
    line.addAll(options);
    line.addAll(List.of(command));
    try {
      Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
      // the output ends when asadmin does (start-domain leaves the server on other streams)
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS), "did not end: " + line);
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
