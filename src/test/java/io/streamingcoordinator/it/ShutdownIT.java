package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.it.EventStream.Received;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stops a real Payara Micro (SIGTERM, as an operator or orchestrator does) while tasks run and
 * clients watch: every stream must end and each client is told why.
 */
class ShutdownIT {

  private static final Duration WAIT = Duration.ofSeconds(120);

  private Process server;
  private Thread logReader;
  private final List<String> log = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (server != null && server.isAlive()) {
      server.destroyForcibly();
    }
  }

  @Test
  void stoppingTheServerEndsEveryStreamAndTaskCleanly() throws Exception {
    int port = freePort();
    Api api = new Api(new URL("http://localhost:" + port + "/"));
    start(port);
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .alias("Payara Micro started; its output: " + log)
        .until(() -> api.send("GET", "tasks", null).statusCode() == 200);

    // a fetch opens the server's outbound HTTP client before the shutdown
    long fetch =
        api.createPending(
                "tests/FetchTask", "{\"url\":\"http://localhost:%d/tasks\"}".formatted(port))
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

    server.destroy();
    assertTrue(server.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the server stopped");
    logReader.join(TimeUnit.SECONDS.toMillis(30)); // everything it printed has been read

    for (EventStream stream : failing) {
      List<Received> events = stream.awaitEnd(Duration.ofSeconds(10));
      Received last = events.get(events.size() - 1);
      assertEquals("error", last.name(), "the last event tells the client why the stream ended");
      assertEquals("The server is shutting down", last.data().getString("message"));
      stream.close();
    }
    for (EventStream stream : suspended) {
      // a resumable task is suspended, not failed: its stream just ends, and the client comes
      // back with Last-Event-ID once the server runs again (see RestartIT)
      List<Received> events = stream.awaitEnd(Duration.ofSeconds(10));
      assertEquals("progress", events.get(events.size() - 1).name());
      stream.close();
    }
    // Payara Micro logs nothing once SIGTERM arrives (the JVM's LogManager hook has reset the
    // handlers), so what the clients received is the evidence of a clean shutdown
  }

  private void start(int port) throws IOException {
    ProcessBuilder command =
        new ProcessBuilder(
                javaBinary(),
                "-Xmx512m",
                "-jar",
                System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--nohazelcast",
                "--disablephonehome",
                "--prebootcommandfile",
                "server-config/payara/pre-boot-commands.asadmin",
                "--postbootcommandfile",
                "server-config/payara/post-boot-commands.asadmin",
                "--port",
                String.valueOf(port),
                "--deploy",
                "target/streaming-coordinator.war",
                "--contextroot",
                "/")
            .redirectErrorStream(true);
    server = command.start();
    logReader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(log::add);
              } catch (IOException e) {
                log.add("log reader failed: " + e);
              }
            },
            "payara-log");
    logReader.setDaemon(true);
    logReader.start();
  }

  private static String javaBinary() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
