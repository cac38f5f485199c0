package io.streamingcoordinator.stream.control;

import io.streamingcoordinator.config.StreamSettings.ClientLimits;
import io.streamingcoordinator.config.StreamSettings.Overflow;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client of one task: a bounded queue in front of its sink, with at most one send in flight.
 * Publishers only offer to the queue and never wait. When the queue is full the overflow policy
 * applies: evict the client, or drop its oldest events and tell it how many it missed.
 */
public final class Subscription {

  /** What the hub hears from a subscription. */
  interface Listener {
    /** A batch of frames was written to the client. */
    void delivered(List<SseFrame> batch);

    void dropped(Subscription subscription, long events);

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
  private final Replay replay; // null: not resuming
  private final ArrayDeque<SseFrame> backlog = new ArrayDeque<>();
  private volatile boolean live;
  private volatile boolean ended;
  private volatile long cursor; // the id of the last event taken for sending

  /** A live client whose sends and other work all run on {@code executor}. */
  Subscription(
      long taskId, SseEventSink sink, ClientLimits limits, Executor executor, Listener listener) {
    this(taskId, sink, limits, executor, executor, listener, null, 0);
  }

  /**
   * A client resuming after event {@code resumeAfter} (without {@code replay}: a live client). Its
   * sends run on {@code executor} (they never block); its catch-up, which may read the database,
   * and the closing of its connection when it is evicted run on {@code background}, so that neither
   * holds up the sends to other clients nor the task publishing.
   */
  Subscription(
      long taskId,
      SseEventSink sink,
      ClientLimits limits,
      Executor executor,
      Executor background,
      Listener listener,
      Replay replay,
      long resumeAfter) {
    this.replay = replay;
    this.live = replay == null;
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

  /** Queues a frame for sending; never blocks. */
  void offer(SseFrame frame) {
    if (closed.get()) {
      return;
    }
    while (!queue.offer(frame)) {
      if (limits.overflow() == Overflow.EVICT) {
        // on the publishing thread: stop queueing now, close the connection in the background
        // (a thousand clients evicted at once must not stall the task)
        end(QUEUE_FULL, background);
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
      List<SseFrame> batch = nextBatch();
      if (batch.isEmpty() && ended) {
        close(); // a resumed stream of a finished task: everything was sent
        return;
      }
      if (batch.isEmpty()) {
        draining.set(false);
        // an offer may have come after the poll but before the flag was cleared
        if ((queue.isEmpty() && missed.get() == 0) || !draining.compareAndSet(false, true)) {
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
    SseFrame frame;
    while (batch.size() < BATCH_FRAMES && bytes < BATCH_BYTES && (frame = next()) != null) {
      if (frame.seq() != 0) {
        if (frame.seq() <= cursor && replay != null) {
          continue; // already sent while catching up
        }
        cursor = frame.seq();
      }
      batch.add(frame);
      bytes += frame.bytes().length;
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
        case JOINED -> live = true;
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

  /** Disconnects a client that fell behind, dropping its connection at once. */
  void evict(String reason) {
    end(reason, null);
  }

  public void close() {
    end(null, null);
  }

  /** Ends the subscription at once; its connection is closed on {@code closer}, or here if null. */
  private void end(String evictedFor, Executor closer) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    this.evictedFor = evictedFor;
    int discarded = queue.size();
    queue.clear();
    if (discarded > 0) {
      listener.dropped(this, discarded);
    }
    Runnable release =
        () -> {
          if (evictedFor != null && sink instanceof ServletEventSink servlet) {
            servlet.abort();
          } else {
            sink.close();
          }
          listener.closed(this, evictedFor);
        };
    if (closer == null) {
      release.run();
      return;
    }
    try {
      closer.execute(release);
    } catch (RejectedExecutionException stopping) {
      release.run();
    }
  }
}
