package io.streamingcoordinator.task.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * What one task field accepts from JSON, in plain words, and the strict conversion to its Java
 * type: a value is taken only if it fits the type exactly, never rounded, wrapped, parsed from a
 * string or defaulted. Messages name the field and what it accepts, never a Java type. One class
 * over 200 lines because it is one table: each kind of field is a few lines beside the others.
 */
final class FieldInput {

  /** Returned by a conversion that refuses the value. */
  private static final Object REFUSED = new Object();

  private static final int SHOWN_CHARS = 40;

  /** What the field accepts ("a whole number from 0 to 9"); null: what JSON-B makes of it. */
  private final String accepts;

  /** The same for each item of a list ("whole numbers from 0 to 9"). */
  private final String each;

  private final boolean primitive;
  private final Function<JsonValue, Object> conversion;

  private FieldInput(
      String accepts, String each, boolean primitive, Function<JsonValue, Object> conversion) {
    this.accepts = accepts;
    this.each = each;
    this.primitive = primitive;
    this.conversion = conversion;
  }

  static FieldInput of(Type type, JsonCodec json) {
    FieldInput known = known(type);
    if (known != null) {
      return known;
    }
    boolean primitive = type instanceof Class<?> c && c.isPrimitive();
    return new FieldInput(null, null, primitive, value -> viaJsonb(json, value, type));
  }

  /** The value for the field named {@code name}, or an {@link InvalidTaskException}. */
  Object convert(String name, JsonValue value) {
    if (value.getValueType() == JsonValue.ValueType.NULL) {
      if (primitive) {
        throw new InvalidTaskException("field '%s' must not be null".formatted(name));
      }
      return null;
    }
    Object converted = conversion.apply(value);
    if (converted != REFUSED) {
      return converted;
    }
    throw new InvalidTaskException(
        accepts == null
            ? "field '%s' does not accept %s".formatted(name, shown(value))
            : "field '%s' accepts %s, got %s".formatted(name, accepts, shown(value)));
  }

  private static FieldInput known(Type type) {
    if (type instanceof ParameterizedType list && isList(list.getRawType())) {
      FieldInput item = known(list.getActualTypeArguments()[0]);
      return item == null || item.each == null ? null : listOf(item);
    }
    if (!(type instanceof Class<?> c)) {
      return null;
    }
    if (c == int.class || c == Integer.class) {
      return whole(c, Integer.MIN_VALUE, Integer.MAX_VALUE, n -> (int) n);
    } else if (c == long.class || c == Long.class) {
      return whole(c, Long.MIN_VALUE, Long.MAX_VALUE, n -> n);
    } else if (c == short.class || c == Short.class) {
      return whole(c, Short.MIN_VALUE, Short.MAX_VALUE, n -> (short) n);
    } else if (c == byte.class || c == Byte.class) {
      return whole(c, Byte.MIN_VALUE, Byte.MAX_VALUE, n -> (byte) n);
    } else if (c == double.class || c == Double.class) {
      return decimal(c, "1.8e308", d -> d.doubleValue());
    } else if (c == float.class || c == Float.class) {
      return decimal(c, "3.4e38", d -> d.floatValue());
    } else if (c == boolean.class || c == Boolean.class) {
      return new FieldInput("true or false", "true or false", c.isPrimitive(), FieldInput::flag);
    } else if (c == String.class) {
      return new FieldInput(
          "a string", "strings", false, v -> v instanceof JsonString s ? s.getString() : REFUSED);
    } else if (c == char.class || c == Character.class) {
      return new FieldInput(
          "a string of one character",
          "strings of one character",
          c.isPrimitive(),
          v ->
              v instanceof JsonString s && s.getString().length() == 1
                  ? s.getString().charAt(0)
                  : REFUSED);
    } else if (c.isEnum()) {
      return oneOf(c.getEnumConstants());
    }
    return null;
  }

  private static FieldInput whole(Class<?> type, long min, long max, LongFunction<Object> narrow) {
    BigDecimal low = BigDecimal.valueOf(min);
    BigDecimal high = BigDecimal.valueOf(max);
    String range = "from %d to %d".formatted(min, max);
    return new FieldInput(
        "a whole number " + range,
        "whole numbers " + range,
        type.isPrimitive(),
        value -> {
          if (!(value instanceof JsonNumber number)) {
            return REFUSED;
          }
          // range first: comparing is cheap even for 1e999999999, converting it is not
          BigDecimal exact = number.bigDecimalValue();
          if (exact.compareTo(low) < 0 || exact.compareTo(high) > 0) {
            return REFUSED;
          }
          if (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
            return REFUSED; // a fraction: never rounded
          }
          return narrow.apply(exact.longValueExact());
        });
  }

  private static FieldInput decimal(
      Class<?> type, String limit, Function<BigDecimal, Number> toType) {
    String range = "between -%s and %s".formatted(limit, limit);
    return new FieldInput(
        "a number " + range,
        "numbers " + range,
        type.isPrimitive(),
        value -> {
          if (!(value instanceof JsonNumber number)) {
            return REFUSED;
          }
          BigDecimal exact = number.bigDecimalValue();
          Number converted = toType.apply(exact);
          double d = converted.doubleValue();
          boolean lost = Double.isInfinite(d) || (d == 0 && exact.signum() != 0);
          return lost ? REFUSED : converted;
        });
  }

  private static Object flag(JsonValue value) {
    if (value.getValueType() == JsonValue.ValueType.TRUE) {
      return Boolean.TRUE;
    } else if (value.getValueType() == JsonValue.ValueType.FALSE) {
      return Boolean.FALSE;
    }
    return REFUSED;
  }

  private static FieldInput oneOf(Object[] constants) {
    List<String> names = Arrays.stream(constants).map(c -> ((Enum<?>) c).name()).toList();
    String choice = names.stream().map(n -> '"' + n + '"').collect(Collectors.joining(", "));
    return new FieldInput(
        "one of " + choice,
        "each one of " + choice,
        false,
        value -> {
          int index = value instanceof JsonString s ? names.indexOf(s.getString()) : -1;
          return index < 0 ? REFUSED : constants[index];
        });
  }

  private static FieldInput listOf(FieldInput item) {
    return new FieldInput(
        "a list of " + item.each,
        null,
        false,
        value -> {
          if (!(value instanceof JsonArray array)) {
            return REFUSED;
          }
          List<Object> items = new ArrayList<>(array.size());
          for (JsonValue element : array) {
            Object converted =
                element.getValueType() == JsonValue.ValueType.NULL
                    ? REFUSED
                    : item.conversion.apply(element);
            if (converted == REFUSED) {
              return REFUSED;
            }
            items.add(converted);
          }
          return items;
        });
  }

  private static boolean isList(Type raw) {
    return raw == List.class || raw == Collection.class || raw == ArrayList.class;
  }

  private static Object viaJsonb(JsonCodec json, JsonValue value, Type type) {
    try {
      return json.read(value.toString(), type);
    } catch (JsonbException | ClassCastException | IllegalArgumentException e) {
      return REFUSED;
    }
  }

  /** The value as the client wrote it in JSON, cut short if long. */
  private static String shown(JsonValue value) {
    String text = value.toString();
    if (text.length() <= SHOWN_CHARS) {
      return text;
    }
    int end = SHOWN_CHARS;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "...";
  }
}
