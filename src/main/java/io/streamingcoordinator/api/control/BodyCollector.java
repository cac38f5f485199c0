package io.streamingcoordinator.api.control;

import io.streamingcoordinator.api.entity.Problem;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Collects one request body with non-blocking reads, so a client that sends it slowly holds no
 * thread; the body's async context times out at the deadline. When the body is complete (or one
 * byte over the size limit, which the API then refuses) the request is dispatched again with the
 * body as the request attribute {@link #BODY}.
 */
public final class BodyCollector implements ReadListener, AsyncListener {

  public static final String BODY = BodyCollector.class.getName() + ".body";

  private static final Logger LOG = Logger.getLogger(BodyCollector.class.getName());

  private final AsyncContext async;
  private final ServletInputStream in;
  private final int maxBytes;
  private final Duration deadline;
  private final ProblemResponses problems;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private final byte[] buffer = new byte[8192];
  private boolean ended;

  public BodyCollector(
      AsyncContext async,
      ServletInputStream in,
      int maxBytes,
      Duration deadline,
      ProblemResponses problems) {
    this.async = async;
    this.in = in;
    this.maxBytes = maxBytes;
    this.deadline = deadline;
    this.problems = problems;
  }

  @Override
  public void onDataAvailable() throws IOException {
    while (in.isReady()) {
      int n = in.read(buffer);
      if (n < 0) {
        return; // onAllDataRead follows
      }
      synchronized (this) {
        if (ended) {
          return;
        }
        body.write(buffer, 0, n);
        if (body.size() > maxBytes) {
          dispatch(); // the rest is never read: the API answers 413 from what it got
          return;
        }
      }
    }
  }

  @Override
  public synchronized void onAllDataRead() {
    if (!ended) {
      dispatch();
    }
  }

  @Override
  public void onError(Throwable failure) {
    end(Problem.of(400, "Bad Request", "The request body could not be read: " + failure));
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    end(
        Problem.of(
            408,
            "Request Timeout",
            "The request body did not arrive within %d s".formatted(deadline.toSeconds())));
  }

  @Override
  public void onComplete(AsyncEvent event) {}

  @Override
  public void onError(AsyncEvent event) {
    onError(event.getThrowable());
  }

  @Override
  public void onStartAsync(AsyncEvent event) {}

  private void dispatch() {
    ended = true;
    async.getRequest().setAttribute(BODY, body.toByteArray());
    async.dispatch();
  }

  private void end(Problem problem) {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
    }
    HttpServletResponse response = (HttpServletResponse) async.getResponse();
    try {
      response.setHeader("Connection", "close"); // the rest of the body is never read
      problems.write(problem, response);
    } catch (IOException | IllegalStateException e) {
      LOG.log(Level.FINE, "could not answer a request whose body did not arrive", e);
    } finally {
      async.complete();
    }
  }
}
