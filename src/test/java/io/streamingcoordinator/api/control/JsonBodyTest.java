package io.streamingcoordinator.api.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.api.entity.Problem;
import io.streamingcoordinator.api.entity.ProblemException;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyTest {

  private static final int MAX_BYTES = 1024 * 1024;

  @Test
  void readsOneObjectAndTakesAnEmptyBodyAsNoFields() {
    assertEquals(
        "{\"message\":\"hi\",\"items\":[\"a\",{\"b\":[1.5]}]}",
        read("\uFEFF {\"message\":\"hi\",\"items\":[\"a\",{\"b\":[1.5]}]} \r\n").toString());
    assertTrue(read("").isEmpty());
    assertTrue(read(" \n\t").isEmpty());
  }

  @Test
  void nestingUpToTheLimitIsFineOneLevelMoreIsNot() {
    int inside = JsonLimits.MAX_DEPTH - 1; // the body's own object is the first level
    read("{\"a\":" + "[".repeat(inside) + "]".repeat(inside) + "}");
    assertEquals(
        "The body nests objects and arrays more than 32 levels deep",
        refused("{\"a\":" + "[".repeat(inside + 1) + "]".repeat(inside + 1) + "}"));
    assertEquals(
        "The body nests objects and arrays more than 32 levels deep", refused("[".repeat(100_000)));
    // brackets inside strings are text
    read("{\"a\":\"" + "[{".repeat(1000) + "\\\"\"}");
  }

  @Test
  void numbersUpToTheLimitAreFineLongerOnesAreNot() {
    read("{\"a\":" + "1".repeat(JsonLimits.MAX_NUMBER_LENGTH) + "}");
    read("{\"a\":-1.5e-300}");
    assertEquals(
        "The body has a number longer than 100 characters",
        refused("{\"a\":" + "1".repeat(JsonLimits.MAX_NUMBER_LENGTH + 1) + "}"));
    assertEquals(
        "The body has a number longer than 100 characters",
        refused("{\"a\":[0." + "0".repeat(5000) + "1]}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{\"a\":1} xyz", "{}{}", "{} {\"a\":1}", "{}]", "{}}", "{} 1", "{}\u0000"})
  void refusesAnythingAfterTheObject(String body) {
    assertTrue(refused(body).startsWith("The body must be one JSON object with nothing after it"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          []                     | The body must be a JSON object of the task's fields
          "text"                 | The body must be a JSON object of the task's fields
          123                    | The body must be a JSON object of the task's fields
          null                   | The body must be a JSON object of the task's fields
          {"a":1,"a":2}          | The body names the field 'a' twice
          {"a":                  | The body is not valid JSON
          {'a':1}                | The body is not valid JSON
          {"a":NaN}              | The body is not valid JSON
          {"a":01}               | The body is not valid JSON
          {"a":1,}               | The body is not valid JSON
          nul                    | The body is not valid JSON
          """)
  void refusesWhatIsNotOneJsonObject(String body, String detail) {
    assertTrue(refused(body).startsWith(detail), () -> refused(body));
  }

  @Test
  void refusesBytesThatAreNotUtf8AndBodiesOverTheLimit() {
    byte[] latin1 = "{\"a\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("The body is not valid UTF-8 text", problem(latin1, MAX_BYTES).detail());
    byte[] surrogate = {
      '{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'
    };
    assertEquals("The body is not valid UTF-8 text", problem(surrogate, MAX_BYTES).detail());
    Problem tooLarge = problem("{\"a\":\"0123456789\"}".getBytes(StandardCharsets.UTF_8), 10);
    assertEquals(413, tooLarge.status());
    assertEquals("The body is larger than 10 bytes", tooLarge.detail());
  }

  @Test
  void noDetailNamesJavaCode() {
    for (String body : new String[] {"{\"a\":", "{]", "[".repeat(5000), "{\"a\":tru}", "\u0000"}) {
      String detail = refused(body);
      assertTrue(!detail.matches("(?s).*(java|jakarta|Exception|org\\.|parsson).*"), detail);
    }
  }

  private static JsonObject read(String body) {
    return JsonBody.read(
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), MAX_BYTES);
  }

  private static String refused(String body) {
    Problem problem = problem(body.getBytes(StandardCharsets.UTF_8), MAX_BYTES);
    assertEquals(400, problem.status());
    return problem.detail();
  }

  private static Problem problem(byte[] body, int maxBytes) {
    return assertThrows(
            ProblemException.class, () -> JsonBody.read(new ByteArrayInputStream(body), maxBytes))
        .problem();
  }
}
