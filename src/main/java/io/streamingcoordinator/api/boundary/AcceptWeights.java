package io.streamingcoordinator.api.boundary;

import io.streamingcoordinator.api.entity.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses with a 400 an {@code Accept} header whose {@code q} weight is no number from 0 to 1,
 * before any resource is matched: RESTEasy (WildFly) fails on one while it matches and would answer
 * a 500. Lenient where clients are known to be ({@code q=.2}, as Java's HttpURLConnection sends
 * it).
 */
@Provider
@PreMatching
public class AcceptWeights implements ContainerRequestFilter {

  private static final Pattern WEIGHT = Pattern.compile(";\\s*[qQ]\\s*=\\s*([^;,]*)");
  private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d*)?|\\.\\d+");

  @Override
  public void filter(ContainerRequestContext request) {
    List<String> values = request.getHeaders().get(HttpHeaders.ACCEPT);
    if (values == null) {
      return;
    }
    for (String value : values) {
      Matcher weight = WEIGHT.matcher(value);
      while (weight.find()) {
        String q = weight.group(1).strip();
        if (!isWeight(q)) {
          throw ProblemException.badRequest(
              "The Accept header has a weight (q) that is not a number from 0 to 1");
        }
      }
    }
  }

  static boolean isWeight(String q) {
    return NUMBER.matcher(q).matches() && Double.parseDouble(q) <= 1;
  }
}
