package io.streamingcoordinator.task.control;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.lang.reflect.Type;

/** The application's one JSON-B instance (they are costly to build and must be closed). */
@ApplicationScoped
public class JsonCodec implements AutoCloseable {

  /** Looked up once: {@code Json.*} looks the provider up on every call. */
  private static final JsonProvider JSON = JsonProvider.provider();

  private final Jsonb jsonb = JsonbBuilder.create();

  public String write(Object value) {
    return jsonb.toJson(value);
  }

  public Object read(String json, Type type) {
    return jsonb.fromJson(json, type);
  }

  /** Any JSON-B-writable value as a JSON-P value (null becomes JSON null). */
  public JsonValue toValue(Object value) {
    // the common field types directly; anything else through JSON-B (a write and a parse)
    if (value == null) {
      return JsonValue.NULL;
    } else if (value instanceof Boolean flag) {
      return flag ? JsonValue.TRUE : JsonValue.FALSE;
    } else if (value instanceof String text) {
      return JSON.createValue(text);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return JSON.createValue(((Number) value).longValue());
    }
    return parse(write(value));
  }

  public JsonValue parse(String json) {
    if (json == null) {
      return JsonValue.NULL;
    }
    try (JsonReader reader = JSON.createReader(new StringReader(json))) {
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
