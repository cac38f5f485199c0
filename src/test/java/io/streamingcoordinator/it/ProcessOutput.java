package io.streamingcoordinator.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The console of a server process a test started, collected line by line as it comes. */
final class ProcessOutput {

  private ProcessOutput() {}

  /** Starts a daemon thread that adds each line {@code process} writes to {@code log}. */
  static Thread collect(Process process, List<String> log, String name) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(log::add);
              } catch (IOException e) {
                log.add("reading the server's output failed: " + e);
              }
            },
            name);
    reader.setDaemon(true);
    reader.start();
    return reader;
  }
}
