package io.streamingcoordinator.outbound;

import java.io.IOException;
import java.net.URI;

/**
 * A fetch the outbound address policy refused. Its message names the URL the task asked for and the
 * setting, never the addresses behind it: a task's error event must not map the network.
 */
public class OutboundRefusedException extends IOException {

  private static final long serialVersionUID = 1L;
  private static final String WHY =
      "the server fetches only public addresses, and others only if "
          + AllowedHosts.KEY
          + " allows them";

  private OutboundRefusedException(String message) {
    super(message);
  }

  static OutboundRefusedException refused(URI uri) {
    return new OutboundRefusedException(
        "GET %s was refused by the outbound address policy: %s".formatted(uri, WHY));
  }

  static OutboundRefusedException redirected(URI uri) {
    return new OutboundRefusedException(
        "GET %s was redirected to a URL refused by the outbound address policy: %s"
            .formatted(uri, WHY));
  }
}
