package io.streamingcoordinator.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's lifecycle against a small in-process SSE server: what it opens, it closes, and a
 * closed client stays closed.
 */
class ClientLifecycleTest {

  private static final Path OPEN_FILES = Path.of("/proc/self/fd");

  HttpServer server;
  ThreadPoolExecutor serverThreads;
  URI base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    serverThreads =
        new ThreadPoolExecutor(0, 500, 200, TimeUnit.MILLISECONDS, new SynchronousQueue<>());
    server.setExecutor(serverThreads);
    server.createContext("/stream/", ClientLifecycleTest::endlessStream);
    server.createContext("/tasks/", ClientLifecycleTest::task);
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.stop(0);
    serverThreads.shutdownNow();
    serverThreads.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void aClosedClientRefusesEveryUseAndClosingTwiceIsHarmless() {
    StreamingClient client = StreamingClient.builder(base).build();
    assertEquals(1, client.read("t", "m", 1).getInt("id"));
    client.close();
    client.close();

    assertTrue(client.isClosed());
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> client.read("t", "m", 1));
    assertEquals("this StreamingClient is closed; build a new one", refused.getMessage());
    assertThrows(
        IllegalStateException.class, () -> client.create("t", "m", JsonValue.EMPTY_JSON_OBJECT));
    assertThrows(IllegalStateException.class, () -> client.watch(base.resolve("stream/t/m/1")));
  }

  @Test
  void closingAClientEndsItsOpenStreamsAtOnce() throws Exception {
    StreamingClient client = StreamingClient.builder(base).build();
    Watch watch = client.watch(base.resolve("stream/t/m/1"));
    assertEquals("progress", watch.next(Duration.ofSeconds(10)).orElseThrow().name());
    client.close();
    assertTrue(watch.isEnded());
    assertTrue(watch.next(Duration.ofSeconds(1)).isEmpty(), "a closed watch yields nothing more");
  }

  @Test
  void aThousandClientsOpenedAndClosedLeaveNoThreadsOrOpenFilesBehind() throws Exception {
    assumeTrue(Files.isDirectory(OPEN_FILES), "needs /proc to count open files");
    cycles(20); // warm up: classes loaded, JDK keep-alive timer started
    await().atMost(Duration.ofSeconds(30)).until(() -> serverThreads.getActiveCount() == 0);
    long files = openFiles();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();

    cycles(1000);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              long nowFiles = openFiles();
              int nowThreads = ManagementFactory.getThreadMXBean().getThreadCount();
              assertTrue(
                  nowFiles <= files + 10 && nowThreads <= threads + 5,
                  "open files %d -> %d, threads %d -> %d"
                      .formatted(files, nowFiles, threads, nowThreads));
            });
    System.out.printf(
        "1000 client cycles (100 with an open stream): open files %d -> %d, threads %d -> %d%n",
        files, openFiles(), threads, ManagementFactory.getThreadMXBean().getThreadCount());
  }

  /** Opens and closes clients; every tenth watches a stream, every other one makes a request. */
  private void cycles(int count) throws Exception {
    for (int i = 1; i <= count; i++) {
      try (StreamingClient client = StreamingClient.builder(base).build()) {
        if (i % 2 == 0) {
          client.read("t", "m", 1);
        }
        if (i % 10 == 0) {
          Watch watch = client.watch(base.resolve("stream/t/m/" + i));
          watch.next(Duration.ofSeconds(10)).orElseThrow();
        }
      }
    }
  }

  private static long openFiles() throws IOException {
    try (Stream<Path> files = Files.list(OPEN_FILES)) {
      return files.count();
    }
  }

  /** One event, then a heartbeat every 100 ms until the client goes away. */
  private static void endlessStream(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write("id: 1\nevent: progress\ndata: {\"n\":1}\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      while (!Thread.currentThread().isInterrupted()) {
        out.write(": ping\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        LockSupportPause.pause(100);
      }
    } catch (IOException clientGone) {
      // the client closed the stream
    } finally {
      exchange.close();
    }
  }

  private static void task(HttpExchange exchange) throws IOException {
    byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The fake server's pacing between heartbeats (not a test waiting for a result). */
  private static final class LockSupportPause {
    static void pause(long millis) {
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }
  }
}
