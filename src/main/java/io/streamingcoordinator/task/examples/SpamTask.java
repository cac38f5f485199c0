package io.streamingcoordinator.task.examples;

import io.streamingcoordinator.task.entity.StreamTask;
import io.streamingcoordinator.task.entity.TaskContext;
import jakarta.persistence.Entity;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Load generator: {@code count} events of {@code size} payload bytes, one every {@code delayMs}
 * (paced against the start, so slow emits do not stretch the run), the first after {@code
 * startDelayMs}. With {@code hold} it first waits until a PATCH clears it, so that clients can
 * connect before the burst. Each event carries the time it was emitted ({@code sent_at_us},
 * microseconds since the epoch) for latency measurements.
 */
@Entity
public class SpamTask extends StreamTask {

  private static final Duration MAX_HOLD = Duration.ofHours(1);
  private static final long MAX_TOTAL_BYTES = 1_000_000_000;
  private static final String SENT = "sent";

  // within streaming.events.max-per-task and, with the event's other fields, max-bytes (defaults)
  @Min(1)
  @Max(1_000_000)
  private int count = 1000;

  @Min(0)
  @Max(60_000)
  private int size = 100;

  @Min(0)
  @Max(60_000)
  private int delayMs;

  @Min(0)
  @Max(600_000)
  private int startDelayMs;

  private boolean hold;

  @Override
  protected Object process(TaskContext context) {
    if (hold && !context.await(SpamTask.class, MAX_HOLD, task -> !task.isHeld())) {
      return Map.of("sent", 0);
    }
    String payload = "x".repeat(size);
    if (startDelayMs > 0) {
      context.pause(Duration.ofMillis(startDelayMs));
    }
    // a run after a server stop or crash goes on after the last event the log kept
    int sent = context.checkpoint().map(saved -> saved.getInt(SENT, 0)).orElse(0);
    long start = System.nanoTime();
    for (int i = sent + 1; i <= count; i++) {
      if (delayMs > 0) {
        long due = start + TimeUnit.MILLISECONDS.toNanos((long) (i - sent) * delayMs);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          context.pause(Duration.ofNanos(wait));
        }
      }
      context.emit(
          "progress",
          Map.of("seq", i, "count", count, "payload", payload, "sent_at_us", now()),
          Map.of(SENT, i));
    }
    return Map.of("sent", count);
  }

  /** One task's whole output stays bounded, not only each event. */
  @AssertTrue(message = "count × size, the task's payload in all, is at most 1,000,000,000 bytes")
  public boolean isWithinTotal() {
    return (long) count * size <= MAX_TOTAL_BYTES;
  }

  private static long now() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }

  public boolean isHeld() {
    return hold;
  }

  /** Its output depends only on its fields: after a server stop it goes on from its checkpoint. */
  @Override
  public boolean isResumable() {
    return true;
  }
}
