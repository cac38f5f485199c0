package io.streamingcoordinator.bench.stock;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The data of the events the product's {@code tests/SpamTask} emits, byte for byte the same fields,
 * so that the baselines carry the same bytes per event as the product.
 */
public final class SpamEvents {

  private SpamEvents() {}

  /** A {@code progress} event's data. */
  public static String progress(long taskId, int seq, int count, String payload) {
    return "{\"seq\":"
        + seq
        + ",\"count\":"
        + count
        + ",\"payload\":\""
        + payload
        + "\",\"sent_at_us\":"
        + ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now())
        + trailer(taskId);
  }

  /** The {@code complete} event's data. */
  public static String complete(long taskId, int count) {
    return "{\"final_value\":{\"sent\":" + count + "}" + trailer(taskId);
  }

  private static String trailer(long taskId) {
    return ",\"_task_id\":"
        + taskId
        + ",\"_app\":\"tests\",\"_model\":\"SpamTask\",\"_timestamp\":\""
        + Instant.now().truncatedTo(ChronoUnit.MILLIS)
        + "\"}";
  }

  /** One SSE frame. */
  public static String frame(long id, String name, String data) {
    return "id: " + id + "\nevent: " + name + "\ndata: " + data + "\n\n";
  }
}
