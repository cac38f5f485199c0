package io.streamingcoordinator.outbound;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamingcoordinator.config.OutboundSettings;
import io.streamingcoordinator.task.entity.HttpFetcher.Fetched;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server's outbound client: bounded, and closed for good when the application stops. */
class OutboundHttpTest {

  final AtomicInteger openConnections = new AtomicInteger();
  final ExecutorService serverThreads = Executors.newCachedThreadPool();
  ServerSocket listener;
  OutboundHttp http;

  @BeforeEach
  void start() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    serverThreads.execute(this::accept);
    http = new OutboundHttp();
    http.settings =
        new OutboundSettings() {
          @Override
          public Duration connectTimeout() {
            return Duration.ofSeconds(2);
          }

          @Override
          public Duration readTimeout() {
            return Duration.ofSeconds(2);
          }

          @Override
          public int maxConnections() {
            return 2;
          }
        };
  }

  @AfterEach
  void stop() throws IOException {
    listener.close();
    serverThreads.shutdownNow();
  }

  @Test
  void fetchesAndCountsTheBody() throws IOException {
    Fetched fetched = http.get(uri("/hello"));
    assertEquals(200, fetched.status());
    assertEquals(5, fetched.bytes());
    http.close();
  }

  @Test
  void afterCloseItRefusesUseAndLeavesNoConnectionOpen() throws IOException {
    http.get(uri("/a"));
    http.get(uri("/b"));
    http.close();
    http.close(); // twice is harmless

    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> http.get(uri("/c")));
    assertEquals(
        "the outbound HTTP client is closed: the server is stopping", refused.getMessage());
    // idle keep-alive connections sit in the JDK's own cache, which closes them within 5 s
    await().atMost(Duration.ofSeconds(15)).until(() -> openConnections.get() == 0);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort() + path);
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        openConnections.incrementAndGet();
        serverThreads.execute(() -> serve(socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  /**
   * Answers "hello" to each request on the connection, keeping it alive until the client ends it.
   */
  private void serve(Socket socket) {
    try (socket;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
      OutputStream out = socket.getOutputStream();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isEmpty()) {
          out.write(
              "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
      }
    } catch (IOException gone) {
      // the client closed the connection
    } finally {
      openConnections.decrementAndGet();
    }
  }
}
