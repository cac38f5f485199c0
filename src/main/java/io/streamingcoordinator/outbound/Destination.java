package io.streamingcoordinator.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * Where one request goes: the URL's host (for Host and TLS) and port, and the addresses the policy
 * checked, which are the only ones it connects to.
 */
record Destination(URI uri, String host, int port, boolean tls, List<InetAddress> addresses) {

  Destination {
    addresses = List.copyOf(addresses);
  }

  /** The request target: path and query, never the fragment. */
  String target() {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  /** The Host header: the URL's host as written (IPv6 in brackets), and its port if it has one. */
  String hostHeader() {
    return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }
}
