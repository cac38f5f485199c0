package io.streamingcoordinator.api.boundary;

import io.streamingcoordinator.api.control.ProblemResponses;
import io.streamingcoordinator.api.control.StatusProblems;
import io.streamingcoordinator.api.entity.Problem;
import io.streamingcoordinator.security.control.AccessPolicy;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * The error page of the whole application ({@code WEB-INF/web.xml}): what the servlet container
 * answers on its own (a wrong method on {@code /stream/...}, an exception no one caught) becomes a
 * problem+json answer instead of the container's HTML page. Requested directly it is not there (a
 * 404 problem); on WildFly, Undertow filters (server-config/wildfly/setup.cli) send it the requests
 * Undertow would otherwise refuse with its own HTML page, so they get that 404 too.
 */
@WebServlet(urlPatterns = ContainerErrors.PATH)
public class ContainerErrors extends HttpServlet {

  static final String PATH = "/problem";

  private static final long serialVersionUID = 1L;
  private static final System.Logger LOG = System.getLogger(ContainerErrors.class.getName());

  @Inject transient ProblemResponses problems;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getDispatcherType() != DispatcherType.ERROR) {
      problems.write(StatusProblems.of(404), response);
      return;
    }
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer number && number >= 400 ? number : 500;
    if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
      write(
          problems.unexpected(failure, "answering " + request.getMethod() + " " + uri(request)),
          response,
          request);
      return;
    } else if (status >= 500 && status != 501 && status != 505) {
      LOG.log(Level.WARNING, "Answered {0} to {1} {2}", status, request.getMethod(), uri(request));
    }
    if (status == 401
        && request.getHeader("Authorization") != null
        && !response.containsHeader("WWW-Authenticate")) {
      // the server refused the request's credentials (a bad or expired bearer token); without
      // any, the problem's own challenge is the plain one
      response.setHeader("WWW-Authenticate", AccessPolicy.CHALLENGE + ", error=\"invalid_token\"");
    }
    write(StatusProblems.of(status), response, request);
  }

  private void write(Problem problem, HttpServletResponse response, HttpServletRequest request) {
    try {
      problems.write(problem, response);
    } catch (IOException gone) {
      // the client closed the connection: nobody is left to tell, and nothing to log per request
      LOG.log(Level.DEBUG, "No answer to {0}: {1}", uri(request), gone.getMessage());
    }
  }

  private static Object uri(HttpServletRequest request) {
    return request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
  }
}
