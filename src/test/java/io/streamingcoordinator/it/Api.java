package io.streamingcoordinator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamingcoordinator.security.entity.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small typed client of the REST API over real HTTP, for the integration tests. It calls as an
 * admin ({@link TestIdentity}) unless made to call as another role or anonymously.
 */
final class Api {

  final URI base;
  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String token; // null: anonymous

  Api(URL base) {
    this(
        URI.create(base.toString().endsWith("/") ? base.toString() : base + "/"),
        TestIdentity.token(Role.ADMIN));
  }

  private Api(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  /** The same API called as a caller holding just {@code role}. */
  Api as(String role) {
    return withToken(TestIdentity.token(role));
  }

  /** The same API called with {@code token} as the bearer token (null: none). */
  Api withToken(String token) {
    return new Api(base, token);
  }

  Api anonymous() {
    return withToken(null);
  }

  /** A request to {@code uri} with this API's credentials. */
  HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  /** The header line a raw HTTP request sends for these credentials (empty if anonymous). */
  String authorizationLine() {
    return token == null ? "" : "Authorization: Bearer " + token + "\r\n";
  }

  /** Creates a task and checks the 201; returns its JSON state. */
  JsonObject create(String type, String fields) {
    HttpResponse<String> response = send("POST", "tasks/" + type, fields);
    assertEquals(201, response.statusCode(), response::body);
    return json(response);
  }

  JsonObject createPending(String type, String fields) {
    HttpResponse<String> response = send("POST", "tasks/" + type + "?start=false", fields);
    assertEquals(201, response.statusCode(), response::body);
    return json(response);
  }

  JsonObject read(String type, long id) {
    HttpResponse<String> response = send("GET", "tasks/" + type + "/" + id, null);
    assertEquals(200, response.statusCode(), response::body);
    return json(response);
  }

  JsonObject patch(String type, long id, String fields) {
    HttpResponse<String> response = send("PATCH", "tasks/" + type + "/" + id, fields);
    assertEquals(200, response.statusCode(), response::body);
    return json(response);
  }

  EventStream stream(String type, long id) {
    return stream("stream/" + type + "/" + id);
  }

  EventStream stream(String path) {
    return EventStream.open(
        http, request(base.resolve(path)).header("Accept", "text/event-stream").build());
  }

  /** Reconnects to a stream as EventSource does, naming the last event received. */
  EventStream resume(String path, Object lastEventId) {
    return EventStream.open(
        http,
        request(base.resolve(path))
            .header("Accept", "text/event-stream")
            .header("Last-Event-ID", String.valueOf(lastEventId))
            .build());
  }

  HttpResponse<String> send(String method, String path, String body) {
    return http(method, path, body, body == null ? null : "application/json");
  }

  /** A request with a body of the given content type (none if null). */
  HttpResponse<String> http(String method, String path, String body, String contentType) {
    HttpRequest.Builder request = request(base.resolve(path)).timeout(Duration.ofSeconds(30));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sends any request; a failed exchange is an unchecked exception. */
  <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
    try {
      return http.send(request, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The server's heap used after a full GC, in bytes (needs {@link TestSupport} deployed). */
  long heap() {
    return Long.parseLong(send("GET", "test-support/heap", null).body().trim());
  }

  double metric(String name) {
    return metric(name, "");
  }

  /** The application's metrics as the server's Prometheus scrape gives them. */
  String metricsText() {
    return send("GET", TestServer.metrics(base).toString(), null).body();
  }

  /** A value of the application's metrics (0 if absent), by name and one of its labels. */
  double metric(String name, String label) {
    Matcher matcher = series(name, label).matcher(metricsText());
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  /**
   * A line of a Prometheus scrape: the series {@code name} with {@code label}; group 1 its value.
   */
  static Pattern series(String name, String label) {
    return Pattern.compile(
        "^" + Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(label) + "[^}]*} ([0-9.eE+-]+)$",
        Pattern.MULTILINE);
  }

  /**
   * Sends a body over the size limit and checks it is refused: a {@code 413} problem, or — as the
   * server stops reading at the limit and closes the connection — a connection closed while the
   * client was still sending, before it could read that answer.
   */
  void assertTooLarge(String path, String body) {
    HttpResponse<String> answer;
    try {
      answer = send("POST", path, body);
    } catch (UncheckedIOException closedWhileSending) {
      return;
    }
    problem(answer, 413);
  }

  /** {@code /health} or one of its parts ("live", "ready"), wherever this server serves it. */
  HttpResponse<String> health(String part) {
    URI health = TestServer.health(base);
    URI uri = part.isEmpty() ? health : URI.create(health + "/" + part);
    return send(
        request(uri).GET().timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Whether /health answers 200 UP; if not, its answer is printed. */
  boolean healthy() {
    HttpResponse<String> health = health("");
    boolean up = health.statusCode() == 200 && json(health).getString("status").equals("UP");
    if (!up) {
      System.out.println("/health answered " + health.statusCode() + ": " + health.body());
    }
    return up;
  }

  static JsonObject json(HttpResponse<String> response) {
    return (JsonObject) parse(response.body());
  }

  static JsonStructure parse(String body) {
    return Json.createReader(new StringReader(body)).read();
  }

  /** Checks a problem+json answer and returns its detail. */
  static String problem(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response::body);
    assertEquals(
        "application/problem+json",
        response.headers().firstValue("Content-Type").orElse(""),
        response::body);
    JsonObject problem = json(response);
    assertEquals(status, problem.getInt("status"));
    return problem.getString("detail");
  }
}
