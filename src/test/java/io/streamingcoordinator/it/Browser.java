package io.streamingcoordinator.it;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real headless Chromium (Debian's {@code /usr/bin/chromium}, driven by playwright-core): runs
 * one of the node scripts in {@code src/test/browser} with its arguments as JSON and returns the
 * one JSON line the script prints. Each run's output is kept in {@code target/browser/}. A machine
 * without Chromium or the npm packages fails the test and says how to install them; it never skips.
 */
final class Browser {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path SCRIPTS = Path.of("src/test/browser");
  private static final Path OUTPUT = Path.of("target/browser");
  private static final AtomicInteger RUNS = new AtomicInteger();

  private Browser() {}

  /** Runs {@code script} with {@code args}; fails unless it prints {@code "ok":true} in time. */
  static JsonObject run(String script, JsonObject args, Duration timeout) {
    requireInstalled();
    String name = script.replaceFirst("\\.mjs$", "") + "-" + RUNS.incrementAndGet();
    Path out = OUTPUT.resolve(name + ".out");
    Path err = OUTPUT.resolve(name + ".err");
    try {
      Files.createDirectories(OUTPUT);
      Process node =
          new ProcessBuilder("node", script, args.toString())
              .directory(SCRIPTS.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!node.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        node.descendants().forEach(ProcessHandle::destroyForcibly); // Chromium and its helpers
        node.destroyForcibly();
        fail(script + " did not finish within " + timeout + "; stderr:\n" + tail(err));
      }
      List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
      String last =
          lines.stream().filter(line -> line.startsWith("{")).reduce((a, b) -> b).orElse(null);
      if (last == null) {
        fail(script + " printed no result (exit " + node.exitValue() + "); stderr:\n" + tail(err));
      }
      JsonObject result = (JsonObject) Api.parse(last);
      if (!result.getBoolean("ok", false)) {
        fail(script + " failed: " + result.getString("error", last) + "\nstderr:\n" + tail(err));
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not run `node " + script + "` (node 20 or later must be on the PATH)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void requireInstalled() {
    if (!Files.isExecutable(CHROMIUM)) {
      fail(
          "Chromium is not installed at "
              + CHROMIUM
              + ": the browser tests drive Debian's package. Install it with `apt-get update &&"
              + " apt-get install -y chromium` (as root; .ci/run does this when it is missing)");
    }
    if (!Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core"))) {
      fail(
          "playwright-core is not installed in "
              + SCRIPTS
              + ": `mvn verify` runs `npm ci` there before the integration tests (or run it by"
              + " hand)");
    }
  }

  private static String tail(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return text.length() > 4000 ? "…" + text.substring(text.length() - 4000) : text;
  }
}
