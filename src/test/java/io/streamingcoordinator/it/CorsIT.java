package io.streamingcoordinator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Browsers on other origins: an allowed one gets CORS answers, any other starts nothing. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CorsIT {

  private static final String ALLOWED = "https://dashboard.example";
  private static final String REFUSED = "https://evil.example";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withConfig(Map.of("streaming.cors.allowed-origins", ALLOWED));
  }

  @ArquillianResource URL base;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(base);
  }

  @Test
  void anAllowedOriginsPreflightsAreAnsweredForTheApiAndStreams() {
    HttpResponse<String> create =
        preflight("tasks/tests/ExampleTask", ALLOWED, "POST", "content-type");
    assertEquals(204, create.statusCode(), create::body);
    assertEquals(ALLOWED, header(create, "Access-Control-Allow-Origin"));
    assertTrue(header(create, "Access-Control-Allow-Methods").contains("POST"));
    assertTrue(header(create, "Access-Control-Allow-Headers").contains("Content-Type"));

    HttpResponse<String> stream =
        preflight("stream/tests/ExampleTask/1", ALLOWED, "GET", "last-event-id");
    assertEquals(204, stream.statusCode(), stream::body);
    assertTrue(header(stream, "Access-Control-Allow-Headers").contains("Last-Event-ID"));
  }

  @Test
  void anAllowedOriginCreatesAndReadsWithCorsHeaders() {
    HttpResponse<String> created = create("tasks/tests/ExampleTask?start=false", ALLOWED);
    assertEquals(201, created.statusCode(), created::body);
    assertEquals(ALLOWED, header(created, "Access-Control-Allow-Origin"));
    assertTrue(header(created, "Access-Control-Expose-Headers").contains("Location"));
    assertTrue(header(created, "Vary").contains("Origin"));
  }

  @Test
  void anyOtherOriginIsRefusedAndStartsNothing() {
    HttpResponse<String> preflight =
        preflight("tasks/tests/ExampleTask", REFUSED, "POST", "content-type");
    assertTrue(Api.problem(preflight, 403).contains("streaming.cors.allowed-origins"));
    assertEquals("", header(preflight, "Access-Control-Allow-Origin"));

    Api.problem(create("tasks/tests/ExampleTask", REFUSED), 403);

    // an EventSource on that page: the browser would hide the answer, the server starts nothing
    long id = api.createPending("tests/ExampleTask", "{}").getInt("id");
    HttpResponse<String> stream =
        send(
            request("stream/tests/ExampleTask/" + id, REFUSED)
                .header("Accept", "text/event-stream")
                .GET());
    Api.problem(stream, 403);
    JsonObject task = api.read("tests/ExampleTask", id);
    assertEquals("PENDING", task.getString("status"));
    assertFalse(task.getBoolean("running"));
  }

  @Test
  void theServersOwnOriginAndClientsWithoutOneNeedNoListing() {
    String own = "http://" + api.base.getHost() + ":" + api.base.getPort();
    HttpResponse<String> created = create("tasks/tests/ExampleTask?start=false", own);
    assertEquals(201, created.statusCode(), created::body);
    assertEquals("", header(created, "Access-Control-Allow-Origin"));
    assertEquals(200, api.send("GET", "tasks", null).statusCode());
  }

  private HttpResponse<String> preflight(
      String path, String origin, String method, String headers) {
    // a browser sends a preflight without credentials
    return send(
        api.anonymous()
            .request(api.base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", method)
            .header("Access-Control-Request-Headers", headers)
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
  }

  private HttpRequest.Builder request(String path, String origin) {
    return api.request(api.base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Origin", origin);
  }

  /** Creates an ExampleTask from a page of {@code origin}. */
  private HttpResponse<String> create(String path, String origin) {
    return send(
        request(path, origin)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}")));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    return api.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse("");
  }
}
