package io.streamingcoordinator.api.boundary;

import io.streamingcoordinator.api.control.BodyCollector;
import io.streamingcoordinator.api.control.BufferedRequest;
import io.streamingcoordinator.api.control.ProblemResponses;
import io.streamingcoordinator.config.TaskSettings;
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
import java.io.IOException;
import java.time.Duration;

/**
 * Reads every request body before the API sees it, without a thread while the client is slow and
 * within {@code streaming.api.body-timeout}: the API's blocking reads then find the body in memory,
 * so slow or endless bodies cannot take the server's request threads. Requests without a body pass
 * straight through.
 */
@WebFilter(
    urlPatterns = "/*",
    asyncSupported = true,
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC})
public class RequestBodyFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject transient TaskSettings settings;
  @Inject transient ProblemResponses problems;
  @Inject transient RequestContextController requestContext;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Object body = request.getAttribute(BodyCollector.BODY);
    if (request.getDispatcherType() == DispatcherType.ASYNC && body instanceof byte[] bytes) {
      request.removeAttribute(BodyCollector.BODY);
      // Payara does not activate CDI's request scope for an async dispatch; the resources need it
      boolean activated = requestContext.activate();
      try {
        chain.doFilter(new BufferedRequest(request, bytes), response);
      } finally {
        if (activated) {
          requestContext.deactivate();
        }
      }
    } else if (request.getDispatcherType() == DispatcherType.REQUEST && hasBody(request)) {
      Duration deadline = settings.bodyTimeout();
      AsyncContext async = request.startAsync();
      async.setTimeout(deadline.toMillis());
      ServletInputStream in = request.getInputStream();
      BodyCollector collector =
          new BodyCollector(async, in, settings.maxBodyBytes(), deadline, problems);
      async.addListener(collector);
      in.setReadListener(collector);
    } else {
      chain.doFilter(request, response);
    }
  }

  private static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }
}
