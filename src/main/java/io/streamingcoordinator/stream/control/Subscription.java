package io.streamingcoordinator.stream.control;

import io.streamingcoordinator.config.StreamSettings.ClientLimits;
import io.streamingcoordinator.config.StreamSettings.Overflow;
import io.streamingcoordinator.metrics.LogThrottle;
import jakarta.ws.rs.sse.SseEventSink;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client of one task: a bounded queue in front of its sink, with at most one send in flight.
 * Publishers only offer to the queue and never wait. When the queue is full the overflow policy
 * applies: the client falls behind and catches up from the event log at its own pace (it is never
 * evicted before its first event, whatever the policy), is evicted with an {@code evicted} event,
 * or has its oldest events dropped and is told how many it missed. A resuming client, and one that
 * fell behind, is sent what it missed a page at a time ({@link Replay}) and joins the live queue
 * when it has caught up. One class: queue, catch-up and the single send in flight are one state
 * machine, driven from one drain loop.
 */
public final class Subscription {

  private static final System.Logger LOG = System.getLogger(Subscription.class.getName());
  private static final LogThrottle CATCH_UP_FAILURES =
      new LogThrottle(TimeUnit.SECONDS.toNanos(10));

  /** What the hub hears from a subscription. */
  interface Listener {
    /** A batch of frames was written to the client. */
    void delivered(List<SseFrame> batch);

    void dropped(Subscription subscription, long events);

    /** Its queue overflowed: {@code discarded} queued events are dropped, it reads the log. */
    void fellBehind(Subscription subscription, int discarded);

    void queueHigh(Subscription subscription, int depth);

    /** Called once; {@code evictedFor} is null unless the hub disconnected the client. */
    void closed(Subscription subscription, String evictedFor);
  }

  /** Where a resuming client's missed events come from (the hub: memory, then the log). */
  interface Replay {
    Channel.CatchUp next(Subscription subscription, long cursor);
  }

  static final String QUEUE_FULL = "queue-full";
  private static final int BATCH_FRAMES = 64;
  private static final int BATCH_BYTES = 32 * 1024;
  // a client catching up is slow by definition: smaller writes, so that each send completes
  // within the send timeout as long as it reads a few hundred bytes a second
  private static final int CATCH_UP_BATCH_BYTES = 8 * 1024;
  static final String SEND_TIMEOUT = "send-timeout";

  private final long taskId;
  private final SseEventSink sink;
  private final ClientLimits limits;
  private final ArrayBlockingQueue<SseFrame> queue;
  private final int warnAt;
  private final Executor executor;
  private final Executor background;
  private final Listener listener;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong missed = new AtomicLong();
  private volatile boolean warned;
  private volatile long sendStartedAt; // 0 while no send is in flight
  private volatile long lastSentAt = System.nanoTime();
  private volatile String evictedFor;
  private final Replay replay; // null: cannot catch up (no event log to read from)
  private final ArrayDeque<SseFrame> backlog = new ArrayDeque<>();
  private volatile boolean live;
  private volatile boolean ended;
  private volatile long cursor; // the id of the last event taken for sending
  private final boolean resumed; // came with the id of the last event it had (Last-Event-ID)
  private volatile boolean behind; // catching up after an overflow: offers are ignored until joined
  private volatile boolean leaving; // its goodbye is queued: nothing more is
  private volatile boolean delivered; // an event (not a comment or notice) reached the client
  private volatile SseFrame preface; // sent before anything else

  /** A live client that cannot catch up, whose sends and other work all run on {@code executor}. */
  Subscription(
      long taskId, SseEventSink sink, ClientLimits limits, Executor executor, Listener listener) {
    this(taskId, sink, limits, executor, executor, listener, null, 0, true);
  }

  /**
   * A client resuming after event {@code resumeAfter}, or ({@code live}) a live one that can catch
   * up through {@code replay} when it falls behind. Its sends run on {@code executor} (they never
   * block); its catch-up, which may read the database, runs on {@code background}, so that it holds
   * up neither the sends to other clients nor the task publishing.
   */
  Subscription(
      long taskId,
      SseEventSink sink,
      ClientLimits limits,
      Executor executor,
      Executor background,
      Listener listener,
      Replay replay,
      long resumeAfter,
      boolean live) {
    this.replay = replay;
    this.live = live || replay == null;
    this.resumed = !this.live;
    this.cursor = resumeAfter;
    this.taskId = taskId;
    this.sink = sink;
    this.limits = limits;
    this.queue = new ArrayBlockingQueue<>(limits.queueCapacity());
    this.warnAt = Math.max(1, (int) Math.ceil(limits.queueCapacity() * limits.warnRatio()));
    this.executor = executor;
    this.background = background;
    this.listener = listener;
  }

