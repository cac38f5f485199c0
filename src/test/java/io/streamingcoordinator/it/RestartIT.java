package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.it.EventStream.Received;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Kills a Payara Micro that keeps its database in a root directory (SIGKILL: no shutdown at all)
 * while tasks run, starts it again on the same directory, and checks the restart policy and what
 * clients resuming with their last event id receive. Both cases kill one server process on one root
 * directory (five starts in all, not six): each leaves no task running, so either may come first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestartIT {

  private static final Duration WAIT = Duration.ofSeconds(120);

  private PayaraProcess server;

  @BeforeAll
  void startServer() throws Exception {
    server = new PayaraProcess(Files.createTempDirectory(Path.of("target"), "restart-root"));
    server.start();
  }

  /** After a case that failed between a kill and its restart. */
  @BeforeEach
  void serverRuns() throws Exception {
    if (!server.isAlive()) {
      server.start();
    }
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void afterAKillResumableTasksRunAgainOthersFailAndResumingClientsGetTheRestOnce()
      throws Exception {
    Api api = server.api;
    long countdown =
        api.create("tests/CountdownTask", "{\"steps\":40,\"delayMs\":100}").getInt("id");
    long waiting = api.create("tests/ContinueTask", "{\"timeoutSeconds\":600}").getInt("id");
    String lastSeen;
    Set<String> seen = new HashSet<>();
    Set<Integer> steps = new HashSet<>();
    try (EventStream before = api.stream("tests/CountdownTask", countdown)) {
      await().atMost(WAIT).until(() -> before.events().size() >= 10);
      server.kill();
      before.events().forEach(event -> seen.add(event.id()));
      List<Received> got = before.events();
      lastSeen = got.get(got.size() - 1).id();
      got.stream()
          .filter(event -> event.name().equals("progress"))
          .forEach(event -> steps.add(event.data().getInt("step")));
    }

    // as the README's run command starts again: the WAR deployed anew, the database kept; the
    // root's old deployment once started first and recovered too (issue 13)
    int before = server.log.size();
    server.startRedeployed();
    List<String> restart = List.copyOf(server.log.subList(before, server.log.size()));
    assertEquals(1, count(restart, "was successfully deployed"), restart::toString);
    assertEquals(1, count(restart, "Loading application [streaming-coordinator]"));
    assertEquals(1, count(restart, "was cut short: running it again"), "one recovery");
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(() -> api.read("tests/ContinueTask", waiting).getString("status").equals("FAILED"));
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
        if (event.id() == null) {
          // what the crash may have cost: ids after the client's, up to where the re-run starts
          assertEquals("history-lost", event.name(), events::toString);
          assertEquals(previous + 1, event.data().getJsonNumber("from").longValue());
          continue;
        }
        long id = Long.parseLong(event.id());
        assertTrue(id > previous, "each id once, increasing: " + events);
        assertTrue(seen.add(event.id()), "nothing the client already had: " + event.id());
        previous = id;
      }
      // the task went on after its last checkpoint in the log, with ids after any the old run
      // could have sent: a step is repeated only if the kill took it from the log (the last
      // 100 ms flushed at most), and this client saw none of those twice over its resume
      List<Integer> resumedSteps =
          events.stream()
              .filter(e -> e.name().equals("progress"))
              .map(e -> e.data().getInt("step"))
              .toList();
      assertTrue(
          resumedSteps.get(0) > 1 && resumedSteps.get(0) <= Collections.max(steps) + 1,
          "the next run went on from its checkpoint: " + steps + " then " + resumedSteps);
      long repeated = resumedSteps.stream().filter(steps::contains).count();
      assertTrue(repeated <= 2, "steps sent again after the kill: " + resumedSteps);
      assertEquals(
          40, events.get(events.size() - 1).data().getJsonObject("final_value").getInt("steps"));
    }
    assertEquals("COMPLETED", api.read("tests/CountdownTask", countdown).getString("status"));
  }

  /**
   * Three kills in a row on one publishing task, on the embedded default: an id is never issued
   * twice (whatever a client saw under an id is what the log has under it), ids only grow across
   * restarts, and what a kill loses from the log is at most the last moments before it.
   */
  @Test
  void killedThreeTimesAnIdIsNeverReusedAndOnlyTheLastMomentsAreLost() throws Exception {
    Map<String, String> seenLive = new HashMap<>(); // id -> seq and send time, as streamed
    List<Set<String>> rounds = new ArrayList<>(); // the ids seen live before each kill
    List<Long> killedAt = new ArrayList<>(); // send time of the last event seen before each kill
    Api api = server.api;
    long id =
        api.create("tests/SpamTask", "{\"count\":6000,\"size\":100,\"delayMs\":2}").getInt("id");
    String path = "stream/tests/SpamTask/" + id;
    String lastSeen = null;
    for (int kill = 1; kill <= 3; kill++) {
      List<Received> got;
      try (EventStream live = lastSeen == null ? api.stream(path) : api.resume(path, lastSeen)) {
        await().atMost(WAIT).until(() -> live.events().size() >= 500);
        server.kill();
        got = live.events();
      }
      Set<String> round = new HashSet<>();
      for (Received event : got) {
        if (event.name().equals("progress")) {
          seenLive.put(event.id(), payload(event));
          round.add(event.id());
        }
      }
      rounds.add(round);
      lastSeen = got.get(got.size() - 1).id();
      killedAt.add(got.get(got.size() - 1).data().getJsonNumber("sent_at_us").longValue());
      server.start(); // the task goes on from its last checkpoint, with new ids
    }
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(() -> api.read("tests/SpamTask", id).getString("status").equals("COMPLETED"));
    List<Received> logged;
    try (EventStream log = api.resume(path, "0")) {
      logged = log.awaitEnd(WAIT);
    }
    long previous = 0;
    int previousSeq = 0;
    int sameId = 0;
    Map<String, Long> loggedAt = new HashMap<>();
    for (Received event : logged) {
      if (event.id() == null) {
        continue; // history-lost notices carry no id
      }
      if (event.name().equals("progress")) {
        // each run went on after the last checkpoint in the log: no step is logged twice
        int seq = event.data().getInt("seq");
        assertTrue(seq > previousSeq, "step " + seq + " after step " + previousSeq);
        previousSeq = seq;
      }
      long eventId = Long.parseLong(event.id());
      assertTrue(eventId > previous, "ids only grow in the log: " + previous + " then " + eventId);
      previous = eventId;
      String live = seenLive.get(event.id());
      if (live != null) {
        sameId++;
        assertEquals(live, payload(event), "event " + event.id() + " has one payload");
        loggedAt.put(event.id(), event.data().getJsonNumber("sent_at_us").longValue());
      }
    }
    List<Long> lossMillis = new ArrayList<>();
    for (int kill = 0; kill < 3; kill++) {
      long kept =
          rounds.get(kill).stream().mapToLong(e -> loggedAt.getOrDefault(e, 0L)).max().orElse(0);
      lossMillis.add((killedAt.get(kill) - kept) / 1000);
    }
    System.out.printf(
        "Three kills: %d events seen live, %d of them in the log under the same id and payload;"
            + " the log lacked the last %s ms before each kill%n",
        seenLive.size(), sameId, lossMillis);
    assertEquals("complete", logged.get(logged.size() - 1).name());
    // the documented bound is what the log had not flushed yet: one 50 ms interval plus the
    // write (measured 0-26 ms; 100-274 ms before H2's WRITE_DELAY=0); room for a loaded machine,
    // where a write waits for the CPU (a bound of 200 ms failed once in three runs at a load of 20)
    for (long lost : lossMillis) {
      assertTrue(lost <= 500, "the log lacked the last " + lost + " ms before a kill");
    }
  }

  private static long count(List<String> lines, String text) {
    return lines.stream().filter(line -> line.contains(text)).count();
  }

  private static String payload(Received event) {
    return event.data().getInt("seq") + "@" + event.data().getJsonNumber("sent_at_us").longValue();
  }
}
