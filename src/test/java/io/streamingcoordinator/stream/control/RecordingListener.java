package io.streamingcoordinator.stream.control;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Records what subscriptions tell the hub. */
class RecordingListener implements Subscription.Listener {

  final List<String> delivered = new CopyOnWriteArrayList<>();
  final AtomicLong dropped = new AtomicLong();
  final List<Integer> queueHigh = new CopyOnWriteArrayList<>();
  final List<String> closed = new CopyOnWriteArrayList<>();
  final AtomicLong fellBehind = new AtomicLong();

  @Override
  public void delivered(List<SseFrame> batch) {
    batch.forEach(frame -> delivered.add(frame.getId()));
  }

  @Override
  public void dropped(Subscription subscription, long events) {
    dropped.addAndGet(events);
  }

  @Override
  public void fellBehind(Subscription subscription, int discarded) {
    fellBehind.incrementAndGet();
  }

  @Override
  public void queueHigh(Subscription subscription, int depth) {
    queueHigh.add(depth);
  }

  @Override
  public void closed(Subscription subscription, String evictedFor) {
    closed.add(evictedFor == null ? "closed" : evictedFor);
  }
}
