package io.streamingcoordinator.metrics;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one log line through per interval and counts the ones it held back, so that a burst of slow
 * clients or a failing database yields a line every few seconds, not one per event.
 */
public final class LogThrottle {

  private final long intervalNanos;
  private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong held = new AtomicLong();

  public LogThrottle(long intervalNanos) {
    this.intervalNanos = intervalNanos;
  }

  /**
   * @return -1 if this line is held back, else how many were held back since the last one
   */
  public long admit(long nowNanos) {
    long due = next.get();
    if ((due == Long.MIN_VALUE || nowNanos - due >= 0)
        && next.compareAndSet(due, nowNanos + intervalNanos)) {
      return held.getAndSet(0);
    }
    held.incrementAndGet();
    return -1;
  }
}
