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

    readUntil(slow, () -> "10".equals(last(slow).id()));

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
  void underEvictAClientWhoseQueueOverflowsIsToldWhyThenDisconnectedAndItsQueueCounted() {
    FakeSink slow = FakeSink.gated();
    Subscription subscription = subscribe(slow, 3, Overflow.EVICT);
    IntStream.rangeClosed(1, 5).forEach(id -> subscription.offer(frame(id)));
    assertEquals(3, listener.dropped.get(), "the three queued events never reach it");
    subscription.offer(frame(6));

    readUntil(slow, () -> subscription.isClosed());
    assertEquals(
        List.of("1", "evicted"),
        slow.sent.stream().map(s -> s.id() != null ? s.id() : s.name()).toList());
    assertEquals("{\"reason\":\"queue-full\"}", slow.sent.get(1).data());
    assertTrue(slow.isClosed());
    assertEquals(List.of(Subscription.QUEUE_FULL), listener.closed);
  }

  @Test
  void anEvictedClientThatCannotBeWrittenToIsDroppedAtTheSendTimeout() {
    FakeSink stalled = FakeSink.stalled();
    Subscription subscription = subscribe(stalled, 3, Overflow.EVICT);
    IntStream.rangeClosed(1, 5).forEach(id -> subscription.offer(frame(id)));
    assertFalse(subscription.isClosed(), "its goodbye waits behind the send in flight");
    subscription.check(System.nanoTime() + TimeUnit.SECONDS.toNanos(3), Long.MAX_VALUE);
    assertTrue(subscription.isClosed());
    assertEquals(List.of(Subscription.QUEUE_FULL), listener.closed, "counted once, as queue-full");
  }

  @Test
  void underCatchUpAClientThatOverflowsGoesOnFromTheLogInOrderExactlyOnceAndRejoins() {
    List<SseFrame> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    Channel channel = new Channel(5, Long.MAX_VALUE);
    FakeSink slow = FakeSink.gated();
    Subscription subscription = catchingUp(slow, channel, log, Overflow.CATCH_UP);
    channel.join(subscription);
    publish(channel, log, 1, 300);
    assertTrue(listener.fellBehind.get() >= 1);
    assertTrue(subscription.queued() <= 3, "memory stays bounded while it is behind");
    // it reads at its own pace while the task goes on
    readUntil(slow, () -> slow.sent.size() >= 150);
    publish(channel, log, 301, 310);
    SseFrame end = SseFrame.of(new TaskEvent(1, 311, "complete", "{}"));
    log.add(end);
    channel.publish(end);
    readUntil(slow, () -> subscription.isClosed());
    List<String> ids = slow.sent.stream().map(FakeSink.Seen::id).toList();
    assertEquals(
        IntStream.rangeClosed(1, 311).mapToObj(String::valueOf).toList(),
        ids,
        "every event once, in order");
    assertEquals(List.of("closed"), listener.closed, "never evicted");
    assertEquals(0, listener.dropped.get());
    assertFalse(slow.sawConcurrentSends());
  }

  @Test
  void underEvictAClientIsNeverEvictedBeforeItsFirstEvent() {
    List<SseFrame> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    Channel channel = new Channel(5, Long.MAX_VALUE);
    FakeSink slow = FakeSink.gated();
    Subscription subscription = catchingUp(slow, channel, log, Overflow.EVICT);
    channel.join(subscription);
    // the first send is still in flight when the queue overflows: it catches up instead
    publish(channel, log, 1, 20);
    assertFalse(subscription.isClosed());
    assertEquals(1, listener.fellBehind.get());
    readUntil(slow, () -> slow.sent.size() == 20);
    // once it has had events, an overflow evicts it
    publish(channel, log, 21, 30);
    readUntil(slow, () -> subscription.isClosed());
    assertEquals(List.of(Subscription.QUEUE_FULL), listener.closed);
    assertEquals("evicted", slow.sent.get(slow.sent.size() - 1).name());
  }

  @Test
  void everyStreamStartsWithItsPreface() {
    FakeSink reading = FakeSink.reading();
    Subscription subscription = subscribe(reading, 10, Overflow.EVICT);
    subscription.preface(SseFrame.retry(Duration.ofSeconds(3)));
    subscription.offer(frame(1));
    assertEquals("retry: 3000\n", new String(SseFrame.retry(Duration.ofSeconds(3)).bytes()));
    assertTrue(reading.wire().startsWith("retry: 3000\nid: 1\n"), reading.wire());
    assertEquals(List.of("1"), reading.sent.stream().map(FakeSink.Seen::id).toList());
    assertEquals(List.of("1"), listener.delivered.stream().filter(id -> id != null).toList());
  }

  @Test
  void aStoppedStreamSendsWhatIsQueuedThenTheNoticeThenEnds() {
    FakeSink slow = FakeSink.gated();
    Subscription subscription = subscribe(slow, 10, Overflow.CATCH_UP);
    IntStream.rangeClosed(1, 3).forEach(id -> subscription.offer(frame(id)));
    assertTrue(subscription.stop(SseFrame.SUSPENDED));
    subscription.offer(frame(4)); // the task went on a moment longer: not sent
    readUntil(slow, subscription::isClosed);
    assertEquals(
        List.of("1", "2", "3", "suspended"),
        slow.sent.stream().map(s -> s.id() != null ? s.id() : s.name()).toList());
    assertEquals(
        "{\"reason\":\"server-stopping\",\"message\":\"The server is shutting down\"}",
        last(slow).data());
    assertEquals(List.of("closed"), listener.closed, "not an eviction");
    assertFalse(subscription.stop(SseFrame.SUSPENDED), "told once");
  }

  @Test
  void aStreamWhoseFinalEventIsQueuedGetsNoNoticeAfterItAndANoticeGetsNoFinalEvent() {
    FakeSink ending = FakeSink.gated();
    Subscription failed = subscribe(ending, 10, Overflow.CATCH_UP);
    failed.offer(frame(1));
    failed.offer(SseFrame.of(new TaskEvent(1, 2, "error", "{}")));
    assertFalse(failed.stop(SseFrame.SUSPENDED));
    readUntil(ending, failed::isClosed);
    assertEquals(List.of("progress", "error"), ending.sent.stream().map(s -> s.name()).toList());

    FakeSink told = FakeSink.gated();
    Subscription suspended = subscribe(told, 10, Overflow.CATCH_UP);
    suspended.offer(frame(1));
    assertTrue(suspended.stop(SseFrame.SUSPENDED));
    suspended.offer(SseFrame.of(new TaskEvent(1, 2, "error", "{}")));
    readUntil(told, suspended::isClosed);
    assertEquals(List.of("progress", "suspended"), told.sent.stream().map(s -> s.name()).toList());
  }

  @Test
  void aStoppedStreamWhoseQueueIsFullGetsTheNoticeInsteadOfTheQueue() {
    FakeSink stalled = FakeSink.gated();
    Subscription subscription = subscribe(stalled, 3, Overflow.DROP_OLDEST);
    IntStream.rangeClosed(1, 4).forEach(id -> subscription.offer(frame(id)));
    assertTrue(subscription.stop(SseFrame.SUSPENDED));
    readUntil(stalled, subscription::isClosed);
    // event 1 was in flight; the queue (2..4) made room: the client resumes after 1
    assertEquals(
        List.of("1", "suspended"),
        stalled.sent.stream().map(s -> s.id() != null ? s.id() : s.name()).toList());
  }

  @Test
  void aClientCatchingUpFromTheLogIsToldWhereItIs() {
    List<SseFrame> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    Channel channel = new Channel(5, Long.MAX_VALUE);
    FakeSink slow = FakeSink.gated();
    Subscription subscription = catchingUp(slow, channel, log, Overflow.CATCH_UP);
    channel.join(subscription);
    publish(channel, log, 1, 1000);
    assertEquals(1, listener.fellBehind.get());
    // its first page from the log is still being sent when the server stops
    assertTrue(subscription.stop(SseFrame.SUSPENDED));
    readUntil(slow, subscription::isClosed);
    List<String> ids = slow.sent.stream().map(s -> s.id() != null ? s.id() : s.name()).toList();
    assertEquals("suspended", ids.get(ids.size() - 1));
    List<String> events = ids.subList(0, ids.size() - 1);
    assertEquals(
        IntStream.rangeClosed(1, events.size()).mapToObj(String::valueOf).toList(),
        events,
        "in order up to where it stopped, without a gap");
    assertTrue(events.size() < 1000, "the rest waits in the log for its reconnect");
  }

  @Test
  void aClientWhoseCatchUpCannotReadTheLogIsSentBackRatherThanLeftWaiting() {
    FakeSink resuming = FakeSink.reading();
    Subscription subscription =
        new Subscription(
            1,
            resuming,
            limits(3, Overflow.CATCH_UP),
            inline,
            inline,
            listener,
            (behind, cursor) -> {
              throw new IllegalStateException("no connection from the pool within 1 s");
            },
            41,
            false);

    subscription.catchUp();

    await().atMost(5, TimeUnit.SECONDS).until(subscription::isClosed);
    assertTrue(resuming.isClosed(), "its connection ends: it comes back with Last-Event-ID");
    assertTrue(resuming.ids().isEmpty(), resuming.ids()::toString);
  }

  /** Publishes events {@code from}..{@code to}, logged first as the task does. */
  private static void publish(Channel channel, List<SseFrame> log, long from, long to) {
    for (long id = from; id <= to; id++) {
      SseFrame frame = frame(id);
      log.add(frame);
      channel.publish(frame);
    }
  }

  /** Lets a slow client read, send by send, until {@code done}. */
  private static void readUntil(FakeSink slow, java.util.concurrent.Callable<Boolean> done) {
    await()
        .atMost(5, TimeUnit.SECONDS)
        .until(
            () -> {
              slow.release();
              return done.call();
            });
  }

  /** A live client of {@code channel} that catches up from {@code log} as the hub's would. */
  private Subscription catchingUp(
      FakeSink sink, Channel channel, List<SseFrame> log, Overflow overflow) {
    return new Subscription(
        1,
        sink,
        limits(3, overflow),
        inline,
        inline,
        listener,
        (behind, cursor) -> {
          Channel.CatchUp step = channel.catchUp(behind, cursor, 10, true);
          if (step.kind() != Channel.CatchUp.Kind.FROM_LOG) {
            return step;
          }
          return Channel.CatchUp.frames(
              log.stream().filter(f -> f.seq() > cursor).limit(10).toList());
        },
        0,
        true);
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

    readUntil(slow, () -> subscription.queued() == 0);
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
