package io.streamingcoordinator.api.control;

import io.streamingcoordinator.api.entity.ProblemException;

/** A true/false query parameter, strictly: anything else is the client's mistake. */
public final class QueryFlag {

  private QueryFlag() {}

  public static boolean parse(String name, String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw ProblemException.badRequest(
              "Query parameter '%s' is true or false, not '%s'".formatted(name, value));
    };
  }
}
