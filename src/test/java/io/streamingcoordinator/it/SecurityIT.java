package io.streamingcoordinator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.it.EventStream.Received;
import io.streamingcoordinator.it.RawExchange.Answer;
import io.streamingcoordinator.security.entity.Role;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may do what, as an outsider would try it: every endpoint without credentials, with a role
 * that is not enough and with the right one; bad and expired tokens; subscriber tokens (this
 * deployment has {@code streaming.security.streams=token}); URLs that never echo the Host header.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {

  private static final byte[] STREAM_KEY = "0123456789abcdef0123456789abcdef".getBytes();

  @Deployment(testable = false)
  static WebArchive deployment() {
    // at the root, where a client resolving relative URLs finds them
    return ShrinkWrap.create(WebArchive.class, "ROOT.war")
        .merge(
            Deployments.withConfig(
                Map.of(
                    "streaming.security.streams",
                    "token",
                    "streaming.security.stream-token.key",
                    Base64.getEncoder().encodeToString(STREAM_KEY))));
  }

  @ArquillianResource URL base;
  Api admin;
  Api producer;
  Api reader;
  Api guest;
  Api anonymous;

  @BeforeEach
  void callers() {
    admin = new Api(base);
    producer = admin.as(Role.PRODUCER);
    reader = admin.as(Role.READER);
    guest = admin.as("guest"); // authenticated, but holding none of the application's roles
    anonymous = admin.anonymous();
  }

  @Test
  void everyEndpointRefusesTheAnonymousAndTheWrongRoleAndServesTheRightOne() {
    long pending = admin.createPending("tests/ContinueTask", "{}").getInt("id");
    String task = "tasks/tests/ContinueTask/" + pending;

    // listing types and reading a task: any role that reads
    for (String path : List.of("tasks", task)) {
      unauthorized(anonymous.send("GET", path, null));
      Api.problem(guest.send("GET", path, null), 403);
      assertEquals(200, reader.send("GET", path, null).statusCode(), path);
      assertEquals(200, producer.send("GET", path, null).statusCode(), path);
    }
    // creating, changing and cancelling: producers
    unauthorized(anonymous.send("POST", "tasks/tests/ExampleTask?start=false", "{}"));
    assertTrue(
        Api.problem(reader.send("POST", "tasks/tests/ExampleTask?start=false", "{}"), 403)
            .contains("producer"));
    assertEquals(
        201, producer.send("POST", "tasks/tests/ExampleTask?start=false", "{}").statusCode());
    unauthorized(anonymous.send("PATCH", task, "{\"timeoutSeconds\":30}"));
    Api.problem(reader.send("PATCH", task, "{\"timeoutSeconds\":30}"), 403);
    assertEquals(200, producer.send("PATCH", task, "{\"timeoutSeconds\":30}").statusCode());
    unauthorized(anonymous.send("POST", task + "/cancel", null));
    Api.problem(reader.send("POST", task + "/cancel", null), 403);
    assertEquals("PENDING", admin.read("tests/ContinueTask", pending).getString("status"));
    HttpResponse<String> cancelled = producer.send("POST", task + "/cancel", null);
    assertEquals(200, cancelled.statusCode(), cancelled::body);
    assertEquals("CANCELLED", Api.json(cancelled).getString("status"));
    // cleanup: admins only
    unauthorized(anonymous.send("POST", "admin/cleanup?dryRun=true", null));
    assertTrue(
        Api.problem(producer.send("POST", "admin/cleanup?dryRun=true", null), 403)
            .contains("admin"));
    assertEquals(200, admin.send("POST", "admin/cleanup?dryRun=true", null).statusCode());
    // health and metrics stay anonymous, for probes and scrapers
    for (String part : List.of("", "live", "ready")) {
      assertEquals(200, anonymous.health(part).statusCode(), "/health " + part);
    }
    HttpResponse<String> metrics =
        anonymous.send("GET", TestServer.metrics(anonymous.base).toString(), null);
    assertEquals(200, metrics.statusCode(), "metrics");
    assertTrue(metrics.body().contains("streaming_events_published_total"), metrics::body);
  }

  @Test
  void aRefusedStreamStartsNothingAndTellsNothingOfTheTask() {
    long id = admin.createPending("tests/ExampleTask", "{}").getInt("id");
    String plain = "stream/tests/ExampleTask/" + id;
    unauthorized(anonymous.send("GET", plain, null));
    Api.problem(guest.send("GET", plain, null), 403);
    // a task that does not exist answers the same to a caller who may not read
    unauthorized(anonymous.send("GET", "stream/tests/ExampleTask/999999999", null));
    HttpResponse<Void> head =
        anonymous.send(
            anonymous
                .request(anonymous.base.resolve(plain))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertEquals(401, head.statusCode());
    JsonObject task = admin.read("tests/ExampleTask", id);
    assertEquals("PENDING", task.getString("status"));
    assertFalse(task.getBoolean("running"));
    // a reader's credentials open it
    try (EventStream stream = reader.stream(plain)) {
      assertEquals(200, stream.status());
      assertEquals("complete", last(stream.awaitEnd(Duration.ofSeconds(30))));
    }
  }

  @Test
  void tokensThatAreForgedExpiredOrNotATokenAreRefused() {
    for (String token :
        List.of(
            TestIdentity.foreignToken(Role.ADMIN),
            TestIdentity.expiredToken(Role.ADMIN),
            "not-a-token",
            TestIdentity.token(Role.ADMIN).replaceFirst("\\.[^.]+$", ".AAAA"))) {
      HttpResponse<String> answer = admin.withToken(token).send("GET", "tasks", null);
      Api.problem(answer, 401);
      assertTrue(
          answer.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
          answer.headers()::toString);
    }
  }

  @Test
  void aSubscriberTokenOpensItsOwnTaskOnlyAndOnlyUntilItExpires() {
    JsonObject first = producer.create("tests/ExampleTask", "{\"delayMs\":200}");
    JsonObject second = producer.createPending("tests/ExampleTask", "{}");
    String streamUrl = first.getString("stream_url");
    assertTrue(streamUrl.matches("/stream/tests/ExampleTask/\\d+\\?token=[^&]+"), streamUrl);

    // what a browser EventSource does with stream_url: no Authorization header
    try (EventStream stream = anonymous.stream(streamUrl.substring(1))) {
      assertEquals(200, stream.status());
      List<Received> events = stream.awaitEnd(Duration.ofSeconds(30));
      assertEquals("complete", last(events));
    }
    String token = streamUrl.substring(streamUrl.indexOf("token=") + 6);
    long secondId = second.getInt("id");
    String secondStream = "stream/tests/ExampleTask/" + secondId;
    assertTrue(
        Api.problem(anonymous.send("GET", secondStream + "?token=" + token, null), 403)
            .contains("another task"));
    long expired = Instant.now().minusSeconds(1).getEpochSecond();
    String old = subscriberToken("tests/ExampleTask/" + secondId, secondId, expired);
    unauthorized(anonymous.send("GET", secondStream + "?token=" + old, null));
    long later = Instant.now().plusSeconds(600).getEpochSecond();
    String good = subscriberToken("tests/ExampleTask/" + secondId, secondId, later);
    String tampered = good.replaceFirst("^\\d+", String.valueOf(first.getInt("id")));
    unauthorized(anonymous.send("GET", secondStream + "?token=" + tampered, null));
    unauthorized(anonymous.send("GET", secondStream + "?token=garbage", null));
    assertEquals("PENDING", admin.read("tests/ExampleTask", secondId).getString("status"));
    // a token this test signed with the configured key is accepted: the format is as documented
    try (EventStream stream = anonymous.stream(secondStream + "?token=" + good)) {
      assertEquals(200, stream.status());
      assertEquals("complete", last(stream.awaitEnd(Duration.ofSeconds(30))));
    }
  }

  @Test
  void handedOutUrlsAreRelativeAndNeverEchoTheHostHeader() throws Exception {
    String body = "{}";
    String request =
        ("POST /tasks/tests/ExampleTask?start=false HTTP/1.1\r\nHost: evil.example\r\n"
                + "Connection: close\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
                + "%s\r\n%s")
            .formatted(body.length(), admin.authorizationLine(), body);
    Answer answer =
        RawExchange.send(base.getPort(), request.getBytes(StandardCharsets.US_ASCII), 10_000);
    assertEquals(201, answer.status(), answer.body());
    assertFalse(
        answer.headers().toString().contains("evil.example")
            || answer.body().contains("evil.example"),
        answer::toString);
    assertTrue(answer.header("Location").startsWith("/tasks/tests/ExampleTask/"), answer::toString);
    JsonObject task = (JsonObject) Api.parse(answer.body());
    assertTrue(task.getString("url").startsWith("/tasks/"), answer::body);
    assertTrue(task.getString("stream_url").startsWith("/stream/"), answer::body);
  }

  /** The anonymous are refused before their body is read: they cannot hold the server reading. */
  @Test
  void anAnonymousBodyIsRefusedUnread() throws Exception {
    String head =
        "POST /tasks/tests/ExampleTask HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{";
    // the body would take streaming.api.body-timeout (15 s) to be given up on; 5 s is plenty
    Answer answer =
        RawExchange.send(base.getPort(), head.getBytes(StandardCharsets.US_ASCII), 5_000);
    assertEquals(401, answer.status(), answer::toString);
    assertTrue(answer.header("WWW-Authenticate").startsWith("Bearer"), answer::toString);
  }

  @Test
  void pagesOfOtherSitesCanStartNothingWithFormsOrPlainText() {
    long before = admin.createPending("tests/ExampleTask", "{}").getInt("id");
    for (String type : List.of("text/plain", "application/x-www-form-urlencoded")) {
      Api.problem(admin.http("POST", "tasks/tests/ExampleTask", "{}", type), 415);
    }
    long after = admin.createPending("tests/ExampleTask", "{}").getInt("id");
    assertEquals(before + 1, after, "no task was created in between");
  }

  private static String last(List<Received> events) {
    return events.get(events.size() - 1).name();
  }

  private static void unauthorized(HttpResponse<String> answer) {
    Api.problem(answer, 401);
    assertTrue(
        answer.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer realm="),
        answer.headers()::toString);
  }

  /** A subscriber token as documented: {@code id.expiry.HMAC-SHA256(path + "\n" + expiry)}. */
  private static String subscriberToken(String path, long id, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(STREAM_KEY, "HmacSHA256"));
      byte[] signature = mac.doFinal((path + "\n" + expires).getBytes(StandardCharsets.UTF_8));
      return id
          + "."
          + expires
          + "."
          + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
