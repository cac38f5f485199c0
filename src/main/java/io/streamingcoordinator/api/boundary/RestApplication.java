package io.streamingcoordinator.api.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The REST API at the context root; {@code /stream/*} is served by the stream servlet. */
@ApplicationPath("/")
public class RestApplication extends Application {

  /**
   * Jersey answers OPTIONS with a WADL document naming the resource classes; without it OPTIONS
   * answers the {@code Allow} header only. Other JAX-RS implementations ignore the key.
   */
  @Override
  public Map<String, Object> getProperties() {
    return Map.of("jersey.config.server.wadl.disableWadl", true);
  }
}
