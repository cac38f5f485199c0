package io.streamingcoordinator.stream.control;

import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One client of one task: a bounded queue in front of its sink, with at most one send in flight.
 * Publishers only offer to the queue and never wait; a client whose queue is full is evicted.
 */
public final class Subscription {

  private final long taskId;
  private final SseEventSink sink;
  private final ArrayBlockingQueue<SseFrame> queue;
  private final Executor executor;
  private final Consumer<Subscription> onClose;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean evicted;

  Subscription(
      long taskId,
      SseEventSink sink,
      int capacity,
      Executor executor,
      Consumer<Subscription> onClose) {
    this.taskId = taskId;
    this.sink = sink;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.executor = executor;
    this.onClose = onClose;
  }

  public long taskId() {
    return taskId;
  }

  /** Queues a frame for sending; never blocks. A full queue evicts this client. */
  void offer(SseFrame frame) {
    if (closed.get()) {
      return;
    }
    if (!queue.offer(frame)) {
      evicted = true;
      close();
      return;
    }
    if (draining.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        close();
      }
    }
  }

  private void drain() {
    while (!closed.get()) {
      SseFrame frame = queue.poll();
      if (frame == null) {
        draining.set(false);
        // an offer may have come after the poll but before the flag was cleared
        if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
          return;
        }
        continue;
      }
      CompletableFuture<?> sent = sink.send(frame).toCompletableFuture();
      if (!sent.isDone()) {
        sent.whenCompleteAsync((ok, failure) -> afterSend(frame, failure), executor);
        return;
      }
      if (!sent(frame, sent.handle((ok, failure) -> failure).join())) {
        return;
      }
    }
  }

  private void afterSend(SseFrame frame, Throwable failure) {
    if (sent(frame, failure)) {
      drain();
    }
  }

  /** Whether to go on sending after {@code frame}. */
  private boolean sent(SseFrame frame, Throwable failure) {
    if (failure != null || frame.isTerminal()) {
      close();
      return false;
    }
    return true;
  }

  public boolean isClosed() {
    return closed.get();
  }

  /** Whether this client was disconnected because it fell a whole queue behind. */
  public boolean isEvicted() {
    return evicted;
  }

  public int queued() {
    return queue.size();
  }

  public void close() {
    if (closed.compareAndSet(false, true)) {
      queue.clear();
      sink.close();
      onClose.accept(this);
    }
  }
}
