package io.streamingcoordinator.task.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.task.examples.ContinueTask;
import io.streamingcoordinator.task.examples.ExampleTask;
import io.streamingcoordinator.task.examples.ItemsTask;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskFieldsTest {

  final TaskFields fields = new TaskFields();

  {
    fields.json = new JsonCodec();
  }

  @AfterEach
  void close() {
    fields.json.close();
  }

  @Test
  void theFieldsOfATypeAreItsOwnInDeclarationOrderUnderTheirJsonNames() {
    assertEquals(List.of("message", "delayMs"), fields.names(ExampleTask.class));
    assertEquals(List.of("continue", "timeoutSeconds"), fields.names(ContinueTask.class));
    assertEquals(List.of("items", "delayMs"), fields.names(ItemsTask.class));
  }

  @Test
  void appliesValuesOfEveryJsonType() {
    ContinueTask task = new ContinueTask();
    fields.apply(task, json("{\"continue\":true,\"timeoutSeconds\":9}"));
    assertTrue(task.isContinued());
    assertEquals(Json.createValue(9), fields.read(task).get("timeoutSeconds"));

    ItemsTask items = new ItemsTask();
    fields.apply(items, json("{\"items\":[\"a\",\"b\"]}"));
    assertEquals(
        Json.createArrayBuilder().add("a").add("b").build(), fields.read(items).get("items"));
  }

  @Test
  void readsEveryOwnFieldAndNothingOfTheBase() {
    Map<String, JsonValue> values = fields.read(new ExampleTask());
    assertEquals(
        Map.of("message", Json.createValue("Hello"), "delayMs", Json.createValue(100)), values);
    assertFalse(values.containsKey("status"));
  }

  @Test
  void refusesUnknownAndBaseFieldsNamingTheKnownOnes() {
    InvalidTaskException unknown =
        assertThrows(
            InvalidTaskException.class, () -> fields.apply(new ExampleTask(), json("{\"x\":1}")));
    assertEquals(
        "unknown field 'x'; the fields of ExampleTask are [message, delayMs]",
        unknown.getMessage());
    assertThrows(
        InvalidTaskException.class,
        () -> fields.apply(new ExampleTask(), json("{\"status\":\"COMPLETED\"}")));
    assertThrows(
        InvalidTaskException.class, () -> fields.apply(new ExampleTask(), json("{\"id\":5}")));
  }

  @Test
  void refusesValuesOfTheWrongTypeAndChangesNothing() {
    ExampleTask task = new ExampleTask();
    InvalidTaskException wrong =
        assertThrows(
            InvalidTaskException.class,
            () -> fields.apply(task, json("{\"message\":\"set\",\"delayMs\":\"soon\"}")));
    assertTrue(wrong.getMessage().startsWith("field 'delayMs' expects int"), wrong.getMessage());
    assertEquals("Hello", task.getMessage(), "no field is set when one is invalid");
    InvalidTaskException nullPrimitive =
        assertThrows(
            InvalidTaskException.class, () -> fields.apply(task, json("{\"delayMs\":null}")));
    assertEquals("field 'delayMs' must not be null", nullPrimitive.getMessage());
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
