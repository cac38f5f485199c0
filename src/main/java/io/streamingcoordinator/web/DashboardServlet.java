package io.streamingcoordinator.web;

import io.streamingcoordinator.api.control.ProblemResponses;
import io.streamingcoordinator.api.control.StatusProblems;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard's files, {@code /dashboard/<name>}: the static files under {@code
 * src/main/webapp/dashboard/} (its page is at {@code /}, {@link DashboardPage}). A servlet, because
 * the REST application at the context root answers every path the container's own file serving
 * would have had; a longer prefix than the REST application's {@code /*} wins. Only plain file
 * names are served, so nothing outside that folder (WEB-INF included) is reachable through it.
 * Anonymous: the files hold no data; everything the page shows comes from the API with the caller's
 * token.
 */
@WebServlet(urlPatterns = DashboardServlet.FILES + "/*")
public class DashboardServlet extends HttpServlet {

  static final String FILES = "/dashboard";
  static final String PAGE = FILES + "/index.html";

  private static final long serialVersionUID = 1L;
  private static final Pattern NAME = Pattern.compile("/([a-z0-9-]+)\\.(html|css|js)");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html;charset=UTF-8",
          "css", "text/css;charset=UTF-8",
          "js", "text/javascript;charset=UTF-8");
  // the page's own files and API only: no inline script or style, no other origin, no framing
  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

  /** What every file of the dashboard is served with. */
  static final Map<String, String> HEADERS =
      Map.of(
          "Cache-Control", "no-cache",
          "X-Content-Type-Options", "nosniff",
          "Referrer-Policy", "no-referrer",
          "Content-Security-Policy", POLICY);

  @Inject transient ProblemResponses problems;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String name = request.getPathInfo();
    Matcher file = name == null ? null : NAME.matcher(name);
    InputStream in =
        file != null && file.matches()
            ? getServletContext().getResourceAsStream(FILES + name)
            : null;
    if (in == null) {
      problems.write(StatusProblems.of(404), response);
      return;
    }
    try (in) {
      response.setContentType(TYPES.get(file.group(2)));
      HEADERS.forEach(response::setHeader);
      in.transferTo(response.getOutputStream());
    }
  }
}
