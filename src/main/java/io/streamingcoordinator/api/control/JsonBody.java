package io.streamingcoordinator.api.control;

import io.streamingcoordinator.api.entity.ProblemException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads a request body as one JSON object, strictly: UTF-8, within a size limit and the {@link
 * JsonLimits}, each field named once, nothing after the object. An empty body is an empty object.
 */
public final class JsonBody {

  /** Looked up once: {@code Json.*} looks the provider up on every call. */
  private static final JsonProvider JSON = JsonProvider.provider();

  private JsonBody() {}

  public static JsonObject read(InputStream body, int maxBytes) {
    byte[] bytes;
    try {
      bytes = body == null ? new byte[0] : body.readNBytes(maxBytes + 1);
    } catch (IOException e) {
      throw ProblemException.badRequest("The request body could not be read to its end");
    }
    if (bytes.length > maxBytes) {
      throw new ProblemException(
          413, "Content Too Large", "The body is larger than " + maxBytes + " bytes");
    }
    String text = utf8(bytes);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte order mark, which JSON allows a reader to ignore
    }
    if (text.isBlank()) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    JsonLimits.check(text);
    return parse(text);
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw ProblemException.badRequest("The body is not valid UTF-8 text");
    }
  }

  private static JsonObject parse(String text) {
    try (JsonParser parser = JSON.createParser(new StringReader(text))) {
      if (parser.next() != Event.START_OBJECT) {
        throw ProblemException.badRequest("The body must be a JSON object of the task's fields");
      }
      JsonObjectBuilder object = JSON.createObjectBuilder();
      Set<String> names = new HashSet<>();
      for (Event event = parser.next(); event != Event.END_OBJECT; event = parser.next()) {
        String name = parser.getString(); // the parser only gives a KEY_NAME here
        if (!names.add(name)) {
          throw ProblemException.badRequest("The body names the field '" + name + "' twice");
        }
        parser.next();
        object.add(name, parser.getValue());
      }
      if (parser.hasNext()) {
        throw ProblemException.badRequest("The body must be one JSON object with nothing after it");
      }
      return object.build();
    } catch (JsonParsingException e) {
      throw ProblemException.badRequest("The body is not valid JSON" + where(e.getLocation()));
    } catch (JsonException | NoSuchElementException | IllegalStateException e) {
      throw ProblemException.badRequest("The body is not valid JSON");
    }
  }

  private static String where(JsonLocation location) {
    if (location == null || location.getLineNumber() < 1 || location.getColumnNumber() < 1) {
      return "";
    }
    return " (line %d, column %d)".formatted(location.getLineNumber(), location.getColumnNumber());
  }
}
