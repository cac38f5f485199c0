package io.streamingcoordinator.task.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

  @Test
  void directValuesAreWhatJsonbWouldWrite() {
    try (JsonCodec codec = new JsonCodec()) {
      for (Object value :
          List.of(
              true,
              false,
              "",
              "a \"quoted\" \u00e9",
              0,
              -7,
              Integer.MAX_VALUE,
              Long.MIN_VALUE,
              (short) 3)) {
        assertEquals(codec.parse(codec.write(value)), codec.toValue(value), "for " + value);
      }
    }
  }

  @Test
  void otherValuesGoThroughJsonb() {
    try (JsonCodec codec = new JsonCodec()) {
      assertEquals(codec.parse("{\"a\":[1,2]}"), codec.toValue(Map.of("a", List.of(1, 2))));
      assertEquals(codec.parse("1.5"), codec.toValue(1.5));
    }
  }
}
