package io.streamingcoordinator.task.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.task.entity.StreamTask;
import io.streamingcoordinator.task.entity.TaskContext;
import io.streamingcoordinator.task.examples.ContinueTask;
import io.streamingcoordinator.task.examples.ExampleTask;
import io.streamingcoordinator.task.examples.ItemsTask;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
    assertEquals(
        "field 'delayMs' accepts a whole number from -2147483648 to 2147483647, got \"soon\"",
        wrong.getMessage());
    assertEquals("Hello", task.getMessage(), "no field is set when one is invalid");
    InvalidTaskException nullPrimitive =
        assertThrows(
            InvalidTaskException.class, () -> fields.apply(task, json("{\"delayMs\":null}")));
    assertEquals("field 'delayMs' must not be null", nullPrimitive.getMessage());
  }

  /** A task with a field of every kind the conversion knows, and one it leaves to JSON-B. */
  static class AllKinds extends StreamTask {
    enum Mode {
      FAST,
      SLOW
    }

    int anInt;
    Integer boxedInt;
    long aLong;
    Long boxedLong;
    short aShort;
    byte aByte;
    double aDouble;
    Double boxedDouble;
    float aFloat;
    boolean aBoolean;
    Boolean boxedBoolean;
    String text;
    List<String> words;
    List<Integer> numbers;
    Mode mode;
    char aChar;
    Duration duration;

    @Override
    protected Object process(TaskContext context) {
      return null;
    }
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          anInt        | 7                    | 7
          anInt        | -2147483648          | -2147483648
          anInt        | 2147483647           | 2147483647
          anInt        | 1e2                  | 100
          anInt        | 100.0                | 100
          anInt        | -0                   | 0
          boxedInt     | 3                    | 3
          boxedInt     | null                 | null
          aLong        | 9223372036854775807  | 9223372036854775807
          aLong        | -9223372036854775808 | -9223372036854775808
          boxedLong    | 5                    | 5
          aShort       | -32768               | -32768
          aByte        | 127                  | 127
          aDouble      | 1.5                  | 1.5
          aDouble      | -2e300               | -2.0E300
          aDouble      | 0                    | 0.0
          boxedDouble  | 4                    | 4.0
          aFloat       | 0.25                 | 0.25
          aBoolean     | true                 | true
          aBoolean     | false                | false
          boxedBoolean | null                 | null
          text         | "a"                  | a
          text         | ""                   | ''
          words        | ["a","b"]            | [a, b]
          words        | []                   | []
          numbers      | [1,2]                | [1, 2]
          mode         | "SLOW"               | SLOW
          aChar        | "x"                  | x
          duration     | null                 | null
          """)
  void takesValuesThatFitTheFieldExactly(String field, String value, String expected) {
    AllKinds task = new AllKinds();
    fields.apply(task, json("{\"" + field + "\":" + value + "}"));
    assertEquals(expected, String.valueOf(fieldValue(task, field)));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          anInt        | 1.5         | a whole number from -2147483648 to 2147483647, got 1.5
          anInt        | 4294967396  | a whole number from -2147483648 to 2147483647, got 4294967396
          anInt        | 2147483648  | a whole number from -2147483648 to 2147483647, got 2147483648
          anInt        | -2147483649 | a whole number from -2147483648 to 2147483647, got -2147483649
          anInt        | 1e400       | a whole number from -2147483648 to 2147483647, got 1E+400
          anInt        | 1e-400      | a whole number from -2147483648 to 2147483647, got 1E-400
          anInt        | 1e999999999 | a whole number from -2147483648 to 2147483647, got 1E+999999999
          anInt        | "100"       | a whole number from -2147483648 to 2147483647, got "100"
          anInt        | [1]         | a whole number from -2147483648 to 2147483647, got [1]
          anInt        | {}          | a whole number from -2147483648 to 2147483647, got {}
          anInt        | true        | a whole number from -2147483648 to 2147483647, got true
          boxedInt     | 0.5         | a whole number from -2147483648 to 2147483647, got 0.5
          boxedInt     | "1"         | a whole number from -2147483648 to 2147483647, got "1"
          aLong        | 9223372036854775808 | a whole number from -9223372036854775808 to 9223372036854775807, got 9223372036854775808
          aLong        | 1.25        | a whole number from -9223372036854775808 to 9223372036854775807, got 1.25
          boxedLong    | false       | a whole number from -9223372036854775808 to 9223372036854775807, got false
          aShort       | 32768       | a whole number from -32768 to 32767, got 32768
          aShort       | "1"         | a whole number from -32768 to 32767, got "1"
          aByte        | 128         | a whole number from -128 to 127, got 128
          aDouble      | 1e400       | a number between -1.8e308 and 1.8e308, got 1E+400
          aDouble      | -1e400      | a number between -1.8e308 and 1.8e308, got -1E+400
          aDouble      | 1e-400      | a number between -1.8e308 and 1.8e308, got 1E-400
          aDouble      | "1.5"       | a number between -1.8e308 and 1.8e308, got "1.5"
          boxedDouble  | [1.5]       | a number between -1.8e308 and 1.8e308, got [1.5]
          aFloat       | 1e39        | a number between -3.4e38 and 3.4e38, got 1E+39
          aBoolean     | 1           | true or false, got 1
          aBoolean     | 0           | true or false, got 0
          aBoolean     | "true"      | true or false, got "true"
          aBoolean     | [true]      | true or false, got [true]
          boxedBoolean | {}          | true or false, got {}
          text         | 1           | a string, got 1
          text         | true        | a string, got true
          text         | ["a"]       | a string, got ["a"]
          text         | {}          | a string, got {}
          words        | "a"         | a list of strings, got "a"
          words        | {}          | a list of strings, got {}
          words        | [1]         | a list of strings, got [1]
          words        | ["a",1]     | a list of strings, got ["a",1]
          words        | [null]      | a list of strings, got [null]
          words        | [["a"]]     | a list of strings, got [["a"]]
          numbers      | [1.5]       | a list of whole numbers from -2147483648 to 2147483647, got [1.5]
          numbers      | ["1"]       | a list of whole numbers from -2147483648 to 2147483647, got ["1"]
          mode         | "slow"      | one of "FAST", "SLOW", got "slow"
          mode         | 1           | one of "FAST", "SLOW", got 1
          aChar        | "two"       | a string of one character, got "two"
          aChar        | 1           | a string of one character, got 1
          """)
  void refusesEveryValueThatDoesNotFitSayingWhatTheFieldAccepts(
      String field, String value, String message) {
    AllKinds task = new AllKinds();
    InvalidTaskException refused =
        assertThrows(
            InvalidTaskException.class,
            () -> fields.apply(task, json("{\"" + field + "\":" + value + "}")));
    assertEquals("field '" + field + "' accepts " + message, refused.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"anInt", "aLong", "aShort", "aByte", "aDouble", "aFloat", "aBoolean", "aChar"})
  void nullIsRefusedForAPrimitive(String field) {
    InvalidTaskException refused =
        assertThrows(
            InvalidTaskException.class,
            () -> fields.apply(new AllKinds(), json("{\"" + field + "\":null}")));
    assertEquals("field '" + field + "' must not be null", refused.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          duration | {"a":1}
          duration | [1]
          duration | "soon"
          """)
  void otherTypesGoThroughJsonbAndTheirMessageNamesNoJavaType(String field, String value) {
    InvalidTaskException refused =
        assertThrows(
            InvalidTaskException.class,
            () -> fields.apply(new AllKinds(), json("{\"" + field + "\":" + value + "}")));
    assertEquals("field '" + field + "' does not accept " + value, refused.getMessage());
  }

  @Test
  void aLongValueIsShownCutShort() {
    String value = "\"" + "x".repeat(500) + "\"";
    InvalidTaskException refused =
        assertThrows(
            InvalidTaskException.class,
            () -> fields.apply(new AllKinds(), json("{\"anInt\":" + value + "}")));
    assertTrue(refused.getMessage().endsWith("got " + value.substring(0, 40) + "..."));
  }

  private static Object fieldValue(Object task, String name) {
    try {
      Field field = AllKinds.class.getDeclaredField(name);
      field.setAccessible(true);
      return field.get(task);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
