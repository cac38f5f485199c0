package io.streamingcoordinator.stream.control;

import java.util.ArrayList;
import java.util.List;

/**
 * The clients of one task and its latest event, which a client that joins late receives first.
 * Publishing and joining are serialised so that no client misses or repeats an event.
 */
final class Channel {

  private final List<Subscription> subscribers = new ArrayList<>();
  private SseFrame latest;
  private long finishedAt; // System.nanoTime() of the terminal event, 0 before

  synchronized void publish(SseFrame frame) {
    latest = frame;
    if (frame.isTerminal()) {
      finishedAt = System.nanoTime() | 1;
    }
    for (Subscription subscriber : List.copyOf(subscribers)) {
      subscriber.offer(frame);
    }
    if (frame.isTerminal()) {
      subscribers.clear();
    }
  }

  synchronized void join(Subscription subscriber) {
    if (latest != null) {
      subscriber.offer(latest);
    }
    if ((latest == null || !latest.isTerminal()) && !subscriber.isClosed()) {
      subscribers.add(subscriber);
    }
  }

  synchronized void leave(Subscription subscriber) {
    subscribers.remove(subscriber);
  }

  synchronized int size() {
    return subscribers.size();
  }

  synchronized boolean isFinished() {
    return latest != null && latest.isTerminal();
  }

  /** Whether the task finished longer than {@code graceNanos} ago. */
  synchronized boolean finishedBefore(long now, long graceNanos) {
    return finishedAt != 0 && now - finishedAt > graceNanos;
  }
}
