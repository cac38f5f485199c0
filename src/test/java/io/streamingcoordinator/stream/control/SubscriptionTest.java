package io.streamingcoordinator.stream.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.config.StreamSettings.ClientLimits;
import io.streamingcoordinator.config.StreamSettings.Overflow;
import io.streamingcoordinator.task.entity.TaskEvent;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

  /** Runs sends on the calling thread, so each test controls exactly when they happen. */
  final Executor inline = Runnable::run;

  final RecordingListener listener = new RecordingListener();

  @Test
  void underDropOldestASlowClientGetsTheNewestEventsInOrderAndHowManyItMissed() {
    FakeSink slow = FakeSink.gated();
    Subscription subscription = subscribe(slow, 3, Overflow.DROP_OLDEST);
    IntStream.rangeClosed(1, 10).forEach(id -> subscription.offer(frame(id)));
    // event 1 went out at once and is still being sent; 2..7 were dropped for 8, 9, 10
    assertEquals(6, listener.dropped.get());
    assertFalse(subscription.isClosed());

    await()
        .atMost(5, TimeUnit.SECONDS)
        .until(
            () -> {
              slow.release();
              return "10".equals(last(slow).id());
            });

    List<FakeSink.Seen> sent = slow.sent;
    assertEquals("1", sent.get(0).id());
    assertEquals("dropped", sent.get(1).name());
    assertEquals("{\"missed\":6}", sent.get(1).data());
    assertEquals(
        List.of("8", "9", "10"), sent.subList(2, 5).stream().map(FakeSink.Seen::id).toList());
    assertEquals(
        List.of("1", "8", "9", "10"),
        listener.delivered.stream().filter(id -> id != null).toList());
    assertFalse(slow.sawConcurrentSends());
  }

  @Test
  void underEvictAClientWhoseQueueOverflowsIsDisconnectedAndItsQueueCounted() {
    FakeSink stalled = FakeSink.stalled();
    Subscription subscription = subscribe(stalled, 3, Overflow.EVICT);
    IntStream.rangeClosed(1, 5).forEach(id -> subscription.offer(frame(id)));

    assertTrue(subscription.isClosed());
    assertTrue(stalled.isClosed());
    assertEquals(List.of(Subscription.QUEUE_FULL), listener.closed);
    assertEquals(3, listener.dropped.get(), "the three queued events never reached it");
    subscription.offer(frame(6));
    assertEquals(1, listener.closed.size(), "closing happens once");
  }

  @Test
  void aSendThatMakesNoProgressWithinTheTimeoutEvictsTheClient() {
    FakeSink stalled = FakeSink.stalled();
    Subscription subscription = subscribe(stalled, 100, Overflow.DROP_OLDEST);
    subscription.offer(frame(1));
    long now = System.nanoTime();

    subscription.check(now + TimeUnit.SECONDS.toNanos(1), Long.MAX_VALUE);
    assertFalse(subscription.isClosed());
    subscription.check(now + TimeUnit.SECONDS.toNanos(3), Long.MAX_VALUE);
    assertTrue(subscription.isClosed());
    assertEquals(List.of(Subscription.SEND_TIMEOUT), listener.closed);
  }

  @Test
  void aSilentStreamGetsAHeartbeatAndABusyOneDoesNot() {
    FakeSink reading = FakeSink.reading();
    Subscription subscription = subscribe(reading, 10, Overflow.EVICT);
    long now = System.nanoTime();
    subscription.check(now, TimeUnit.HOURS.toNanos(1));
    assertTrue(reading.sent.isEmpty());

    subscription.check(now + TimeUnit.SECONDS.toNanos(20), TimeUnit.SECONDS.toNanos(15));
    assertEquals(1, reading.sent.size());
    assertEquals("ping", reading.sent.get(0).comment());
  }

  @Test
  void aFailedSendMeansTheClientIsGone() {
    FakeSink gone = FakeSink.reading();
    gone.close();
    Subscription subscription =
        new Subscription(
            1,
            new jakarta.ws.rs.sse.SseEventSink() {
              @Override
              public boolean isClosed() {
                return true;
              }

              @Override
              public java.util.concurrent.CompletionStage<?> send(OutboundSseEvent event) {
                return java.util.concurrent.CompletableFuture.failedFuture(
                    new java.io.IOException("Broken pipe"));
              }

              @Override
              public void close() {}
            },
            limits(10, Overflow.EVICT),
            inline,
            listener);
    subscription.offer(frame(1));
    assertTrue(subscription.isClosed());
    assertEquals(List.of("closed"), listener.closed, "a vanished client is not an eviction");
  }

  @Test
  void crossingTheWarnRatioIsReportedOnceUntilTheQueueDrains() {
    FakeSink slow = FakeSink.gated();
    Subscription subscription = subscribe(slow, 10, Overflow.DROP_OLDEST);
    IntStream.rangeClosed(1, 10).forEach(id -> subscription.offer(frame(id)));
    assertEquals(List.of(8), listener.queueHigh);
    IntStream.rangeClosed(11, 30).forEach(id -> subscription.offer(frame(id)));
    assertEquals(1, listener.queueHigh.size(), "one warning per crossing, not one per event");

    await()
        .atMost(5, TimeUnit.SECONDS)
        .until(
            () -> {
              slow.release();
              return subscription.queued() == 0;
            });
    IntStream.rangeClosed(31, 45).forEach(id -> subscription.offer(frame(id)));
    assertEquals(2, listener.queueHigh.size(), "a new crossing after draining is reported");
  }

  private Subscription subscribe(FakeSink sink, int capacity, Overflow overflow) {
    return new Subscription(1, sink, limits(capacity, overflow), inline, listener);
  }

  private static ClientLimits limits(int capacity, Overflow overflow) {
    return new ClientLimits(capacity, overflow, 0.8, Duration.ofSeconds(2));
  }

  private static SseFrame frame(long id) {
    return SseFrame.of(new TaskEvent(1, id, "progress", "{}"));
  }

  private static FakeSink.Seen last(FakeSink sink) {
    return sink.sent.get(sink.sent.size() - 1);
  }
}
