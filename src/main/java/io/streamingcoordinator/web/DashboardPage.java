package io.streamingcoordinator.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * The dashboard's page at {@code /}. A resource of the REST application, which owns the context
 * root: a servlet on the empty-string mapping served it on Payara but not on WildFly, where
 * RESTEasy's {@code /*} took {@code /} first. Its style sheet and script are {@link
 * DashboardServlet}'s.
 */
@Path("/")
@RequestScoped
public class DashboardPage {

  @Context ServletContext context;

  @GET
  @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
  public Response page() {
    InputStream page = context.getResourceAsStream(DashboardServlet.PAGE);
    if (page == null) {
      throw new NotFoundException(); // a WAR built without the dashboard: a 404 problem
    }
    Response.ResponseBuilder answer = Response.ok(page);
    DashboardServlet.HEADERS.forEach(answer::header);
    return answer.build();
  }
}
