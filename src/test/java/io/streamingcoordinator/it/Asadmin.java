package io.streamingcoordinator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The asadmin of the Payara Server the tests run on ({@code -Ppayara-server}: system properties
 * {@code payara.server.home} and {@code payara.server.adminPort}), as an operator calls it.
 */
final class Asadmin {

  static final String HOME = "payara.server.home";

  private Asadmin() {}

  /** Runs one asadmin command on the running server, checks it succeeded, returns its output. */
  static String run(String... command) {
    List<String> line = new ArrayList<>();
    line.add(Path.of(System.getProperty(HOME), "bin", "asadmin").toString());
    line.add("--host=127.0.0.1");
    line.add("--port=" + System.getProperty("payara.server.adminPort"));
    line.addAll(List.of(command));
    try {
      Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "asadmin did not finish: " + line);
      assertEquals(0, process.exitValue(), () -> line + " failed:\n" + output);
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
