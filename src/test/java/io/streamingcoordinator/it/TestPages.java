package io.streamingcoordinator.it;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * Deployed only in test WARs: serves the browser tests' pages ({@code src/test/browser/*.html},
 * added under {@code WEB-INF/test-pages/}) at {@code /test-pages/<name>.html}, on the server's own
 * origin. A servlet, because the REST application at {@code /} would answer every other path.
 */
@WebServlet(urlPatterns = TestPages.PATH + "/*")
public class TestPages extends HttpServlet {

  static final String PATH = "/test-pages";
  static final String FOLDER = "WEB-INF/test-pages/";
  private static final long serialVersionUID = 1L;
  private static final Pattern NAME = Pattern.compile("/[a-z0-9-]+\\.html");

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String name = request.getPathInfo();
    InputStream page =
        name != null && NAME.matcher(name).matches()
            ? getServletContext().getResourceAsStream("/" + FOLDER + name.substring(1))
            : null;
    if (page == null) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    try (InputStream in = page) {
      response.setContentType("text/html;charset=UTF-8");
      response.setHeader("Cache-Control", "no-store");
      in.transferTo(response.getOutputStream());
    }
  }
}
