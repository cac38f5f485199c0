package io.streamingcoordinator.stream.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.config.StreamSettings.ClientLimits;
import io.streamingcoordinator.config.StreamSettings.Overflow;
import io.streamingcoordinator.task.entity.TaskEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChannelTest {

  final ExecutorService executor = Executors.newFixedThreadPool(4);
  final Channel channel = new Channel(1000, Long.MAX_VALUE);
  final List<Subscription> closed = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    executor.shutdownNow();
    assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
  }

  @Test
  void aLateClientGetsTheLatestEventThenEveryNewOneInOrder() {
    FakeSink early = FakeSink.reading();
    channel.join(subscribe(early, 10));
    publish(1, 2, 3);
    FakeSink late = FakeSink.reading();
    channel.join(subscribe(late, 10));
    publish(4, 5);
    channel.publish(frame(6, TaskEvent.COMPLETE));

    await().atMost(5, TimeUnit.SECONDS).until(() -> late.isClosed() && early.isClosed());
    assertEquals(List.of("1", "2", "3", "4", "5", "6"), early.ids());
    assertEquals(List.of("3", "4", "5", "6"), late.ids());
    assertEquals(0, channel.size());
  }

  @Test
  void aClientJoiningAFinishedTaskGetsItsLastEventAndIsClosed() {
    publish(1);
    channel.publish(frame(2, TaskEvent.ERROR));
    FakeSink late = FakeSink.reading();
    channel.join(subscribe(late, 10));

    await().atMost(5, TimeUnit.SECONDS).until(late::isClosed);
    assertEquals(List.of("2"), late.ids());
    assertEquals(0, channel.size());
    assertTrue(channel.isFinished());
    long now = System.nanoTime();
    assertFalse(channel.finishedBefore(now, TimeUnit.MINUTES.toNanos(1)), "kept for late joiners");
    assertTrue(
        channel.finishedBefore(now + TimeUnit.MINUTES.toNanos(2), TimeUnit.MINUTES.toNanos(1)));
  }

  @Test
  void aStalledClientIsEvictedWhileOthersGetEverythingAndPublishingNeverWaits() {
    long events = 2000;
    FakeSink fast = FakeSink.reading();
    FakeSink stalled = FakeSink.stalled();
    // an unpaced burst outruns any sender, so the reading client gets room for all of it
    Subscription fastOne = subscribe(fast, (int) events);
    Subscription stalledOne = subscribe(stalled, 5);
    channel.join(fastOne);
    channel.join(stalledOne);

    // far more events than the stalled client's queue; this returns although it never reads
    LongStream.rangeClosed(1, events).forEach(this::publish);

    await().atMost(5, TimeUnit.SECONDS).until(() -> fast.sent.size() == events);
    assertTrue(stalledOne.isEvicted(), "evicted at once: nothing more is queued for it");
    assertFalse(stalled.isClosed(), "its goodbye waits behind the send it never finishes");
    stalledOne.check(System.nanoTime() + TimeUnit.SECONDS.toNanos(11), Long.MAX_VALUE);
    assertTrue(stalled.isClosed(), "dropped at the send timeout");
    assertFalse(fastOne.isEvicted());
    assertEquals(1, channel.size(), "the evicted client left the channel");
    assertEquals(LongStream.rangeClosed(1, events).mapToObj(Long::toString).toList(), fast.ids());
    assertFalse(fast.sawConcurrentSends());
  }

  @Test
  void clientsJoiningWhilePublishingSeeNoGapAndNoRepeat() throws Exception {
    int clients = 50;
    long events = 3000;
    List<FakeSink> sinks = new ArrayList<>();
    ExecutorService joiners = Executors.newFixedThreadPool(2);
    try {
      var publishing =
          joiners.submit(() -> LongStream.rangeClosed(1, events).forEach(this::publish));
      for (int i = 0; i < clients; i++) {
        FakeSink sink = FakeSink.reading();
        sinks.add(sink);
        joiners.submit(() -> channel.join(subscribe(sink, (int) events + 1)));
      }
      publishing.get(10, TimeUnit.SECONDS);
      joiners.shutdown();
      assertTrue(joiners.awaitTermination(10, TimeUnit.SECONDS));
    } finally {
      joiners.shutdownNow();
    }
    channel.publish(frame(events + 1, TaskEvent.COMPLETE));

    await().atMost(10, TimeUnit.SECONDS).until(() -> sinks.stream().allMatch(FakeSink::isClosed));
    for (FakeSink sink : sinks) {
      List<Long> ids = sink.ids().stream().map(Long::parseLong).toList();
      long first = ids.get(0);
      assertEquals(
          LongStream.rangeClosed(first, events + 1).boxed().toList(),
          ids,
          "each client gets a gapless run from the latest event when it joined");
    }
  }

  @Test
  void aResumingClientCatchesUpFromMemoryThenJoinsAndMissesNothingPublishedAfter() {
    publish(1, 2, 3, 4, 5);
    FakeSink sink = FakeSink.reading();
    Subscription resuming = subscribe(sink, 10);

    Channel.CatchUp fromMemory = channel.catchUp(resuming, 2, 10, false);
    assertEquals(Channel.CatchUp.Kind.FRAMES, fromMemory.kind());
    assertEquals(List.of(3L, 4L, 5L), fromMemory.frames().stream().map(SseFrame::seq).toList());
    assertEquals(Channel.CatchUp.Kind.JOINED, channel.catchUp(resuming, 5, 10, false).kind());
    publish(6);
    await().atMost(5, TimeUnit.SECONDS).until(() -> sink.ids().equals(List.of("6")));
  }

  @Test
  void whatMemoryNoLongerHoldsComesFromTheLog() {
    Channel small = new Channel(2, Long.MAX_VALUE);
    LongStream.rangeClosed(1, 5).forEach(id -> small.publish(frame(id, "progress")));
    Subscription resuming = subscribe(FakeSink.reading(), 10);

    assertEquals(Channel.CatchUp.Kind.FROM_LOG, small.catchUp(resuming, 1, 10, false).kind());
    assertEquals(
        List.of(4L, 5L),
        small.catchUp(resuming, 3, 10, false).frames().stream().map(SseFrame::seq).toList());
    Channel fresh = new Channel(10, Long.MAX_VALUE);
    assertEquals(Channel.CatchUp.Kind.FROM_LOG, fresh.catchUp(resuming, 0, 10, false).kind());
    assertEquals(Channel.CatchUp.Kind.JOINED, fresh.catchUp(resuming, 0, 10, true).kind());
    small.publish(frame(6, TaskEvent.COMPLETE));
    assertEquals(Channel.CatchUp.Kind.ENDED, small.catchUp(resuming, 6, 10, true).kind());
  }

  @Test
  void eventsOfAnotherNodesTaskFromTheBusAndTheLogReachAClientOnceInOrder() {
    FakeSink client = FakeSink.reading();
    channel.join(subscribe(client, 100));
    // a late joiner takes the first that comes
    channel.publishFromBus(frame(5, "progress"));
    channel.publishFromBus(frame(6, "progress"));
    channel.publishFromBus(frame(6, "progress")); // a repeat
    // 7 was lost on the bus: 8 and 9 wait for it
    channel.publishFromBus(frame(8, "progress"));
    channel.publishFromBus(frame(9, "progress"));
    assertEquals(6, channel.latestSeq());
    // the log poll brings 7 (and 6 again): 8 and 9 follow at once; the log's 8 comes too late
    channel.publishFromLog(frame(6, "progress"));
    channel.publishFromLog(frame(7, "progress"));
    assertEquals(9, channel.latestSeq());
    channel.publishFromLog(frame(8, "progress"));
    channel.publishFromBus(frame(9, "progress"));
    // a new run's ids go on after the old run's reserved ones: the log bridges the jump, and the
    // bus's events after it, which came first, follow
    channel.publishFromBus(frame(1002, "progress"));
    channel.publishFromBus(frame(1003, TaskEvent.COMPLETE));
    channel.publishFromLog(frame(1001, "progress"));

    await().atMost(5, TimeUnit.SECONDS).until(client::isClosed);
    assertEquals(List.of("5", "6", "7", "8", "9", "1001", "1002", "1003"), client.ids());
  }

  @Test
  void whatWaitsForAGapIsBoundedByWhatMemoryKeeps() {
    Channel small = new Channel(3, Long.MAX_VALUE);
    FakeSink client = FakeSink.reading();
    small.join(subscribe(client, 100));
    small.publishFromBus(frame(1, "progress"));
    for (long id = 3; id <= 10; id++) {
      small.publishFromBus(frame(id, "progress")); // 2 lost: only 3, 4 and 5 wait
    }
    small.publishFromLog(frame(2, "progress"));
    assertEquals(5, small.latestSeq());
    for (long id = 6; id <= 10; id++) {
      small.publishFromLog(frame(id, "progress"));
    }
    small.publishFromBus(frame(11, TaskEvent.COMPLETE));

    await().atMost(5, TimeUnit.SECONDS).until(client::isClosed);
    assertEquals(LongStream.rangeClosed(1, 11).mapToObj(Long::toString).toList(), client.ids());
  }

  private void publish(long... ids) {
    for (long id : ids) {
      channel.publish(frame(id, "progress"));
    }
  }

  private static SseFrame frame(long id, String name) {
    return SseFrame.of(new TaskEvent(1, id, name, "{\"n\":" + id + "}"));
  }

  private Subscription subscribe(FakeSink sink, int capacity) {
    return new Subscription(
        1,
        sink,
        new ClientLimits(capacity, Overflow.EVICT, 0.8, Duration.ofSeconds(10)),
        executor,
        new RecordingListener() {
          @Override
          public void closed(Subscription subscription, String evictedFor) {
            super.closed(subscription, evictedFor);
            channel.leave(subscription);
          }
        });
  }
}
