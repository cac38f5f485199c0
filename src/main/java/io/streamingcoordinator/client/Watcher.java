package io.streamingcoordinator.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The command-line watcher:
 *
 * <pre>
 * java -jar streaming-coordinator-client.jar watch http://localhost:8080/stream/tests/ExampleTask/1
 * java -jar streaming-coordinator-client.jar create http://localhost:8080/ tests/ExampleTask '{"message":"hi"}'
 * </pre>
 *
 * With security on, the bearer token comes from the environment variable {@code STREAMING_TOKEN} (a
 * stream URL that carries a subscriber token needs none).
 *
 * <p>Exit codes: 0 done, 1 the task ended with an error, 2 bad usage, 3 server unreachable, 4 not
 * found, 5 refused at a connection limit (503), 6 any other refusal.
 */
public final class Watcher {

  static final int OK = 0;
  static final int TASK_ERROR = 1;
  static final int USAGE = 2;
  static final int UNREACHABLE = 3;
  static final int NOT_FOUND = 4;
  static final int BUSY = 5;
  static final int REFUSED = 6;

  private static final Duration IDLE_LIMIT = Duration.ofMinutes(10);

  private final PrintStream out;
  private final PrintStream err;
  private final String bearerToken;

  /** {@code bearerToken}: sent with every request, for a server with security on (null: none). */
  public Watcher(PrintStream out, PrintStream err, String bearerToken) {
    this.out = out;
    this.err = err;
    this.bearerToken = bearerToken;
  }

  public static void main(String[] args) {
    System.exit(new Watcher(System.out, System.err, System.getenv("STREAMING_TOKEN")).run(args));
  }

  /** Runs one command and returns its exit code. */
  public int run(String... args) {
    if (args.length >= 2 && args[0].equals("watch")) {
      return guarded(() -> watch(URI.create(args[1])));
    }
    if (args.length >= 3 && args[0].equals("create")) {
      String[] type = args[2].split("/", 2);
      if (type.length != 2) {
        return usage("the task type is app/model, for example tests/ExampleTask");
      }
      String fields = args.length > 3 ? args[3] : "{}";
      return guarded(() -> create(URI.create(args[1]), type[0], type[1], fields));
    }
    return usage(null);
  }

  private int create(URI base, String app, String model, String fields) {
    JsonObject body;
    try {
      body = (JsonObject) StreamingClient.parse(fields);
    } catch (RuntimeException e) {
      return usage("the fields are a JSON object, for example '{\"message\":\"hi\"}'");
    }
    try (StreamingClient client = client(base)) {
      TaskRef task = client.create(app, model, body);
      out.println("Created " + task.app() + "/" + task.model() + " " + task.id());
      out.println(task.streamUrl());
      return OK;
    }
  }

  private StreamingClient client(URI base) {
    return StreamingClient.builder(base).bearerToken(bearerToken).build();
  }

  private int watch(URI streamUrl) throws InterruptedException {
    URI base = streamUrl.resolve("/");
    long started = System.nanoTime();
    try (StreamingClient client = client(base);
        Watch watch = client.watch(streamUrl)) {
      int count = 0;
      StreamEvent last = null;
      for (Optional<StreamEvent> next = watch.next(IDLE_LIMIT);
          next.isPresent();
          next = watch.next(IDLE_LIMIT)) {
        last = next.get();
        out.println(line(++count, last));
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      if (last == null) {
        out.printf("The stream ended without an event after %.1f s%n", seconds);
        return TASK_ERROR;
      }
      out.printf(
          "Task ended with '%s' after %d events in %.1f s%s%n",
          last.name(),
          count,
          seconds,
          watch.reconnects() > 0 ? " (" + watch.reconnects() + " reconnects)" : "");
      return "complete".equals(last.name()) ? OK : TASK_ERROR;
    } catch (TimeoutException e) {
      err.println("No event for " + IDLE_LIMIT.toMinutes() + " minutes: giving up");
      return TASK_ERROR;
    }
  }

  /** {@code #3 progress 2026-11-27T12:00:00Z step=1 total_steps=3} */
  static String line(int number, StreamEvent event) {
    JsonObject data = event.data();
    String time = data.containsKey("_timestamp") ? data.getString("_timestamp") : "-";
    String fields =
        data.entrySet().stream()
            .filter(e -> !e.getKey().startsWith("_"))
            .map(Watcher::field)
            .collect(Collectors.joining(" "));
    return "#%d %s %s %s".formatted(number, event.name(), time, fields).stripTrailing();
  }

  private static String field(Map.Entry<String, JsonValue> entry) {
    JsonValue value = entry.getValue();
    String text =
        value.getValueType() == JsonValue.ValueType.STRING
            ? ((jakarta.json.JsonString) value).getString()
            : value.toString();
    return entry.getKey() + "=" + text;
  }

  private interface Command {
    int run() throws Exception;
  }

  private int guarded(Command command) {
    try {
      return command.run();
    } catch (StreamingClientException e) {
      err.println(e.status() + " " + e.title() + ": " + e.detail());
      if (e.status() == 503) {
        e.retryAfter().ifPresent(wait -> err.println("Retry after " + wait.toSeconds() + " s"));
        return BUSY;
      }
      return e.status() == 404 ? NOT_FOUND : REFUSED;
    } catch (UncheckedIOException | jakarta.ws.rs.ProcessingException e) {
      err.println("Cannot reach the server: " + e.getMessage());
      return UNREACHABLE;
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TASK_ERROR;
    } catch (Exception e) {
      err.println("Failed: " + e);
      return TASK_ERROR;
    }
  }

  private int usage(String problem) {
    if (problem != null) {
      err.println(problem);
    }
    err.println("usage: watch <stream-url>");
    err.println("       create <base-url> <app>/<model> [json-fields]");
    return USAGE;
  }
}
