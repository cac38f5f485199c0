package io.streamingcoordinator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.it.EventStream.Received;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stops a real Payara Micro (SIGTERM, as an operator or orchestrator does) while tasks run and
 * clients watch: every stream ends and each client is told why; then starts it again on the same
 * root directory to see that the event log kept every event published before the stop.
 */
class ShutdownIT {

  private static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void stoppingTheServerEndsEveryStreamCleanlyAndKeepsEveryEventInTheLog() throws Exception {
    Path root = Files.createTempDirectory(Path.of("target"), "shutdown-root");
    try (PayaraProcess server =
        new PayaraProcess(
                root,
                // the fetch below is of the server itself, which the outbound policy must allow
                Map.of("streaming.http.allowed-hosts", "localhost"),
                "--postbootcommandfile",
                "server-config/payara/post-boot-commands.asadmin")
            .start()) {
      Api api = server.api;
      // a fetch opens the server's outbound HTTP client before the shutdown
      long fetch =
          api.createPending(
                  "tests/FetchTask",
                  "{\"url\":\"http://localhost:%d/health\"}".formatted(server.port))
              .getInt("id");
      try (EventStream fetched = api.stream("tests/FetchTask", fetch)) {
        assertEquals("complete", fetched.awaitEnd(WAIT).get(3).name());
      }
      long waiting = api.create("tests/ContinueTask", "{\"timeoutSeconds\":600}").getInt("id");
      long busy = api.create("tests/SpamTask", "{\"count\":1000000,\"delayMs\":5}").getInt("id");
      List<EventStream> failing = new ArrayList<>();
      List<EventStream> suspended = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        failing.add(api.stream("tests/ContinueTask", waiting));
        suspended.add(api.stream("tests/SpamTask", busy));
      }
      failing.forEach(stream -> stream.awaitFirst(WAIT));
      suspended.forEach(stream -> stream.awaitFirst(WAIT));

      server.stop();

      for (EventStream stream : failing) {
        List<Received> events = stream.awaitEnd(Duration.ofSeconds(10));
        Received last = events.get(events.size() - 1);
        assertEquals("error", last.name(), "the last event tells the client why the stream ended");
        assertEquals("The server is shutting down", last.data().getString("message"));
        stream.close();
      }
      for (EventStream stream : suspended) {
        // a resumable task is suspended, not failed: its stream ends with a notice that carries
        // no id, and the client comes back with Last-Event-ID once the server runs again
        List<Received> events = stream.awaitEnd(Duration.ofSeconds(10));
        Received last = events.get(events.size() - 1);
        assertEquals("suspended", last.name());
        assertEquals(null, last.id());
        assertEquals("progress", events.get(events.size() - 2).name());
        stream.close();
      }
      // the JVM's own hook resets java.util.logging at SIGTERM; the shutdown's lines reach the
      // console all the same (metrics.ShutdownLog)
      assertTrue(
          server.log.stream().anyMatch(line -> line.startsWith("INFO: Shutdown: stopping 2 tasks")),
          () -> String.join("\n", server.log));
      assertTrue(server.log.stream().anyMatch(line -> line.startsWith("INFO: Shutdown done in")));

      server.start();
      try (EventStream replay = api.resume("stream/tests/ContinueTask/" + waiting, "0")) {
        List<String> names = replay.awaitEnd(WAIT).stream().map(Received::name).toList();
        if (!names.equals(List.of("started", "error"))) {
          // what the server said of its tasks, for the failure's report
          server.log.stream()
              .filter(line -> line.contains("Task ") || line.contains("store"))
              .forEach(System.out::println);
        }
        assertEquals(
            List.of("started", "error"),
            names,
            "the log kept the final event published during the shutdown");
      }
      assertEquals("FAILED", api.read("tests/ContinueTask", waiting).getString("status"));
      assertEquals(
          "RUNNING",
          api.read("tests/SpamTask", busy).getString("status"),
          "the suspended task runs again");
      api.send("POST", "tasks/tests/SpamTask/" + busy + "/cancel", null);
    }
  }
}