  public long taskId() {
    return taskId;
  }

  /** A frame sent before any other ({@code retry:}); call before the first offer. */
  void preface(SseFrame frame) {
    preface = frame;
  }

  /** Queues a frame for sending; never blocks. */
  /** For a client that came with a Last-Event-ID: the last event it has been sent; else -1. */
  long resumedCursor() {
    return resumed ? cursor : -1;
  }

  void offer(SseFrame frame) {
    if (closed.get() || behind || leaving) {
      return;
    }
    if (frame.isTerminal() && !lastWord()) {
      return; // the stopping server's notice came first
    }
    while (!queue.offer(frame)) {
      if (replay != null
          && (limits.overflow() == Overflow.CATCH_UP
              || (limits.overflow() == Overflow.EVICT && !delivered))) {
        fallBehind();
        return;
      }
      if (limits.overflow() == Overflow.EVICT) {
        sayGoodbye(QUEUE_FULL);
        return;
      }
      if (queue.poll() != null) {
        missed.incrementAndGet();
        listener.dropped(this, 1);
      }
    }
    watchDepth();
    schedule();
  }

  /**
   * The queue overflowed: what is queued is dropped from memory and the client goes on from the
   * last event it was sent, reading the log. Called by the publisher under its channel's lock, so
   * nothing is offered in between; the channel offers nothing more until it has caught up.
   */
  private void fallBehind() {
    behind = true;
    live = false;
    int discarded = queue.size();
    queue.clear();
    warned = false;
    listener.fellBehind(this, discarded);
    schedule();
  }

  /** A live client joining with event {@code seq + 1}: it has nothing before it to catch up. */
  void startAfter(long seq) {
    cursor = Math.max(0, seq);
  }

  /**
   * Joined the live stream (under the channel's lock, like a fall behind, so the two cannot cross):
   * it is offered events again and reads them from its queue.
   */
  void rejoin() {
    behind = false;
    live = true;
  }

  /** Evicted while it can still be written to: one last event says why, then the stream ends. */
  private void sayGoodbye(String reason) {
    leaving = true;
    evictedFor = reason;
    int discarded = queue.size();
    queue.clear();
    if (discarded > 0) {
      listener.dropped(this, discarded);
    }
    queue.offer(SseFrame.evicted(reason));
    schedule();
  }

  /**
   * The server is stopping: what is queued goes out, then {@code notice}, then the stream ends. A
   * client catching up stops where it is (its reconnect resumes from its Last-Event-ID); a client
   * whose final event is queued, or that is being evicted, gets nothing more.
   *
   * @return whether the notice was queued
   */
  boolean stop(SseFrame notice) {
    if (!lastWord()) {
      return false;
    }
    live = true; // a catching-up client's drain reads its queue from now on, where the notice is
    while (!queue.offer(notice)) {
      queue.clear(); // full: the client gets those events from the log when it resumes
    }
    schedule();
    return true;
  }

  /**
   * Claims the stream's last word (a final event, or the stopping server's notice): true for the
   * first caller only, so that nothing follows a final event and no final event follows the notice.
   */
  private synchronized boolean lastWord() {
    if (closed.get() || leaving) {
      return false;
    }
    leaving = true;
    return true;
  }

  private void watchDepth() {
    int depth = queue.size();
    if (!warned && depth >= warnAt) {
      warned = true;
      listener.queueHigh(this, depth);
    } else if (warned && depth < warnAt / 2) {
      warned = false;
    }
  }

  /** Starts sending a resuming client what it missed. */
  void catchUp() {
    schedule();
  }

  /** Starts a drain on the executor unless one is running. */
  private void schedule() {
    if (draining.compareAndSet(false, true)) {
      try {
        executor().execute(this::drain);
      } catch (RejectedExecutionException stopping) {
        // the server is stopping: send on this thread (writes never block) so that the final
        // event still goes out
        drain();
      }
    }
  }

  private Executor executor() {
    return live ? executor : background;
  }

