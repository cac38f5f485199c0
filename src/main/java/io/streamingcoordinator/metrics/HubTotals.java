package io.streamingcoordinator.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of what the hub did, kept in-process whatever metrics library the server has, so
 * that the hub figures ({@code GET /hub}) are read from objects rather than from Prometheus text.
 */
public final class HubTotals {

  /** The totals at one moment; latency as a sum over writes, so a reader can take differences. */
  public record Snapshot(
      long evicted, long rejected, long delivered, long writes, long latencyNanos) {}

  private final LongAdder evicted = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder writes = new LongAdder();
  private final LongAdder latencyNanos = new LongAdder();

  void evicted() {
    evicted.increment();
  }

  void rejected() {
    rejected.increment();
  }

  /** One write of {@code events} to a client, the oldest of them published {@code nanos} ago. */
  void delivered(int events, long nanos) {
    delivered.add(events);
    writes.increment();
    latencyNanos.add(nanos);
  }

  public Snapshot snapshot() {
    return new Snapshot(
        evicted.sum(), rejected.sum(), delivered.sum(), writes.sum(), latencyNanos.sum());
  }
}
