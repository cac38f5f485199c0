package io.streamingcoordinator.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A test client reading one SSE stream over real HTTP (JDK HttpClient), parsing frames as a browser
 * would. It records every event and comment line until the server ends the stream.
 */
final class EventStream implements AutoCloseable {

  /** One event as received. */
  record Received(String id, String name, JsonObject data) {}

  private final HttpResponse<InputStream> response;
  private final List<Received> events = new CopyOnWriteArrayList<>();
  private final List<String> comments = new CopyOnWriteArrayList<>();
  private final CompletableFuture<List<Received>> ended = new CompletableFuture<>();
  private final CompletableFuture<Received> first = new CompletableFuture<>();
  private final ExecutorService reader = Executors.newSingleThreadExecutor();

  private EventStream(HttpResponse<InputStream> response) {
    this.response = response;
    if (isEventStream()) {
      reader.execute(this::read);
    } else {
      ended.complete(List.of());
    }
  }

  static EventStream open(HttpClient http, URI uri) {
    return open(http, HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build());
  }

  static EventStream open(HttpClient http, HttpRequest request) {
    try {
      return new EventStream(http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  int status() {
    return response.statusCode();
  }

  String contentType() {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  String header(String name) {
    return response.headers().firstValue(name).orElse("");
  }

  boolean isEventStream() {
    return status() == 200 && contentType().startsWith("text/event-stream");
  }

  /** The body of a non-stream answer (JSON state or problem). */
  JsonObject json() {
    try (InputStream in = response.body()) {
      return Json.createReader(
              new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)))
          .readObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Received> events() {
    return List.copyOf(events);
  }

  List<String> comments() {
    return List.copyOf(comments);
  }

  List<String> names() {
    return events.stream().map(Received::name).toList();
  }

  /** Waits until the server ends the stream and returns every event received. */
  List<Received> awaitEnd(Duration timeout) {
    return ended.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  Received awaitFirst(Duration timeout) {
    return first.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  boolean hasEnded() {
    return ended.isDone();
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String id = null;
      String name = null;
      List<String> data = new ArrayList<>();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            Received event = new Received(id, name == null ? "message" : name, parse(data));
            events.add(event);
            first.complete(event);
          }
          id = null;
          name = null;
          data = new ArrayList<>();
        } else if (line.startsWith(":")) {
          comments.add(line.substring(1).trim());
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("event:")) {
          name = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.add(line.substring(5).stripLeading());
        }
      }
      ended.complete(events());
    } catch (IOException | RuntimeException e) {
      ended.completeExceptionally(e);
    }
  }

  private static JsonObject parse(List<String> data) {
    return Json.createReader(new StringReader(String.join("\n", data))).readObject();
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException e) {
      // closing a stream the server already ended
    }
    reader.shutdownNow();
  }
}
