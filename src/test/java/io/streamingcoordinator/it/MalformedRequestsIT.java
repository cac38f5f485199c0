package io.streamingcoordinator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.it.RawExchange.Answer;
import io.streamingcoordinator.security.entity.Role;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hundreds of malformed and hostile requests, each written byte for byte on a raw socket: no answer
 * is a server failure, every error is a problem+json body whose status is the HTTP status, no body
 * names Java code and no error is an HTML page. A few errors are answered by the server's HTTP
 * layer before the application (an empty body); those cases say so, for Payara's and, where it
 * answers otherwise, for WildFly's ({@link #undertowParser}, {@link #onWildFly}). {@code main} runs
 * the same table against any server (with Payara's expectations).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MalformedRequestsIT {

  private static final System.Logger LOG = System.getLogger(MalformedRequestsIT.class.getName());

  /** Text that only leaks from code: Java packages, exception names, SQL, stack frames. */
  private static final Pattern JAVA_NAMES =
      Pattern.compile(
          "java\\.|jakarta\\.|javax\\.|io\\.streamingcoordinator|Exception|org\\.[a-z]|SQL"
              + "|\\tat [a-z]");

  /** A server's HTML error page (the dashboard at {@code /} is HTML, and no error). */
  private static final Pattern HTML = Pattern.compile("(?i)<html");

  private static final int TIMEOUT_MILLIS = 10_000;

  /** Every case calls as an admin, so that it reaches what it tests (SecurityIT tests the rest). */
  private static final String AUTHORIZATION =
      "Authorization: Bearer " + TestIdentity.token(Role.ADMIN);

  /**
   * The product WAR at the context root, as it runs in production, so that requests whose path
   * leaves a context root (dot segments, odd request lines) still reach this application.
   */
  @Deployment(testable = false)
  static WebArchive deployment() {
    return ShrinkWrap.create(WebArchive.class, "ROOT.war").merge(Deployments.product());
  }

  @ArquillianResource URL base;

  @Test
  void everyMalformedRequestIsRefusedWithAProblemAndNeverAServerFailure() throws Exception {
    List<String> failures = run(URI.create(base.toString()));
    assertTrue(
        failures.isEmpty(), () -> failures.size() + " failing:\n" + String.join("\n", failures));
  }

  /** Runs the table against a server started by hand: {@code main http://127.0.0.1:8181/}. */
  public static void main(String[] args) throws Exception {
    List<String> failures = run(URI.create(args[0]));
    failures.forEach(System.out::println);
    System.out.println(failures.size() + " failing");
  }

  static List<String> run(URI base) throws Exception {
    Fixture fixture = Fixture.create(base);
    List<Case> cases = cases(fixture);
    String root = base.getPath().replaceFirst("/$", "");
    assertTrue(cases.size() >= 300, "at least 300 cases: " + cases.size());
    List<String> failures = new ArrayList<>();
    int bare = 0;
    for (Case c : cases) {
      Answer answer;
      try {
        answer = RawExchange.send(base.getPort(), c.request().apply(root), TIMEOUT_MILLIS);
      } catch (IOException e) {
        failures.add(c.name() + ": " + e.getMessage());
        continue;
      }
      String failure = check(c, answer);
      if (failure != null) {
        failures.add(c.name() + ": " + failure);
      } else if (answer.status() >= 400 && answer.body().isEmpty()) {
        bare++;
      }
    }
    LOG.log(
        Level.INFO,
        "{0} malformed requests, {1} failing, {2} answered by the HTTP layer with an empty body",
        cases.size(),
        failures.size(),
        bare);
    return failures;
  }

  private static String check(Case c, Answer answer) {
    Expect expect = c.expect();
    if (answer.status() < 0) {
      return expect.mayCloseWithoutAnswer() ? null : "closed without an answer";
    }
    int status = answer.status();
    String seen = status + " " + answer.header("Content-Type") + " " + shorten(answer.body());
    if (!expect.status().test(status)) {
      return "expected " + expect.what() + ", got " + seen;
    }
    if (status >= 500 && status != 501 && status != 505) {
      return "a server failure: " + seen;
    }
    if (JAVA_NAMES.matcher(answer.body()).find()) {
      return "the body names Java code: " + seen;
    }
    if (status < 400) {
      return null;
    }
    if (HTML.matcher(answer.body()).find()) {
      return "an HTML error page: " + seen;
    }
    if (answer.body().isEmpty() && (expect.bareAllowed() || c.head())) {
      return null; // the HTTP layer's own answer (or HEAD): nothing in it at all
    }
    if (!answer.header("Content-Type").startsWith("application/problem+json")) {
      return "not problem+json: " + seen;
    }
    try {
      JsonObject problem = (JsonObject) Api.parse(answer.body());
      if (problem.getInt("status") != status
          || !(problem.get("title") instanceof JsonString)
          || !(problem.get("detail") instanceof JsonString detail)) {
        return "a problem without status " + status + ", title and detail: " + seen;
      }
      if (expect.detail() != null && !detail.getString().contains(expect.detail())) {
        return "the detail does not say '" + expect.detail() + "': " + seen;
      }
    } catch (RuntimeException e) {
      return "the body is not a JSON problem: " + seen;
    }
    return null;
  }

  // ------------------------------------------------------------------ the table

  private static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "FOO", "get");

  private static final List<String> ODD_IDS =
      List.of(
          "0",
          "-1",
          "+1",
          "1e3",
          "1.5",
          "0x10",
          "%ZZ",
          "%00",
          "%20",
          "1%20",
          "99999999999999999999",
          "9223372036854775808",
          "1".repeat(2000),
          "x".repeat(3000),
          "%C3%A9",
          "%EF%BC%91", // a full-width digit one
          "%F0%9F%98%80",
          "1;x=y",
          "1%2F2",
          "..",
          "1?x=%",
          "");

  /** Wrong values for a field taking an int (all shipped numeric fields are ints). */
  private static final List<String> NOT_AN_INT =
      List.of(
          "1.5",
          "\"100\"",
          "[1]",
          "{}",
          "true",
          "4294967396",
          "2147483648",
          "-2147483649",
          "1e400",
          "-1e400",
          "1e-400",
          "1e999999999",
          "null");

  private static final List<String> NOT_A_STRING = List.of("1", "true", "[]", "{}", "[\"a\"]");

  private static final List<String> NOT_A_BOOLEAN =
      List.of("1", "0", "\"true\"", "\"yes\"", "[]", "{}", "[true]", "null");

  private static final List<String> NOT_A_LIST_OF_STRINGS =
      List.of("\"a\"", "1", "{}", "true", "[1]", "[\"a\",1]", "[null]", "[[\"a\"]]", "[{}]");

  /** Bodies that are not one JSON object of fields. */
  private static final List<byte[]> BAD_BODIES =
      List.of(
          text("{\"message\":" + "[".repeat(33) + "]".repeat(33) + "}"),
          text("[".repeat(1100) + "]".repeat(1100)),
          text("{\"message\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5001)),
          text("{\"delayMs\":" + "1".repeat(101) + "}"),
          text("{\"delayMs\":" + "1".repeat(1200) + "}"),
          text("{\"delayMs\":0." + "0".repeat(5000) + "1}"),
          text("{\"delayMs\":1} xyz"),
          text("{}{}"),
          text("{} {\"a\":1}"),
          text("{}]"),
          text("{\"message\":\"a\",}"),
          text("{\"message\":\"a\""),
          text("{\"message\":"),
          text("{'message':'a'}"),
          text("{message:\"a\"}"),
          text("{\"message\":\"a\",\"message\":\"b\"}"),
          text("[]"),
          text("[{}]"),
          text("\"a string\""),
          text("123"),
          text("null"),
          text("true"),
          text("nul"),
          text("{\"delayMs\":NaN}"),
          text("{\"delayMs\":Infinity}"),
          text("{\"delayMs\":01}"),
          text("{\"delayMs\":-}"),
          text("{\"delayMs\":1.}"),
          text("{\"delayMs\":.5}"),
          text("{\"delayMs\":0x10}"),
          text("{\"message\":\"\\x41\"}"),
          text("{\"message\":\"\\u12\"}"),
          text("{\"message\":\"tab\there\"}"),
          text("/* comment */ {}"),
          text("{} // comment"),
          bytes(0xFF, 0xFE, '{', '}'),
          bytes('{', '"', 'm', 'e', 's', 's', 'a', 'g', 'e', '"', ':', '"', 0xC3, 0x28, '"', '}'),
          bytes(
              '{', '"', 'm', 'e', 's', 's', 'a', 'g', 'e', '"', ':', '"', 0xED, 0xA0, 0x80, '"',
              '}'),
          bytes('{', '"', 'm', 'e', 's', 's', 'a', 'g', 'e', '"', ':', '"', 0xC0, 0xAF, '"', '}'),
          bytes(0, '{', '}'),
          text("\u0000"),
          text("{\"message\":1}\u0000"));

  /** Bodies that are fine: they must be accepted (201/200), not refused. */
  private static final List<byte[]> GOOD_BODIES =
      List.of(
          text(""),
          text("   \r\n\t "),
          text("{}"),
          text("\uFEFF{}"),
          text(" {\"message\":\"é ☃ 😀\"} \n"),
          text("{\"message\":\"\\ud800\"}"),
          text("{\"delayMs\":1e2}"),
          text("{\"delayMs\":100.0}"),
          text("{\"message\":\"" + "[".repeat(1000) + "\"}"));

  static List<Case> cases(Fixture f) {
    List<Case> cases = new ArrayList<>();
    String done = "/tasks/tests/ExampleTask/" + f.done;
    String doneStream = "/stream/tests/ExampleTask/" + f.done;

    // every method on every family of URLs
    List<String> paths =
        List.of(
            "/",
            "/tasks",
            "/tasks/",
            "/tasks/tests",
            "/tasks/tests/ExampleTask",
            done,
            done + "/cancel",
            done + "/cancel/more",
            "/tasks/tests/ExampleTask/999999",
            "/tasks/tests/Nope/1",
            "/stream",
            "/stream/",
            "/stream/tests",
            "/stream/tests/ExampleTask",
            doneStream,
            "/stream/tests/ExampleTask/999999",
            "/stream/tests/Nope/1",
            "/stream/tests/ExampleTask/1/extra",
            "/admin/cleanup?dryRun=true",
            "/admin/cleanup?dryRun=maybe",
            "/problem",
            "/nope",
            "/WEB-INF/web.xml",
            "/META-INF/MANIFEST.MF",
            "/index.html");
    for (String path : paths) {
      for (String method : METHODS) {
        cases.add(
            request(method, path).body(method.equals("POST") ? "{}" : null).expect(noFailure()));
      }
    }
    // TRACE is refused by the HTTP listener itself, with an Allow header and no body
    for (String path : List.of("/tasks", doneStream, "/nope")) {
      cases.add(request("TRACE", path).expect(bare(405)));
    }

    // ids that are not a task's
    for (String id : ODD_IDS) {
      Expect refused = idExpectation(id);
      cases.add(get("/tasks/tests/ExampleTask/" + id).expect(refused));
      cases.add(get("/stream/tests/ExampleTask/" + id).expect(refused));
      cases.add(request("PATCH", "/tasks/tests/ExampleTask/" + id).body("{}").expect(refused));
      cases.add(request("POST", "/tasks/tests/ExampleTask/" + id + "/cancel").expect(refused));
    }
    for (String type :
        List.of("tests/exampletask", "TESTS/ExampleTask", "tests/StreamTask", "x/y")) {
      cases.add(get("/tasks/" + type + "/1").expect(status(404)));
      cases.add(post("/tasks/" + type + "?start=false", "{}").expect(status(404)));
    }

    // a wrong value for every field of every shipped task type
    Map<String, List<String>> intFields =
        Map.of(
            "ExampleTask", List.of("delayMs"),
            "ContinueTask", List.of("timeoutSeconds"),
            "CountdownTask", List.of("steps", "delayMs"),
            "ItemsTask", List.of("delayMs"),
            "SpamTask", List.of("count", "size", "delayMs", "startDelayMs"));
    intFields.forEach(
        (type, names) -> {
          for (String name : names) {
            for (String value : NOT_AN_INT) {
              cases.add(create(type, name, value).expect(status(400).detail("'" + name + "'")));
            }
          }
        });
    for (String type : List.of("ExampleTask:message", "FetchTask:url")) {
      String[] field = type.split(":");
      for (String value : NOT_A_STRING) {
        cases.add(
            create(field[0], field[1], value).expect(status(400).detail("'" + field[1] + "'")));
      }
    }
    for (String type : List.of("ContinueTask:continue", "SpamTask:hold")) {
      String[] field = type.split(":");
      for (String value : NOT_A_BOOLEAN) {
        cases.add(
            create(field[0], field[1], value).expect(status(400).detail("'" + field[1] + "'")));
      }
    }
    for (String value : NOT_A_LIST_OF_STRINGS) {
      cases.add(create("ItemsTask", "items", value).expect(status(400).detail("'items'")));
    }
    for (String value : List.of("\"x\"", "-1", "60001")) {
      cases.add(create("ExampleTask", "delayMs", value).expect(status(400).detail("delayMs")));
    }
    cases.add(create("FetchTask", "url", "\"ftp://x\"").expect(status(400).detail("url")));
    cases.add(create("ItemsTask", "items", "[]").expect(status(400).detail("items")));
    cases.add(post("/tasks/tests/ExampleTask?start=false", "{\"nope\":1}").expect(status(400)));
    cases.add(
        post("/tasks/tests/ExampleTask?start=false", "{\"status\":\"RUNNING\"}")
            .expect(status(400)));
    cases.add(post("/tasks/tests/ExampleTask?start=false", "{\"id\":1}").expect(status(400)));

    // bodies that are not one JSON object, on create and on patch
    for (byte[] body : BAD_BODIES) {
      cases.add(
          request("POST", "/tasks/tests/ExampleTask?start=false").body(body).expect(status(400)));
      cases.add(
          request("PATCH", "/tasks/tests/ExampleTask/" + f.pending).body(body).expect(status(400)));
    }
    for (byte[] body : GOOD_BODIES) {
      cases.add(
          request("POST", "/tasks/tests/ExampleTask?start=false").body(body).expect(status(201)));
      cases.add(
          request("PATCH", "/tasks/tests/ExampleTask/" + f.pending).body(body).expect(status(200)));
    }
    cases.add(
        request("PATCH", "/tasks/tests/ContinueTask/" + f.pendingContinue)
            .body("{\"continue\":\"yes\"}")
            .expect(status(400).detail("'continue'")));
    cases.add(request("PATCH", done).body("{\"delayMs\":1}").expect(status(409)));
    cases.add(request("PATCH", done).body("{\"delayMs\":").expect(status(409)));
    String large = "{\"message\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";
    cases.add(post("/tasks/tests/ExampleTask?start=false", large).expect(status(413)));

    // content types
    for (String type :
        List.of(
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/json; charset=utf-16",
            "application/json; charset=bogus",
            "application/json;;;",
            "garbage",
            "/",
            "",
            "application/json, text/plain")) {
      cases.add(
          request("POST", "/tasks/tests/ExampleTask?start=false")
              .header("Content-Type", type)
              .body("{}")
              .expect(noFailure()));
    }

    // query parameters
    for (String query : List.of("start=maybe", "start=", "start", "start=TRUE")) {
      cases.add(post("/tasks/tests/ExampleTask?" + query, "{}").expect(clientError()));
    }
    cases.add(
        post("/tasks/tests/ExampleTask?start=%ZZ", "{}").expect(undertowParser(clientError())));
    // of a repeated parameter the first counts, as in JAX-RS
    cases.add(post("/tasks/tests/ExampleTask?start=false&start=true", "{}").expect(status(201)));
    for (String query : List.of("lastEventId=abc", "lastEventId=-1", "lastEventId=1e3")) {
      cases.add(get(doneStream + "?" + query).expect(status(400)));
    }
    // Payara's servlet container drops a query parameter it cannot decode: no id, the task's state
    cases.add(get(doneStream + "?lastEventId=%ZZ").expect(undertowParser(status(200))));

    // headers
    for (String id :
        List.of(
            "abc", "-1", "1e3", "1.5", "0x10", "99999999999999999999", "1 2", "x".repeat(4000))) {
      cases.add(get(doneStream).header("Last-Event-ID", id).expect(status(400)));
      cases.add(
          get("/stream/tests/ExampleTask/999999")
              .header("Last-Event-ID", id)
              .expect(clientError()));
    }
    cases.add(get(doneStream).header("Last-Event-ID", "999999").expect(noFailure()));
    cases.add(
        get(doneStream)
            .header("Accept", "text/event-stream")
            .header("Last-Event-ID", "999999")
            .expect(noFailure()));
    for (int size : List.of(4_000, 7_000)) {
      cases.add(get("/tasks").header("X-Big", "a".repeat(size)).expect(status(200)));
    }
    for (int size : List.of(9_000, 70_000, 500_000)) {
      cases.add(get("/tasks").header("X-Big", "a".repeat(size)).expect(bare(400)));
      cases.add(
          post("/tasks/tests/ExampleTask?start=false", "{}")
              .header("X-Big", "a".repeat(size))
              .expect(bare(400)));
    }
    Request many = get("/tasks");
    for (int i = 0; i < 300; i++) {
      many = many.header("X-Many-" + i, "v");
    }
    cases.add(many.expect(noFailureOrBare(400)));
    for (String length : List.of("abc", "-1", "1.5", " ", "99999999999999999999", "2, 3")) {
      cases.add(
          request("POST", "/tasks/tests/ExampleTask?start=false")
              .body("{}")
              .contentLength(length)
              .expect(bare(400)));
    }
    cases.add(
        request("POST", "/tasks/tests/ExampleTask?start=false")
            .body("{}")
            .contentLength("50")
            .expect(closedOrBare(400)));
    cases.add(
        request("POST", "/tasks/tests/ExampleTask?start=false")
            .body("{} trailing bytes beyond the length")
            .contentLength("2")
            .expect(status(201)));
    cases.add(
        request("POST", "/tasks/tests/ExampleTask?start=false")
            .header("Transfer-Encoding", "chunked")
            .rawBody("zz\r\n{}\r\n0\r\n\r\n")
            .expect(closedOrBare(400)));
    cases.add(
        request("POST", "/tasks/tests/ExampleTask?start=false")
            .header("Transfer-Encoding", "chunked")
            .rawBody("2\r\n{}\r\n0\r\n\r\n")
            .expect(status(201)));
    cases.add(
        request("POST", "/tasks/tests/ExampleTask?start=false")
            .header("Transfer-Encoding", "gzip")
            .body("{}")
            .expect(noFailureOrBare(400)));
    cases.add(
        request("POST", "/tasks/tests/ExampleTask?start=false")
            .header("Content-Encoding", "gzip")
            .body("{}")
            .expect(noFailure()));
    for (String accept : List.of("text/html", "image/png", "garbage", "application/xml")) {
      cases.add(get("/tasks").header("Accept", accept).expect(noFailure()));
      // RESTEasy (WildFly) refuses an Accept header that is no media type before it matches a URL
      cases.add(
          get("/nope")
              .header("Accept", accept)
              .expect(
                  accept.equals("garbage") ? onWildFly(status(404), status(400)) : status(404)));
      cases.add(get("/tasks/tests/ExampleTask/abc").header("Accept", accept).expect(clientError()));
      cases.add(request("PUT", doneStream).header("Accept", accept).expect(status(405)));
    }
    // a weight that is no number: refused before any URL is matched (the stream servlet has none)
    for (String accept : List.of("*/*;q=abc", "application/json;q=2", "text/plain; q=")) {
      for (String target : List.of("/tasks", "/nope", "/tasks/tests/ExampleTask/abc")) {
        cases.add(get(target).header("Accept", accept).expect(status(400).detail("Accept")));
      }
      cases.add(request("PUT", doneStream).header("Accept", accept).expect(status(405)));
    }
    // Java's HttpURLConnection sends this one by default
    cases.add(
        get("/tasks")
            .header("Accept", "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2")
            .expect(status(200)));
    for (String override : List.of("PATCH", "DELETE", "GARBAGE", "")) {
      cases.add(
          post("/tasks/tests/ExampleTask?start=false", "{}")
              .header("X-HTTP-Method-Override", override)
              .expect(noFailure()));
    }
    cases.add(get("/tasks").header("Expect", "100-continue").expect(noFailureOrBare(417)));
    cases.add(
        post("/tasks/tests/ExampleTask?start=false", "{}")
            .header("Expect", "garbage")
            .expect(noFailureOrBare(417)));
    cases.add(get("/tasks").header("Cookie", "JSESSIONID=%%%; x").expect(status(200)));
    cases.add(get("/tasks").header("Range", "bytes=garbage").expect(noFailure()));
    cases.add(get("/tasks").header("Accept-Charset", "bogus").expect(noFailure()));
    cases.add(get("/tasks").header("If-Modified-Since", "not a date").expect(status(200)));
    cases.add(
        get(doneStream)
            .header("Accept", "text/event-stream")
            .header("If-None-Match", "\"x")
            .expect(noFailure()));

    // request lines and framing the JDK client would never send
    String host = "Host: 127.0.0.1\r\nConnection: close\r\n";
    cases.add(raw("HTTP/1.0 without Host", "GET /tasks HTTP/1.0\r\n\r\n", status(200)));
    cases.add(raw("HTTP/1.0 unknown URL", "GET /nope HTTP/1.0\r\n\r\n", status(404)));
    cases.add(
        raw("HTTP/1.0 bad id", "GET /tasks/tests/ExampleTask/x HTTP/1.0\r\n\r\n", status(400)));
    cases.add(raw("HTTP/1.0 POST on a stream", "POST /stream/x HTTP/1.0\r\n\r\n", status(400)));
    // Payara answers an HTTP/2.0 request line as HTTP/1.1 and other versions with 505; Undertow
    // takes HTTP/0.9 to 1.1 only and refuses any other version as a malformed request
    cases.add(
        raw(
            "HTTP/2.0 request line",
            "GET /tasks HTTP/2.0\r\n" + host + "\r\n",
            undertowParser(noFailure())));
    cases.add(
        raw(
            "HTTP/2.0 unknown URL",
            "GET /nope HTTP/2.0\r\n" + host + "\r\n",
            undertowParser(status(404))));
    cases.add(
        raw("HTTP/3.7", "GET /tasks HTTP/3.7\r\n" + host + "\r\n", undertowParser(bare(505))));
    cases.add(
        raw(
            "HTTP/9.9 on a stream",
            "GET /stream/x HTTP/9.9\r\n" + host + "\r\n",
            undertowParser(bare(505))));
    cases.add(
        raw(
            "HTTP/1.1 without Host",
            "GET /tasks HTTP/1.1\r\nConnection: close\r\n\r\n",
            bare(400)));
    cases.add(
        raw("HTTP/1.1x", "GET /tasks HTTP/1.1x\r\n" + host + "\r\n", noFailureOrBare(400, 505)));
    cases.add(
        raw("HTTPS/1.1", "GET /tasks HTTPS/1.1\r\n" + host + "\r\n", noFailureOrBare(400, 505)));
    cases.add(raw("no version", "GET /tasks\r\n" + host + "\r\n", noFailureOrBare(400, 505)));
    cases.add(raw("garbage line", "GARBAGE\r\n\r\n", closedOrBare(400)));
    cases.add(raw("binary", "\u0000\u0001\u0002\u0003\r\n\r\n", closedOrBare(400)));
    cases.add(raw("blank lines only", "\r\n\r\n\r\n", closedOrBare(400)));
    cases.add(raw("nothing", "", closedOrBare(400)));
    cases.add(
        raw(
            "TLS hello on plain HTTP",
            "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000",
            closedOrBare(400)));
    cases.add(
        raw("tab separators", "GET\t/tasks\tHTTP/1.1\r\n" + host + "\r\n", noFailureOrBare(400)));
    cases.add(
        raw(
            "double spaces",
            "GET  /tasks  HTTP/1.1\r\n" + host + "\r\n",
            noFailureOrBare(400, 505)));
    cases.add(
        raw(
            "bare LF lines",
            "GET /tasks HTTP/1.1\nHost: 127.0.0.1\nConnection: close\n\n",
            noFailureOrBare(400)));
    // WildFly: server-config/wildfly/setup.cli hands a target that is no path to the application's
    // error servlet (Undertow's servlet layer would fail on it with an HTML 500): a 404 problem
    cases.add(
        raw(
            "relative target",
            "GET tasks HTTP/1.1\r\n" + host + "\r\n",
            onWildFly(bare(400), status(404))));
    cases.add(
        raw(
            "absolute target",
            "GET http://127.0.0.1/tasks HTTP/1.1\r\n" + host + "\r\n",
            noFailure()));
    // Undertow refuses an absolute target whose host is not the Host header's
    cases.add(
        raw(
            "absolute target elsewhere",
            "GET http://example.org/nope HTTP/1.1\r\n" + host + "\r\n",
            undertowParser(status(404))));
    cases.add(
        raw(
            "authority target",
            "CONNECT 127.0.0.1:1 HTTP/1.1\r\n" + host + "\r\n",
            onWildFly(closedOrBare(400, 405, 501), status(404))));
    cases.add(
        raw(
            "asterisk target",
            "OPTIONS * HTTP/1.1\r\n" + host + "\r\n",
            noFailureOrBare(400, 404)));
    cases.add(
        raw(
            "header without colon",
            "GET /tasks HTTP/1.1\r\n" + host + "NoColonHere\r\n\r\n",
            noFailureOrBare(400)));
    cases.add(
        raw(
            "folded header",
            "GET /tasks HTTP/1.1\r\n" + host + "X-A: a\r\n  folded\r\n\r\n",
            noFailureOrBare(400)));
    cases.add(
        raw(
            "space before colon",
            "GET /tasks HTTP/1.1\r\n" + host + "X-A : a\r\n\r\n",
            noFailureOrBare(400)));
    cases.add(
        raw(
            "two hosts",
            "GET /tasks HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n",
            noFailureOrBare(400)));
    cases.add(
        raw(
            "huge host",
            "GET /tasks HTTP/1.1\r\nHost: " + "h".repeat(6000) + "\r\nConnection: close\r\n\r\n",
            noFailureOrBare(400)));
    cases.add(
        raw(
            "odd host",
            "GET /tasks HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n",
            noFailureOrBare(400)));
    for (String target :
        List.of(
            "/tasks/tests/ExampleTask/%ZZ",
            "/stream/tests/ExampleTask/%ZZ", "/%ZZ", "/tasks/%", "/tasks/%G1")) {
      cases.add(
          raw(
              "bad escape " + target,
              "GET " + target + " HTTP/1.1\r\n" + host + "\r\n",
              containerDecoderDefect()));
    }
    for (String target :
        List.of(
            "/tasks%00",
            "/tasks/\u00ff\u00fe",
            "/tasks/../../etc/passwd",
            "/tasks/%2e%2e/%2e%2e/WEB-INF/web.xml",
            "/tasks/..;/WEB-INF/web.xml",
            "/./tasks",
            "//tasks",
            "/tasks/tests/ExampleTask/%2F",
            "/tasks/tests/ExampleTask/%5C",
            "/tasks/tests/ExampleTask/a b",
            "/" + "a".repeat(7_000),
            "/" + "a".repeat(20_000),
            "/tasks?" + "q=1&".repeat(3000))) {
      cases.add(
          raw(
              "target " + shorten(target),
              "GET " + target + " HTTP/1.1\r\n" + host + "\r\n",
              noFailureOrBare(400, 404, 414)));
    }
    return cases;
  }

  private static Expect idExpectation(String id) {
    return switch (id) {
      case "%ZZ", ".." -> containerDecoderDefect();
      case "%00" -> bare(400); // "Invalid URI" from the HTTP layer
      case "1;x=y" -> noFailure(); // a path parameter: the id is 1
      case "1?x=%" -> undertowParser(noFailure()); // a query: the id is 1
      default -> clientError();
    };
  }

  /** A create with one field set to {@code value} (and the items ItemsTask requires). */
  private static Request create(String type, String field, String value) {
    String required =
        type.equals("ItemsTask") && !field.equals("items") ? "\"items\":[\"a\"]," : "";
    return post(
        "/tasks/tests/" + type + "?start=false",
        "{" + required + "\"" + field + "\":" + value + "}");
  }

  // ------------------------------------------------------------------ cases and expectations

  /** A task of each state the table needs, made once. */
  record Fixture(long done, long pending, long pendingContinue) {
    static Fixture create(URI base) throws IOException {
      Api api = new Api(base.toURL());
      long done = api.create("tests/ExampleTask", "{\"delayMs\":0}").getInt("id");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> api.read("tests/ExampleTask", done).getString("status").equals("COMPLETED"));
      long pending = api.createPending("tests/ExampleTask", "{}").getInt("id");
      long pendingContinue = api.createPending("tests/ContinueTask", "{}").getInt("id");
      return new Fixture(done, pending, pendingContinue);
    }
  }

  /**
   * What a case must get. {@code bareAllowed}: the HTTP layer may answer before the application,
   * with an empty body; {@code mayCloseWithoutAnswer}: it may just close the connection.
   */
  record Expect(
      String what,
      IntPredicate status,
      boolean bareAllowed,
      boolean mayCloseWithoutAnswer,
      String detail) {

    Expect detail(String text) {
      return new Expect(
          what + " saying '" + text + "'", status, bareAllowed, mayCloseWithoutAnswer, text);
    }
  }

  static Expect status(int code) {
    return new Expect(Integer.toString(code), s -> s == code, false, false, null);
  }

  static Expect clientError() {
    return new Expect("4xx", s -> s >= 400 && s < 500, false, false, null);
  }

  /** Any answer but a server failure (501 and 505 are refusals, not failures). */
  static Expect noFailure() {
    return new Expect(
        "no server failure", s -> s < 500 || s == 501 || s == 505, false, false, null);
  }

  /** Answered by the HTTP layer before the application: this status, no body. */
  static Expect bare(int code) {
    return new Expect(code + " from the HTTP layer", s -> s == code, true, false, null);
  }

  /** No server failure, or one of these statuses from the HTTP layer with no body. */
  static Expect noFailureOrBare(int... codes) {
    IntPredicate any = noFailure().status();
    for (int code : codes) {
      any = any.or(s -> s == code);
    }
    return new Expect(
        "no server failure or " + Arrays.toString(codes) + " from the HTTP layer",
        any,
        true,
        false,
        null);
  }

  static Expect closedOrBare(int... codes) {
    IntPredicate any = s -> false;
    for (int code : codes) {
      any = any.or(s -> s == code);
    }
    return new Expect("closed or " + Arrays.toString(codes), any, true, true, null);
  }

  /**
   * On WildFly, WildFly's HTTP layer (Undertow's request parser) refuses this request before any
   * handler, filter or configuration of ours sees it, with a 400 and an empty body (it takes no
   * malformed %-escape in a query, no HTTP version but 0.9 to 1.1, no absolute target naming
   * another host than the Host header); elsewhere {@code expect}. {@code decode-url=false} would
   * let a bad query escape through, but leaves paths undecoded ({@code /%74asks} is not {@code
   * /tasks}), so it is not set.
   */
  static Expect undertowParser(Expect expect) {
    if (!TestServer.isWildFly()) {
      return expect;
    }
    return new Expect(
        "400 from WildFly's HTTP layer (Undertow's request parser)",
        s -> s == 400,
        true,
        false,
        null);
  }

  /**
   * What WildFly answers instead of {@code elsewhere} where it decides before the application does
   * (RESTEasy, or setup.cli's Undertow filters; the reason is at each use).
   */
  static Expect onWildFly(Expect elsewhere, Expect wildFly) {
    return TestServer.isWildFly()
        ? new Expect(
            wildFly.what() + " on WildFly",
            wildFly.status(),
            wildFly.bareAllowed(),
            wildFly.mayCloseWithoutAnswer(),
            wildFly.detail())
        : elsewhere;
  }

  /**
   * Payara's request adapter throws on a malformed %-escape (and, now and then, on a path ending in
   * {@code ..}: an ArrayIndexOutOfBoundsException) before the request reaches the application; it
   * logs it and answers 200 with an empty body. Recorded, not endorsed.
   */
  static Expect containerDecoderDefect() {
    return new Expect(
        "the container's 200 with no body, or a 4xx",
        s -> s == 200 || (s >= 400 && s < 500),
        true,
        false,
        null);
  }

  /**
   * One request, as its bytes for the application's context root ({@code ""} at {@code /}), and
   * what it must get.
   */
  record Case(String name, String method, Function<String, byte[]> request, Expect expect) {
    boolean head() {
      return method.equals("HEAD");
    }
  }

  /** A request as written; a target starting with {@code /} is put under the context root. */
  static Case raw(String name, String request, Expect expect) {
    return new Case(
        name,
        "",
        root ->
            request
                .replaceFirst("^([^ ]* )/", "$1" + root + "/")
                // credentials after a request line, so that the case tests what it names
                .replaceFirst("^([A-Z]+ [^\r\n]+)(\r?\n)", "$1$2" + AUTHORIZATION + "$2")
                .getBytes(StandardCharsets.ISO_8859_1),
        expect);
  }

  static Request get(String target) {
    return request("GET", target);
  }

  static Request post(String target, String body) {
    return request("POST", target).body(body);
  }

  static Request request(String method, String target) {
    return new Request(method, target, List.of(), null, null, false);
  }

  /** A well-framed HTTP/1.1 request, changed one part at a time. */
  record Request(
      String method,
      String target,
      List<String[]> headers,
      byte[] body,
      String contentLength,
      boolean chunkedBody) {

    Request header(String name, String value) {
      List<String[]> more = new ArrayList<>(headers);
      more.add(new String[] {name, value});
      return new Request(method, target, more, body, contentLength, chunkedBody);
    }

    Request body(String text) {
      return body(text == null ? null : text(text));
    }

    Request body(byte[] bytes) {
      return new Request(method, target, headers, bytes, contentLength, chunkedBody);
    }

    Request rawBody(String framed) {
      return new Request(method, target, headers, text(framed), contentLength, true);
    }

    Request contentLength(String value) {
      return new Request(method, target, headers, body, value, chunkedBody);
    }

    Case expect(Expect expect) {
      String name = method + " " + shorten(target);
      for (String[] header : headers) {
        name += " [" + header[0] + ": " + shorten(header[1]) + "]";
      }
      if (body != null) {
        name += " body " + shorten(new String(body, StandardCharsets.UTF_8));
      }
      if (contentLength != null) {
        name += " [Content-Length: " + contentLength + "]";
      }
      return new Case(name, method, this::bytes, expect);
    }

    private byte[] bytes(String root) {
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(root).append(target).append(" HTTP/1.1\r\n");
      head.append("Host: 127.0.0.1\r\nConnection: close\r\n");
      if (headers.stream().noneMatch(h -> h[0].equalsIgnoreCase("Authorization"))) {
        head.append(AUTHORIZATION).append("\r\n");
      }
      boolean typed = headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Content-Type"));
      if (body != null && !typed) {
        head.append("Content-Type: application/json\r\n");
      }
      for (String[] header : headers) {
        head.append(header[0]).append(": ").append(header[1]).append("\r\n");
      }
      if (contentLength != null) {
        head.append("Content-Length: ").append(contentLength).append("\r\n");
      } else if (body != null && !chunkedBody) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
      if (body != null) {
        out.writeBytes(body);
      }
      return out.toByteArray();
    }
  }

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  private static String shorten(String text) {
    String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
    return oneLine.length() <= 60
        ? oneLine
        : oneLine.substring(0, 60) + "...(" + text.length() + ")";
  }
}
