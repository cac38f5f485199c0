package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.it.EventStream.Received;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Kills a Payara Micro that keeps its database in a root directory (SIGKILL: no shutdown at all)
 * while tasks run, starts it again on the same directory, and checks the restart policy and what
 * clients resuming with their last event id receive.
 */
class RestartIT {

  private static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void afterAKillResumableTasksRunAgainOthersFailAndResumingClientsGetTheRestOnce()
      throws Exception {
    Path root = Files.createTempDirectory(Path.of("target"), "restart-root");
    try (PayaraProcess server = new PayaraProcess(root).start()) {
      Api api = server.api;
      long countdown =
          api.create("tests/CountdownTask", "{\"steps\":40,\"delayMs\":100}").getInt("id");
      long waiting = api.create("tests/ContinueTask", "{\"timeoutSeconds\":600}").getInt("id");
      String lastSeen;
      Set<String> seen = new HashSet<>();
      try (EventStream before = api.stream("tests/CountdownTask", countdown)) {
        await().atMost(WAIT).until(() -> before.events().size() >= 10);
        server.kill();
        before.events().forEach(event -> seen.add(event.id()));
        List<Received> got = before.events();
        lastSeen = got.get(got.size() - 1).id();
      }

      // the root directory remembers the deployment: the second start deploys it from there
      server.start();
      await()
          .atMost(WAIT)
          .ignoreExceptions()
          .until(
              () -> api.read("tests/ContinueTask", waiting).getString("status").equals("FAILED"));
      try (EventStream told = api.resume("stream/tests/ContinueTask/" + waiting, "1")) {
        List<Received> events = told.awaitEnd(WAIT);
        Received last = events.get(events.size() - 1);
        assertEquals("error", last.name());
        assertEquals("ServerStopped", last.data().getString("error_type"));
      }

      try (EventStream after = api.resume("stream/tests/CountdownTask/" + countdown, lastSeen)) {
        List<Received> events = after.awaitEnd(WAIT);
        assertEquals("complete", events.get(events.size() - 1).name());
        long previous = Long.parseLong(lastSeen);
        for (Received event : events) {
          long id = Long.parseLong(event.id());
          assertTrue(id > previous, "each id once, increasing: " + events);
          assertTrue(seen.add(event.id()), "nothing the client already had: " + event.id());
          previous = id;
        }
        // the task ran again from its first step, with ids after any the old run could have sent
        assertTrue(
            events.stream()
                .anyMatch(e -> e.name().equals("progress") && e.data().getInt("step") == 1),
            "the re-run started over: " + events);
      }
      assertEquals("COMPLETED", api.read("tests/CountdownTask", countdown).getString("status"));
    }
  }
}
