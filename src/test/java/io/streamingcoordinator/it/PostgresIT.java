package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamingcoordinator.it.EventStream.Received;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The event log on a real PostgreSQL (127.0.0.1:5432, database "test"), configured only through
 * server-config/payara/postgresql. Skipped where no PostgreSQL listens; .ci/run starts one.
 */
class PostgresIT {

  private static final Duration WAIT = Duration.ofSeconds(120);

  private Process server;
  private final List<String> log = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.destroyForcibly();
    }
  }

  @Test
  void resumingFromTheLogWorksOnPostgresql() throws Exception {
    assumeTrue(postgresListens(), "no PostgreSQL on 127.0.0.1:5432");
    int port = freePort();
    Api api = new Api(new URL("http://localhost:" + port + "/"));
    start(port, api);
    assertEquals(
        1,
        log.stream().filter(line -> line.contains("StreamingPostgres")).count() > 0 ? 1 : 0,
        "the PostgreSQL pool was created: " + log);

    long id =
        api.createPending("tests/SpamTask", "{\"count\":600,\"size\":64,\"delayMs\":2}")
            .getInt("id");
    long cut;
    try (EventStream first = api.stream("tests/SpamTask", id)) {
      await().atMost(WAIT).until(() -> first.events().size() >= 100);
      cut = 50;
    }
    try (EventStream resumed =
        EventStream.open(
            api.http,
            HttpRequest.newBuilder(URI.create(api.base + "stream/tests/SpamTask/" + id))
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", String.valueOf(cut))
                .build())) {
      List<Received> events = resumed.awaitEnd(WAIT);
      assertEquals(
          LongStream.rangeClosed(cut + 1, 601).boxed().toList(),
          events.stream().map(e -> Long.parseLong(e.id())).toList());
    }

    LogThroughput.measure(api, "PostgreSQL", 20_000);
  }

  private static boolean postgresListens() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", 5432), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void start(int port, Api api) throws IOException {
    server =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m",
                "-jar",
                System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--nohazelcast",
                "--disablephonehome",
                "--addLibs",
                "target/postgresql.jar",
                "--prebootcommandfile",
                "server-config/payara/pre-boot-commands.asadmin",
                "--postbootcommandfile",
                "server-config/payara/postgresql/post-boot-commands.asadmin",
                "--port",
                String.valueOf(port),
                "--deploy",
                "target/streaming-coordinator.war",
                "--contextroot",
                "/")
            .redirectErrorStream(true)
            .start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(log::add);
              } catch (IOException e) {
                // the server went away
              }
            });
    reader.setDaemon(true);
    reader.start();
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(() -> api.send("GET", "tasks", null).statusCode() == 200);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
