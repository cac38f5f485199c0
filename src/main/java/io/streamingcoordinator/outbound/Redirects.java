package io.streamingcoordinator.outbound;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * How a fetch follows redirects: itself (so that each hop goes through the address policy again),
 * at most {@link #MAX_HOPS} of them, only to http and https URLs, always with GET.
 */
final class Redirects {

  static final int MAX_HOPS = 5;
  private static final Set<Integer> STATUSES = Set.of(301, 302, 303, 307, 308);

  private Redirects() {}

  /** Whether {@code answer} is a redirect to follow (a redirect status with a Location). */
  static boolean isRedirect(Answer answer) {
    return STATUSES.contains(answer.status()) && answer.location() != null;
  }

  /**
   * The URL a redirect from {@code from} leads to, resolved against it, without a fragment.
   *
   * @throws IOException if the Location is no URL, or not http or https, or hop {@code hop} (1 for
   *     the first redirect) is one too many
   */
  static URI next(URI from, Answer answer, int hop) throws IOException {
    if (hop > MAX_HOPS) {
      throw new IOException("GET %s: more than %d redirects".formatted(from, MAX_HOPS));
    }
    URI to;
    try {
      String resolved = from.resolve(new URI(answer.location().trim())).toString();
      to =
          new URI(resolved.contains("#") ? resolved.substring(0, resolved.indexOf('#')) : resolved);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IOException("GET %s: redirected to an invalid URL".formatted(from), e);
    }
    String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IOException(
          "GET %s: redirected to a URL that is not http or https".formatted(from));
    }
    return to;
  }
}
