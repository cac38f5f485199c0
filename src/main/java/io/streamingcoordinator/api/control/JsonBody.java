package io.streamingcoordinator.api.control;

import io.streamingcoordinator.api.entity.ProblemException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body as one JSON object, within a size limit. */
public final class JsonBody {

  /** Looked up once: {@code Json.*} looks the provider up on every call. */
  private static final JsonProvider JSON = JsonProvider.provider();

  private JsonBody() {}

  public static JsonObject read(InputStream body, int maxBytes) {
    byte[] bytes;
    try {
      bytes = body == null ? new byte[0] : body.readNBytes(maxBytes + 1);
    } catch (IOException e) {
      throw ProblemException.badRequest("The request body could not be read: " + e.getMessage());
    }
    if (bytes.length > maxBytes) {
      throw new ProblemException(
          413, "Content Too Large", "The body is larger than " + maxBytes + " bytes");
    }
    if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(bytes))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        throw ProblemException.badRequest("The body must be a JSON object of the task's fields");
      }
      return value.asJsonObject();
    } catch (JsonException e) {
      throw ProblemException.badRequest("The body is not valid JSON: " + e.getMessage());
    }
  }
}