  private void drain() {
    while (!closed.get()) {
      List<SseFrame> batch;
      try {
        batch = nextBatch();
      } catch (RuntimeException e) {
        // the event log could not be read (the database busy or away): ending the stream sends the
        // client back with Last-Event-ID, to catch up then; left as it was, it would wait for ever
        CATCH_UP_FAILURES.log(
            LOG,
            Level.WARNING,
            "A client of task {0,number,#} could not catch up from the event log and its stream"
                + " ends (it resumes with Last-Event-ID): {1} ({2} more in the last 10 s)",
            taskId,
            e.toString());
        close();
        return;
      }
      if (batch.isEmpty() && ended) {
        close(); // a resumed stream of a finished task: everything was sent
        return;
      }
      if (batch.isEmpty()) {
        draining.set(false);
        // an offer, or a fall behind, may have come after the poll but before the flag was cleared
        if ((live && queue.isEmpty() && missed.get() == 0)
            || !draining.compareAndSet(false, true)) {
          return;
        }
        continue;
      }
      sendStartedAt = System.nanoTime() | 1;
      SseFrame wire = batch.size() == 1 ? batch.get(0) : SseFrame.joined(batch);
      CompletableFuture<?> sent = sink.send(wire).toCompletableFuture();
      if (!sent.isDone()) {
        sent.whenCompleteAsync((ok, failure) -> afterSend(batch, failure), executor());
        return;
      }
      if (!sent(batch, sent.handle((ok, failure) -> failure).join())) {
        return;
      }
    }
  }

  /** What is queued, up to a batch, preceded by a notice of events dropped before it. */
  private List<SseFrame> nextBatch() {
    List<SseFrame> batch = new ArrayList<>();
    long skipped = missed.getAndSet(0);
    if (skipped > 0) {
      batch.add(SseFrame.dropped(skipped));
    }
    int bytes = 0;
    int maxBytes = live ? BATCH_BYTES : CATCH_UP_BATCH_BYTES;
    SseFrame frame;
    while (batch.size() < BATCH_FRAMES && bytes < maxBytes && (frame = next()) != null) {
      if (frame.seq() != 0) {
        if (frame.seq() <= cursor && replay != null) {
          continue; // already sent while catching up
        }
        cursor = frame.seq();
      }
      batch.add(frame);
      bytes += frame.bytes().length;
    }
    SseFrame first = preface;
    if (first != null && !batch.isEmpty()) {
      preface = null;
      batch.add(0, first); // its line joins the first event's block
    }
    return batch;
  }

  /** The next frame: from the catch-up backlog until joined, then from the live queue. */
  private SseFrame next() {
    if (live) {
      return queue.poll();
    }
    if (backlog.isEmpty() && !ended) {
      Channel.CatchUp step = replay.next(this, cursor);
      switch (step.kind()) {
        case JOINED -> {} // live again (rejoin), unless it fell behind once more meanwhile
        case ENDED -> ended = true;
        default -> backlog.addAll(step.frames());
      }
      if (live) {
        return queue.poll();
      }
    }
    return backlog.poll();
  }

  private void afterSend(List<SseFrame> batch, Throwable failure) {
    if (sent(batch, failure)) {
      drain();
    }
  }

  /** Whether to go on sending after {@code batch}. */
  private boolean sent(List<SseFrame> batch, Throwable failure) {
    sendStartedAt = 0;
    if (failure != null) {
      close(); // the client is gone
      return false;
    }
    lastSentAt = System.nanoTime();
    listener.delivered(batch);
    boolean terminal = false;
    for (SseFrame frame : batch) {
      terminal |= frame.isTerminal();
      delivered |= frame.seq() != 0;
    }
    if (terminal) {
      close();
      return false;
    }
    return true;
  }

  /**
   * The hub's periodic look: evicts the client if a send has made no progress within the send
   * timeout, else sends a heartbeat if the stream has been silent for {@code heartbeatNanos}.
   */
  void check(long now, long heartbeatNanos) {
    long started = sendStartedAt;
    if (started != 0 && now - started > limits.sendTimeout().toNanos()) {
      evict(SEND_TIMEOUT);
    } else if (started == 0 && queue.isEmpty() && now - lastSentAt >= heartbeatNanos) {
      offer(SseFrame.HEARTBEAT);
    }
  }

  public boolean isClosed() {
    return closed.get();
  }

  /** Whether the hub disconnected this client for falling behind. */
  public boolean isEvicted() {
    return evictedFor != null;
  }

  public int queued() {
    return queue.size();
  }

  public int capacity() {
    return limits.queueCapacity();
  }

  /** Disconnects a client that makes no progress, dropping its connection at once. */
  void evict(String reason) {
    end(reason, true);
  }

  public void close() {
    end(null, false);
  }

  /**
   * Ends the subscription at once: its connection is dropped ({@code abort}) or closed cleanly. The
   * first reason it was evicted for is the one counted.
   */
  private void end(String reason, boolean abort) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (evictedFor == null) {
      evictedFor = reason;
    }
    String evictedFor = this.evictedFor;
    int discarded = queue.size();
    queue.clear();
    if (discarded > 0) {
      listener.dropped(this, discarded);
    }
    if (abort && sink instanceof ServletEventSink servlet) {
      servlet.abort();
    } else {
      sink.close();
    }
    listener.closed(this, evictedFor);
  }
}
