package io.streamingcoordinator.it;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Deployed only in test WARs: reads the server's heap after a full GC, sets JVM system properties
 * as an operator would with {@code asadmin create-system-properties} and reads back what the
 * application's config makes of them, and serves answers for FetchTask to fetch.
 */
@Path("test-support")
public class TestSupport {

  @GET
  @Path("heap")
  @Produces(MediaType.TEXT_PLAIN)
  public String heapUsedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    // a few rounds: finalisation and reference processing free more on the next collection
    for (int i = 0; i < 4; i++) {
      memory.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return Long.toString(used);
  }

  /** A body of {@code size} bytes, for FetchTask. */
  @GET
  @Path("payload/{size}")
  @Produces(MediaType.TEXT_PLAIN)
  public String payload(@PathParam("size") int size) {
    return "x".repeat(size);
  }

  /** An answer with any status, for FetchTask's failures. */
  @GET
  @Path("status/{code}")
  public Response status(@PathParam("code") int code) {
    return Response.status(code).type(MediaType.TEXT_PLAIN).entity("status " + code).build();
  }

  /** The value this application's MicroProfile Config gives now (empty if none). */
  @GET
  @Path("properties/{key}")
  @Produces(MediaType.TEXT_PLAIN)
  public String get(@PathParam("key") String key) {
    return ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse("");
  }

  @PUT
  @Path("properties/{key}")
  public void set(@PathParam("key") String key, String value) {
    System.setProperty(key, value);
  }

  @DELETE
  @Path("properties/{key}")
  public void clear(@PathParam("key") String key) {
    System.clearProperty(key);
  }
}
