package io.streamingcoordinator.stream.boundary;

import io.streamingcoordinator.api.control.ProblemResponses;
import io.streamingcoordinator.api.control.TaskAddress;
import io.streamingcoordinator.api.control.TaskViews;
import io.streamingcoordinator.api.entity.Problem;
import io.streamingcoordinator.api.entity.ProblemException;
import io.streamingcoordinator.config.StreamSettings;
import io.streamingcoordinator.security.boundary.StreamGuard;
import io.streamingcoordinator.stream.control.ConnectionLimiter.LimitReachedException;
import io.streamingcoordinator.stream.control.ConnectionLimiter.Permit;
import io.streamingcoordinator.stream.control.ServletEventSink;
import io.streamingcoordinator.stream.control.SseFrame;
import io.streamingcoordinator.stream.control.StreamHub;
import io.streamingcoordinator.task.control.RunSlots;
import io.streamingcoordinator.task.control.TaskCoordinator;
import io.streamingcoordinator.task.control.TaskLimitException;
import io.streamingcoordinator.task.entity.StreamTask;
import io.streamingcoordinator.task.entity.TaskEvent;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /stream/{app}/{model}/{id}}: the task's events as {@code text/event-stream}; for a
 * task that already finished, its final event (to an EventSource), its state as JSON (to curl), or
 * {@code 204} to a client that already has the end. Opening the stream of a task that is not
 * running starts it, as the original did; the start is admitted (or refused with 503) before the
 * answer begins, so a stream that answered 200 always gets events. {@code HEAD} answers the same
 * headers and nothing else: it holds no stream slot and starts nothing. One class (over 200 lines)
 * because each of these answers is one branch of the same request's decision, taken in order:
 * access, task, end, admission, start.
 */
