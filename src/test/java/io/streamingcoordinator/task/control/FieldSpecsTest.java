package io.streamingcoordinator.task.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.task.examples.ContinueTask;
import io.streamingcoordinator.task.examples.ExampleTask;
import io.streamingcoordinator.task.examples.FetchTask;
import io.streamingcoordinator.task.examples.ItemsTask;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the start form learns of each field: type, default and declared bounds. */
class FieldSpecsTest {

  final FieldSpecs specs = new FieldSpecs();

  {
    specs.fields = new TaskFields();
    specs.fields.json = new JsonCodec();
  }

  @AfterEach
  void close() {
    specs.fields.json.close();
  }

  @Test
  void numbersAndTextCarryTheirBoundsAndDefaults() {
    List<JsonObject> example = specs.of(ExampleTask.class);
    assertEquals(
        List.of("message", "delayMs"), example.stream().map(s -> s.getString("name")).toList());
    JsonObject message = example.get(0);
    assertEquals("string", message.getString("type"));
    assertEquals(1000, message.getInt("max_length"));
    assertTrue(message.getBoolean("required"));
    assertEquals("Hello", message.getString("default"));
    JsonObject delay = example.get(1);
    assertEquals("integer", delay.getString("type"));
    assertEquals(0, delay.getInt("minimum"));
    assertEquals(60_000, delay.getInt("maximum"));
    assertEquals(100, delay.getInt("default"));
    assertFalse(delay.containsKey("required"), "a primitive is never null");
  }

  @Test
  void flagsListsAndPatterns() {
    List<JsonObject> continueTask = specs.of(ContinueTask.class);
    JsonObject flag = continueTask.get(0);
    assertEquals("continue", flag.getString("name"));
    assertEquals("boolean", flag.getString("type"));
    assertFalse(flag.getBoolean("default"));
    assertEquals(5, continueTask.get(1).getInt("default"));

    JsonObject items = specs.of(ItemsTask.class).get(0);
    assertEquals("list", items.getString("type"));
    assertEquals("string", items.getString("items"));
    assertEquals(10_000, items.getInt("max_items"));
    assertTrue(items.getBoolean("non_empty"));

    JsonObject url = specs.of(FetchTask.class).get(0);
    assertEquals("https?://.+", url.getString("pattern"));
    assertTrue(url.isNull("default"));
  }

  @Test
  void aWholeNumberWithoutBoundsHasItsTypesRange() {
    JsonObject spec =
        specs.of(Unbounded.class).stream()
            .filter(s -> s.getString("name").equals("n"))
            .findFirst()
            .orElseThrow();
    assertEquals(Long.MIN_VALUE, spec.getJsonNumber("minimum").longValue());
    assertEquals(Long.MAX_VALUE, spec.getJsonNumber("maximum").longValue());
    assertFalse(spec.getBoolean("required"));
  }

  /** A task type of one's own with an unbounded boxed field. */
  public static class Unbounded extends io.streamingcoordinator.task.entity.StreamTask {
    Long n;

    @Override
    protected Object process(io.streamingcoordinator.task.entity.TaskContext context) {
      return null;
    }
  }
}
