package io.streamingcoordinator.task.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.config.TaskSettings.RunCaps;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RunSlotsTest {

  final AtomicReference<RunCaps> caps = new AtomicReference<>(new RunCaps(2, 2, 1));
  final RunSlots slots = new RunSlots(caps::get);
  final List<String> launched = new CopyOnWriteArrayList<>();

  private RunSlots.Slot start(String name) {
    RunSlots.Slot slot = slots.reserve();
    slot.launch(() -> launched.add(name));
    return slot;
  }

  @Test
  void runsUpToTheCapQueuesInOrderThenRefusesNamingTheLimits() {
    RunSlots.Slot a = start("a");
    start("b");
    start("c");
    start("d");
    assertEquals(List.of("a", "b"), launched);
    assertEquals(2, slots.running());
    assertEquals(2, slots.queued());

    TaskLimitException refused = assertThrows(TaskLimitException.class, slots::reserve);
    assertTrue(refused.getMessage().contains("streaming.tasks.max-running"), refused.getMessage());
    assertTrue(refused.getMessage().contains("streaming.tasks.max-queued"), refused.getMessage());

    a.release();
    assertEquals(List.of("a", "b", "c"), launched, "the first queued start takes the freed turn");
    a.release(); // twice: nothing more
    assertEquals(2, slots.running());
    assertEquals(1, slots.queued());
  }

  @Test
  void aQueuedSlotGivenBackLeavesTheQueueAndAReservedOneLaunchesWhenItsTurnCame() {
    RunSlots.Slot a = start("a");
    start("b");
    RunSlots.Slot reserved = slots.reserve(); // queued, not launched yet
    RunSlots.Slot dropped = slots.reserve();
    dropped.release();
    assertEquals(1, slots.queued());

    a.release(); // the reserved slot's turn comes before its run is known
    assertEquals(List.of("a", "b"), launched);
    reserved.launch(() -> launched.add("reserved"));
    assertEquals(List.of("a", "b", "reserved"), launched, "it starts at once: its turn is held");
    assertEquals(2, slots.running());
  }

  @Test
  void aWaitingRunHandsItsTurnOnAndComesBackAheadOfQueuedStarts() throws Exception {
    RunSlots.Slot a = start("a");
    RunSlots.Slot b = start("b");
    start("c");
    start("d");
    assertTrue(a.idle());
    assertEquals(List.of("a", "b", "c"), launched);
    assertFalse(b.idle(), "the waiting room (1) is full: b waits holding its turn");
    assertEquals(1, slots.waiting());

    CompletableFuture<Void> woken = CompletableFuture.runAsync(() -> a.busy(() -> false));
    org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> slots.waiting() == 1);
    assertFalse(woken.isDone(), "no turn is free: a waits for one");
    b.release();
    woken.get(5, TimeUnit.SECONDS);
    assertEquals(List.of("a", "b", "c"), launched, "the freed turn went to a, not to d");
    assertEquals(1, slots.queued());
    assertEquals(0, slots.waiting());
  }

  @Test
  void aRunStoppedWhileWaitingForATurnHoldsNone() throws Exception {
    RunSlots.Slot a = start("a");
    start("b");
    assertTrue(a.idle());
    start("c"); // takes a's turn
    AtomicBoolean stopped = new AtomicBoolean();
    CompletableFuture<Void> woken = CompletableFuture.runAsync(() -> a.busy(stopped::get));
    stopped.set(true);
    woken.get(5, TimeUnit.SECONDS);
    a.release();
    assertEquals(2, slots.running());
    assertEquals(0, slots.waiting());
  }

  @Test
  void aRaisedCapAppliesToTheNextChange() {
    caps.set(new RunCaps(1, 5, 0));
    RunSlots.Slot a = start("a");
    start("b");
    assertFalse(a.idle(), "no waiting room");
    caps.set(new RunCaps(3, 5, 0));
    start("c");
    assertEquals(List.of("a", "b", "c"), launched, "b takes a new turn first, then c");
    a.release();
    assertEquals(2, slots.running());
  }
}
