package io.streamingcoordinator.bench.stock;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/** The product's SpamTask URLs, answered by {@link StockHub}. */
@Path("/")
public class StockResource {

  @Inject StockHub hub;

  @GET
  @Path("tasks")
  @Produces(MediaType.APPLICATION_JSON)
  public JsonArray types() {
    return Json.createArrayBuilder().add("tests/SpamTask").build();
  }

  @POST
  @Path("tasks/tests/SpamTask")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response create(
      @QueryParam("start") @DefaultValue("true") boolean start, JsonObject body, @Context Sse sse) {
    long id =
        hub.create(
            sse,
            body.getInt("count", 1000),
            body.getInt("size", 100),
            body.getInt("delayMs", 0),
            body.getBoolean("hold", false),
            start);
    return Response.status(201).entity(Json.createObjectBuilder().add("id", id).build()).build();
  }

  @PATCH
  @Path("tasks/tests/SpamTask/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public JsonObject patch(@PathParam("id") long id, JsonObject body) {
    if (!body.getBoolean("hold", true) && !hub.release(id)) {
      throw new NotFoundException();
    }
    return Json.createObjectBuilder().add("id", id).build();
  }

  @GET
  @Path("stream/tests/SpamTask/{id}")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(@PathParam("id") long id, @Context SseEventSink sink) {
    if (!hub.subscribe(id, sink)) {
      sink.close();
      throw new NotFoundException();
    }
  }
}
