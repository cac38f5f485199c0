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
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Collects one request body with non-blocking reads, so a client that sends it slowly holds no
 * thread; the body's async context times out at the deadline. When the body is complete (or one
 * byte over the size limit, which the API then refuses) the request is dispatched again with the
 * body as the request attribute {@link #BODY}.
 */
public final class BodyCollector implements ReadListener, AsyncListener {

  public static final String BODY = BodyCollector.class.getName() + ".body";

  private static final System.Logger LOG = System.getLogger(BodyCollector.class.getName());

  private final AsyncContext async;
  private final ServletInputStream in;
  private final int maxBytes;
  private final Duration deadline;
  private final ProblemResponses problems;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private final byte[] buffer = new byte[8192];
  private boolean ended;
  private boolean complete; // the whole body (or one byte over the limit) is here
  private boolean handedOver; // the thread that started the collection has left the filter

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
        break;
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
    // the whole declared body is here: go on without waiting for onAllDataRead, which Payara
    // now and then never called for a small body read at once (the request then timed out, 408)
    long declared = async.getRequest().getContentLengthLong();
    synchronized (this) {
      if (!ended && (in.isFinished() || (declared >= 0 && body.size() >= declared))) {
        dispatch();
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
    // the client broke off or sent a broken body; the cause is no business of the answer
    LOG.log(Level.DEBUG, "A request body could not be read: {0}", String.valueOf(failure));
    end(Problem.of(400, "Bad Request", "The request body could not be read"));
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

  /**
   * Called by the filter when its thread is done with the request: only then is the request
   * dispatched with its body. A body that arrived at once would otherwise be dispatched while the
   * first thread was still leaving the request, and then and again the answer went out as 500.
   */
  public synchronized void handOver() {
    handedOver = true;
    if (complete) {
      async.dispatch();
    }
  }

  private void dispatch() {
    ended = true;
    complete = true;
    async.getRequest().setAttribute(BODY, body.toByteArray());
    if (handedOver) {
      async.dispatch();
    }
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
      LOG.log(Level.DEBUG, "Could not answer a request whose body did not arrive: {0}", e);
    } finally {
      async.complete();
    }
  }
}
