package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.it.EventStream.Received;
import io.streamingcoordinator.it.RawStreams.Event;
import io.streamingcoordinator.it.RawStreams.Stream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a Payara Micro on the embedded default (H2) with a thousand streams open over raw
 * sockets on fifty tasks: the process is gone within 5 s, every stream ends cleanly and each client
 * is told why (a non-resumable task's with its one {@code error}, a suspended one's with a {@code
 * suspended} notice), the shutdown is in the server's output, and after a restart on the same root
 * directory every status is stored and the log replays one terminal event, not two.
 */
class ShutdownManyIT {

  private static final int STREAMS = 1000;
  private static final Duration EXIT = Duration.ofSeconds(5);
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String STOPPING = "The server is shutting down";

  private record Task(String type, long id, boolean resumable) {
    String path() {
      return "stream/" + type + "/" + id;
    }
  }

  @Test
  void aThousandStreamsAreToldWhyAndTheServerIsGoneWithinFiveSeconds() throws Exception {
    Path root = Files.createTempDirectory(Path.of("target"), "shutdown-many-root");
    try (PayaraProcess server =
            new PayaraProcess(
                    root,
                    "--postbootcommandfile",
                    "server-config/payara/post-boot-commands.asadmin")
                .start();
        RawStreams clients = new RawStreams(server.port, server.api.authorizationLine())) {
      Api api = server.api;
      List<Task> tasks = new ArrayList<>();
      // waiting for a PATCH that never comes: it fails at the stop
      tasks.addAll(create(api, "tests/ContinueTask", "{\"timeoutSeconds\":600}", 20, false));
      // publishing all the time (20 events a second each), and a generator: both are suspended.
      // 450 events a second in all, which the embedded H2 log keeps up with; what it has not
      // written at the stop is written before the exit, about 0.3 s per 1,000 events (at 900 a
      // second it fell up to 10,000 behind, and the exit took up to 6.8 s)
      tasks.addAll(
          create(
              api, "tests/SpamTask", "{\"count\":1000000,\"size\":10,\"delayMs\":50}", 15, true));
      tasks.addAll(
          create(api, "tests/CountdownTask", "{\"steps\":100000,\"delayMs\":100}", 15, true));
      Map<Stream, Task> streams = new LinkedHashMap<>();
      for (int i = 0; i < STREAMS; i++) {
        Task task = tasks.get(i % tasks.size());
        streams.put(clients.open(task.path()), task);
      }
      await()
          .atMost(WAIT)
          .alias("every stream open with an event")
          .until(() -> streams.keySet().stream().allMatch(s -> s.events() > 0 || s.end() != null));
      streams.keySet().forEach(s -> assertEquals(200, s.status(), s::toString));

      long signalled = System.nanoTime();
      Duration exit = server.stop();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> streams.keySet().stream().allMatch(s -> s.end() != null));
      long lastEnd = streams.keySet().stream().mapToLong(Stream::endedAtNanos).max().orElse(0);
      System.out.printf(
          "ShutdownManyIT: %d streams; SIGTERM to exit %d ms, to the last stream's end %d ms%n",
          STREAMS, exit.toMillis(), TimeUnit.NANOSECONDS.toMillis(lastEnd - signalled));
      // what the server said while it stopped, for the figures and a failure's report
      server.log.stream()
          .filter(line -> line.startsWith("INFO: Shutdown"))
          .forEach(line -> System.out.println("ShutdownManyIT: server: " + line));
      assertTrue(
          exit.compareTo(EXIT) <= 0, "the process is gone within " + EXIT + ", took " + exit);
      Map<String, Long> wrong = new TreeMap<>();
      streams.forEach(
          (stream, task) -> {
            String why = endProblem(stream, task);
            if (why != null) {
              wrong.merge(task.type() + " " + why, 1L, Long::sum);
            }
          });
      assertEquals(
          Map.of(),
          wrong,
          "streams that did not end as they should, e.g. "
              + streams.entrySet().stream()
                  .filter(e -> endProblem(e.getKey(), e.getValue()) != null)
                  .limit(3)
                  .toList());
      assertTrue(
          server.log.stream().anyMatch(line -> line.contains("Shutdown: stopping 50 tasks")),
          "the start of the shutdown is in the server's output");
      assertTrue(
          server.log.stream().anyMatch(line -> line.contains("Shutdown done in")), "its end too");

      server.start();
      for (Task task : tasks) {
        String status = api.read(task.type(), task.id()).getString("status");
        assertEquals(task.resumable() ? "RUNNING" : "FAILED", status, task::toString);
        if (!task.resumable()) {
          try (EventStream replay = api.resume(task.path(), "0")) {
            List<Received> events = replay.awaitEnd(WAIT);
            assertEquals(
                List.of("started", "error"),
                events.stream().map(Received::name).toList(),
                "one terminal event in the log, not a second after the restart: " + task);
            assertEquals(STOPPING, events.get(1).data().getString("message"));
          }
        }
      }
      // a suspended stream's client comes back with the id of its last event and goes on at the
      // next one: the notice carried no id, and the run's unused ids were given back
      Map.Entry<Stream, Task> spam =
          streams.entrySet().stream()
              .filter(e -> e.getValue().type().equals("tests/SpamTask"))
              .findFirst()
              .orElseThrow();
      String lastId = lastId(spam.getKey());
      try (EventStream resumed = api.resume(spam.getValue().path(), lastId)) {
        Received next = resumed.awaitFirst(WAIT);
        assertEquals(String.valueOf(Long.parseLong(lastId) + 1), next.id(), next::toString);
      }
      for (Task task : tasks) {
        if (task.resumable()) {
          api.send("POST", "tasks/" + task.type() + "/" + task.id() + "/cancel", null);
        }
      }
    }
  }

  private static List<Task> create(
      Api api, String type, String fields, int count, boolean resumable) {
    List<Task> created = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      created.add(new Task(type, api.create(type, fields).getInt("id"), resumable));
    }
    return created;
  }

  /** What is wrong with how {@code stream} ended, or null. */
  private static String endProblem(Stream stream, Task task) {
    if (stream.end() != RawStreams.End.CLEAN) {
      return "not ended cleanly";
    }
    List<Event> ends =
        stream.notable().stream()
            .filter(e -> List.of("complete", "error", "suspended").contains(e.name()))
            .toList();
    if (ends.size() != 1 || !ends.get(0).equals(stream.last())) {
      return "not exactly one final word, last";
    }
    Event end = ends.get(0);
    if (task.resumable()) {
      return end.name().equals("suspended") && end.id() == null ? null : "not suspended";
    }
    return end.name().equals("error") && message(end).equals(STOPPING) ? null : "not failed";
  }

  private static String message(Event event) {
    return jakarta.json.Json.createReader(new StringReader(event.data()))
        .readObject()
        .getString("message", "");
  }

  private static String lastId(Stream stream) {
    List<Event> tail = stream.tail();
    for (int i = tail.size() - 1; i >= 0; i--) {
      if (tail.get(i).id() != null) {
        return tail.get(i).id();
      }
    }
    throw new AssertionError("no event with an id: " + stream);
  }
}
