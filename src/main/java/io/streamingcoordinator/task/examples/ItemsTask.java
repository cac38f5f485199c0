package io.streamingcoordinator.task.examples;

import io.streamingcoordinator.task.entity.GeneratorTask;
import io.streamingcoordinator.task.entity.TaskContext;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.OrderColumn;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Generator-style task driven by its fields: processes each of {@code items} in turn. */
@Entity
public class ItemsTask extends GeneratorTask {

  @NotEmpty
  @Size(max = 10_000)
  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "items_task_item")
  @OrderColumn(name = "position")
  @Column(name = "item", length = 1000)
  private List<@Size(max = 1000) String> items = new ArrayList<>();

  @Min(0)
  @Max(60_000)
  private int delayMs = 50;

  @Override
  protected Stream<?> generate(TaskContext context) {
    return generate(context, 0);
  }

  /** Goes on with the item after the last one an earlier run sent. */
  @Override
  protected Stream<?> generate(TaskContext context, long done) {
    return IntStream.range((int) Math.min(done, items.size()), items.size())
        .mapToObj(
            i -> {
              context.pause(Duration.ofMillis(delayMs));
              String item = items.get(i);
              return Map.of(
                  "item", item, "result", item.toUpperCase(Locale.ROOT), "total", items.size());
            });
  }

  @Override
  protected Object result(long steps) {
    return Map.of("processed", steps);
  }

  /**
   * Each item's result depends only on the item: after a server stop it goes on from its
   * checkpoint.
   */
  @Override
  public boolean isResumable() {
    return true;
  }
}
