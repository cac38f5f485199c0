package io.streamingcoordinator.api.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API at the context root; {@code /stream/*} is served by the stream servlet. */
@ApplicationPath("/")
public class RestApplication extends Application {}