@WebServlet(urlPatterns = "/stream/*", asyncSupported = true)
public class StreamServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final System.Logger LOG = System.getLogger(StreamServlet.class.getName());

  @Inject transient TaskAddress address;
  @Inject transient TaskCoordinator coordinator;
  @Inject transient StreamHub hub;
  @Inject transient StreamSettings settings;
  @Inject transient TaskViews views;
  @Inject transient ProblemResponses problems;
  @Inject transient StreamGuard guard;
  @Inject transient StreamRequests requests;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try {
      stream(request, response);
    } catch (ProblemException e) {
      problems.write(e.problem(), response);
    } catch (RuntimeException e) {
      Problem problem = problems.unexpected(e, "opening a stream");
      if (!response.isCommitted()) {
        response.reset();
        problems.write(problem, response);
      }
    }
  }

  @Override
  protected void doHead(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try {
      String[] path = pathOf(request);
      Optional<Problem> refusal = guard(request, path);
      if (refusal.isPresent()) {
        problems.headers(refusal.get(), response);
        return;
      }
      StreamTask task = address.task(path[0], path[1], path[2]);
      Long lastEventId = lastEventId(request);
      if (!task.getStatus().isFinished()) {
        streamHeaders(response);
      } else if (lastEventId == null) {
        if (acceptsEventStream(request)) {
          streamHeaders(response);
        } else {
          response.setContentType("application/json");
        }
      } else if (lastEventId >= coordinator.finalEvent(task).id()) {
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      } else {
        streamHeaders(response);
      }
    } catch (ProblemException e) {
      problems.headers(e.problem(), response);
    }
  }

  private void stream(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String[] path = pathOf(request);
    Optional<Problem> refusal = guard(request, path);
    if (refusal.isPresent()) {
      problems.write(refusal.get(), response);
      return;
    }
    StreamTask task = address.task(path[0], path[1], path[2]);
    Long lastEventId = lastEventId(request);
    boolean finished = task.getStatus().isFinished();
    if (finished && ended(task, lastEventId, request, response)) {
      return;
    }
    Permit permit;
    try {
      permit = hub.admit(task.getId(), request.getRemoteAddr());
    } catch (LimitReachedException e) {
      unavailable(e.getMessage(), response);
      return;
    }
    RunSlots.Slot start = null;
    try {
      if (!finished && !coordinator.isRunning(task.getId())) {
        start = coordinator.reserve(); // refused here, before the answer begins
      }
      streamHeaders(response);
      AsyncContext async = request.startAsync();
      ServletEventSink sink = new ServletEventSink(async);
      requests.opened(sink);
      // subscribed before the start, so that the client gets the task's first event
      if (lastEventId == null) {
        hub.subscribe(task.getId(), sink, permit);
      } else {
        hub.resume(task.getId(), sink, permit, lastEventId, finished);
      }
    } catch (TaskLimitException e) {
      permit.release();
      unavailable(e.getMessage(), response);
      return;
    } catch (IOException | RuntimeException e) {
      permit.release();
      if (start != null) {
        start.release();
      }
      throw e;
    }
    if (start != null) {
      try {
        coordinator.start(task, start);
      } catch (IllegalStateException e) {
        // finished meanwhile (the client gets its last event) or the server is stopping (its
        // streams are being closed)
        LOG.log(Level.DEBUG, "Not starting task {0,number,#}: {1}", task.getId(), e.getMessage());
      }
    }
  }

  /** Refused before the task is looked up: a caller without access learns nothing of it. */
  private Optional<Problem> guard(HttpServletRequest request, String[] path) {
    long id = TaskAddress.id(path[2]);
    return guard.refusal(request, path[0] + "/" + path[1] + "/" + id, id);
  }

  /**
   * Answers for a finished task unless its client missed events it must be sent from the log: a
   * client that has the final event gets {@code 204}, the SSE way to say "do not reconnect"; one
   * that names no event gets the final event as a stream if it takes {@code text/event-stream}
   * (every EventSource does), else the task's end as JSON, as the original answered curl.
   */
  private boolean ended(
      StreamTask task, Long lastEventId, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    TaskEvent last = coordinator.finalEvent(task);
    if (lastEventId != null) {
      if (lastEventId < last.id()) {
        return false;
      }
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      return true;
    }
    byte[] body;
    if (acceptsEventStream(request)) {
      streamHeaders(response);
      body = SseFrame.joined(List.of(SseFrame.retry(settings.retry()), SseFrame.of(last))).bytes();
    } else {
      body = views.finished(task).toString().getBytes(StandardCharsets.UTF_8);
      response.setContentType("application/json");
    }
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    return true;
  }

  private static boolean acceptsEventStream(HttpServletRequest request) {
    for (String accept : Collections.list(request.getHeaders("Accept"))) {
      if (accept.toLowerCase(Locale.ROOT).contains("text/event-stream")) {
        return true;
      }
    }
    return false;
  }

  private static void streamHeaders(HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("text/event-stream;charset=UTF-8");
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Accel-Buffering", "no"); // tells proxies not to hold events back
    // a stream's connection is not reused: its close is watched while it streams (see
    // ClientConnection), and a request sent on it right after the stream's end was seen lost
    response.setHeader("Connection", "close");
  }

  private void unavailable(String detail, HttpServletResponse response) throws IOException {
    problems.write(Problem.of(503, "Service Unavailable", detail), response);
  }

  /**
   * The id of the last event a reconnecting client got: the {@code Last-Event-ID} header (sent by
   * EventSource), or a {@code lastEventId} query parameter for clients that cannot set headers.
   */
  private static Long lastEventId(HttpServletRequest request) {
    String value = request.getHeader("Last-Event-ID");
    String source = "Last-Event-ID";
    if (value == null || value.isBlank()) {
      value = request.getParameter("lastEventId");
      source = "lastEventId";
    }
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      long id = Long.parseLong(value.trim());
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ProblemException.badRequest(
        "%s is the id of the last event received, a whole number of 0 or more, not '%s'"
            .formatted(source, value));
  }

  private static String[] pathOf(HttpServletRequest request) {
    String info = request.getPathInfo();
    String[] path = info == null ? new String[0] : info.substring(1).split("/", -1);
    if (path.length != 3 || path[0].isEmpty() || path[1].isEmpty()) {
      throw ProblemException.notFound(
          "A stream URL is /stream/{app}/{model}/{id}, for example /stream/tests/ExampleTask/1");
    }
    return path;
  }
}
