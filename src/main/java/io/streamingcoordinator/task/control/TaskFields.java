package io.streamingcoordinator.task.control;

import io.streamingcoordinator.task.entity.StreamTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.persistence.Transient;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A task type's own fields (those declared below {@link StreamTask}): the input a client sets in
 * JSON when it creates or patches a task. Base fields such as {@code status} are never writable.
 */
@ApplicationScoped
public class TaskFields {

  @Inject JsonCodec json;

  private final Map<Class<?>, Map<String, Field>> byType = new ConcurrentHashMap<>();
  private final Map<Field, FieldInput> inputs = new ConcurrentHashMap<>();

  /** Field names as the API spells them, in declaration order. */
  public List<String> names(Class<? extends StreamTask> type) {
    return List.copyOf(fields(type).keySet());
  }

  /** The fields by their API names, in declaration order. */
  Map<String, Field> declared(Class<? extends StreamTask> type) {
    return fields(type);
  }

  /** Sets every field named in {@code body} on {@code task}; nothing is set if any is invalid. */
  public void apply(StreamTask task, JsonObject body) {
    Map<String, Field> fields = fields(task.getClass());
    Map<Field, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> entry : body.entrySet()) {
      Field field = fields.get(entry.getKey());
      if (field == null) {
        throw new InvalidTaskException(
            "unknown field '%s'; the fields of %s are %s"
                .formatted(entry.getKey(), task.getClass().getSimpleName(), fields.keySet()));
      }
      values.put(field, convert(entry.getKey(), field, entry.getValue()));
    }
    values.forEach((field, value) -> set(field, task, value));
  }

  /** The task's own fields as JSON values. */
  public Map<String, JsonValue> read(StreamTask task) {
    Map<String, JsonValue> values = new LinkedHashMap<>();
    fields(task.getClass())
        .forEach((name, field) -> values.put(name, json.toValue(get(field, task))));
    return values;
  }

  private Object convert(String name, Field field, JsonValue value) {
    return inputs
        .computeIfAbsent(field, f -> FieldInput.of(f.getGenericType(), json))
        .convert(name, value);
  }

  private Map<String, Field> fields(Class<?> type) {
    return byType.computeIfAbsent(type, TaskFields::ownFields);
  }

  private static Map<String, Field> ownFields(Class<?> type) {
    List<Class<?>> chain = new ArrayList<>();
    for (Class<?> c = type; c != null && c != StreamTask.class; c = c.getSuperclass()) {
      chain.add(c);
    }
    Collections.reverse(chain);
    Map<String, Field> fields = new LinkedHashMap<>();
    for (Class<?> c : chain) {
      for (Field field : c.getDeclaredFields()) {
        if (isInput(field)) {
          field.setAccessible(true);
          fields.put(apiName(field), field);
        }
      }
    }
    return Collections.unmodifiableMap(fields);
  }

  private static boolean isInput(Field field) {
    int modifiers = field.getModifiers();
    return !Modifier.isStatic(modifiers)
        && !Modifier.isTransient(modifiers)
        && !field.isSynthetic()
        && !field.isAnnotationPresent(Transient.class)
        // fields added by the JPA provider's bytecode weaving
        && !field.getName().startsWith("_persistence");
  }

  private static String apiName(Field field) {
    JsonbProperty property = field.getAnnotation(JsonbProperty.class);
    return property != null && !property.value().isEmpty() ? property.value() : field.getName();
  }

  private static Object get(Field field, Object target) {
    try {
      return field.get(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void set(Field field, Object target, Object value) {
    try {
      field.set(target, value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
