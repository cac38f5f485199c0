package io.streamingcoordinator.api.boundary;

import io.streamingcoordinator.api.control.BodyCollector;
import io.streamingcoordinator.api.control.BufferedRequest;
import io.streamingcoordinator.api.control.ProblemResponses;
import io.streamingcoordinator.api.control.StatusProblems;
import io.streamingcoordinator.api.entity.Problem;
import io.streamingcoordinator.config.TaskSettings;
import io.streamingcoordinator.security.control.AccessPolicy;
import io.streamingcoordinator.security.entity.Caller;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Reads every request body before the API sees it, without a thread while the client is slow and
 * within {@code streaming.api.body-timeout}: the API's blocking reads then find the body in memory,
 * so slow or endless bodies cannot take the server's request threads. Requests without a body, and
 * bodies already wholly in the server's buffer when the request arrives, pass straight through.
 */
@WebFilter(
    urlPatterns = "/*",
    asyncSupported = true,
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC})
public class RequestBodyFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;
  private static final String CALLER = RequestBodyFilter.class.getName() + ".caller";
  private static final System.Logger LOG = System.getLogger(RequestBodyFilter.class.getName());

  @Inject transient TaskSettings settings;
  @Inject transient ProblemResponses problems;
  @Inject transient RequestContextController requestContext;
  @Inject transient AccessPolicy access;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Object body = request.getAttribute(BodyCollector.BODY);
    if (request.getDispatcherType() == DispatcherType.ASYNC && body instanceof byte[] bytes) {
      request.removeAttribute(BodyCollector.BODY);
      Caller caller = (Caller) request.getAttribute(CALLER);
      // Payara does not activate CDI's request scope for an async dispatch; the resources need it
      boolean activated = requestContext.activate();
      try {
        chain.doFilter(new BufferedRequest(request, bytes, caller), new ProblemOnError(response));
      } catch (IOException | ServletException | RuntimeException e) {
        LOG.log(Level.ERROR, "Unexpected failure answering " + request.getRequestURI(), e);
        if (!response.isCommitted()) {
          response.reset();
          problems.write(StatusProblems.of(500), response);
        }
      } finally {
        if (activated) {
          requestContext.deactivate();
        }
      }
    } else if (request.getDispatcherType() == DispatcherType.REQUEST
        && hasBody(request)
        && request.getUserPrincipal() == null
        && access.enabled()) {
      // every operation that takes a body needs a role: the anonymous are refused unread
      response.setHeader("Connection", "close"); // the body is never read
      problems.write(
          Problem.of(
              401,
              "Unauthorized",
              "This needs credentials: an Authorization: Bearer token of a caller with a role"
                  + " that may make this change"),
          response);
    } else if (request.getDispatcherType() == DispatcherType.REQUEST && hasBody(request)) {
      Duration deadline = settings.bodyTimeout();
      request.setAttribute(CALLER, BufferedRequest.callerOf(request));
      AsyncContext async = request.startAsync();
      async.setTimeout(deadline.toMillis());
      ServletInputStream in = request.getInputStream();
      BodyCollector collector =
          new BodyCollector(async, in, settings.maxBodyBytes(), deadline, problems);
      async.addListener(collector);
      in.setReadListener(collector);
      collector.handOver();
    } else {
      chain.doFilter(request, response);
    }
  }

  /**
   * The container applies no error page to an async dispatch, so an error the container or JAX-RS
   * sends there (a wrong method, an unreadable media type) becomes the problem here.
   */
  private final class ProblemOnError extends HttpServletResponseWrapper {
    ProblemOnError(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void sendError(int status) throws IOException {
      sendError(status, null);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
      if (isCommitted()) {
        super.sendError(status, message);
        return;
      }
      resetBuffer(); // headers such as Allow stay
      problems.write(StatusProblems.of(status), (HttpServletResponse) getResponse());
    }
  }

  private static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }
}
