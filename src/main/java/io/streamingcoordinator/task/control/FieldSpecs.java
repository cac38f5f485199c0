package io.streamingcoordinator.task.control;

import io.streamingcoordinator.task.entity.StreamTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What each of a task type's fields accepts, for a form to offer it: its JSON type, the value a new
 * task has, and the Bean Validation bounds declared on the field. Class-wide rules (such as
 * SpamTask's total size) are not described: the API's 400 answer names them.
 */
@ApplicationScoped
public class FieldSpecs {

  /** Looked up once: {@code Json.*} looks the provider up on every call. */
  private static final JsonProvider JSON = JsonProvider.provider();

  private static final Map<Class<?>, long[]> WHOLE =
      Map.of(
          int.class, new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
          Integer.class, new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
          long.class, new long[] {Long.MIN_VALUE, Long.MAX_VALUE},
          Long.class, new long[] {Long.MIN_VALUE, Long.MAX_VALUE},
          short.class, new long[] {Short.MIN_VALUE, Short.MAX_VALUE},
          Short.class, new long[] {Short.MIN_VALUE, Short.MAX_VALUE},
          byte.class, new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE},
          Byte.class, new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE});

  @Inject TaskFields fields;

  /** One object per field, in declaration order. */
  public List<JsonObject> of(Class<? extends StreamTask> type) {
    Map<String, JsonValue> defaults = fields.read(newTask(type));
    List<JsonObject> specs = new ArrayList<>();
    fields
        .declared(type)
        .forEach((name, field) -> specs.add(spec(name, field, defaults.get(name))));
    return specs;
  }

  private static JsonObject spec(String name, Field field, JsonValue value) {
    JsonObjectBuilder spec = JSON.createObjectBuilder().add("name", name);
    Class<?> type = field.getType();
    long[] range = WHOLE.get(type);
    if (range != null) {
      spec.add("type", "integer");
      spec.add("minimum", minimum(field, range[0]));
      spec.add(
          "maximum",
          field.isAnnotationPresent(Max.class) ? field.getAnnotation(Max.class).value() : range[1]);
    } else if (type == double.class
        || type == Double.class
        || type == float.class
        || type == Float.class) {
      spec.add("type", "number");
    } else if (type == boolean.class || type == Boolean.class) {
      spec.add("type", "boolean");
    } else if (type == String.class || type == char.class || type == Character.class) {
      spec.add("type", "string");
      size(field, spec, "min_length", "max_length");
    } else if (type.isEnum()) {
      spec.add("type", "string");
      spec.add(
          "one_of",
          JSON.createArrayBuilder(
              Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList()));
    } else if (List.class.isAssignableFrom(type)
        && field.getGenericType() instanceof ParameterizedType list
        && list.getActualTypeArguments()[0] == String.class) {
      spec.add("type", "list");
      spec.add("items", "string");
      size(field, spec, "min_items", "max_items");
    } else {
      spec.add("type", "json");
    }
    if (!type.isPrimitive()) {
      spec.add(
          "required",
          field.isAnnotationPresent(NotNull.class)
              || field.isAnnotationPresent(NotEmpty.class)
              || field.isAnnotationPresent(NotBlank.class));
    }
    if (field.isAnnotationPresent(NotEmpty.class) || field.isAnnotationPresent(NotBlank.class)) {
      spec.add("non_empty", true);
    }
    Pattern pattern = field.getAnnotation(Pattern.class);
    if (pattern != null) {
      spec.add("pattern", pattern.regexp());
    }
    spec.add("default", value == null ? JsonValue.NULL : value);
    return spec.build();
  }

  private static long minimum(Field field, long typeMinimum) {
    if (field.isAnnotationPresent(Min.class)) {
      return field.getAnnotation(Min.class).value();
    } else if (field.isAnnotationPresent(Positive.class)) {
      return 1;
    } else if (field.isAnnotationPresent(PositiveOrZero.class)) {
      return 0;
    }
    return typeMinimum;
  }

  private static void size(Field field, JsonObjectBuilder spec, String min, String max) {
    Size size = field.getAnnotation(Size.class);
    if (size != null) {
      if (size.min() > 0) {
        spec.add(min, size.min());
      }
      if (size.max() < Integer.MAX_VALUE) {
        spec.add(max, size.max());
      }
    }
  }

  private static StreamTask newTask(Class<? extends StreamTask> type) {
    try {
      return type.getDeclaredConstructor().newInstance();
    } catch (InvocationTargetException
        | InstantiationException
        | IllegalAccessException
        | NoSuchMethodException e) {
      throw new IllegalStateException("cannot create a " + type.getSimpleName(), e);
    }
  }
}
