package io.streamingcoordinator.task.control;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.lang.reflect.Type;

/** The application's one JSON-B instance (they are costly to build and must be closed). */
@ApplicationScoped
public class JsonCodec implements AutoCloseable {

  private final Jsonb jsonb = JsonbBuilder.create();

  public String write(Object value) {
    return jsonb.toJson(value);
  }

  public Object read(String json, Type type) {
    return jsonb.fromJson(json, type);
  }

  /** Any JSON-B-writable value as a JSON-P value (null becomes JSON null). */
  public JsonValue toValue(Object value) {
    return value == null ? JsonValue.NULL : parse(write(value));
  }

  public JsonValue parse(String json) {
    if (json == null) {
      return JsonValue.NULL;
    }
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readValue();
    }
  }

  @PreDestroy
  @Override
  public void close() {
    try {
      jsonb.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing JSON-B failed", e);
    }
  }
}
