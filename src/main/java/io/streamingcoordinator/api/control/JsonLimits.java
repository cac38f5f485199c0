package io.streamingcoordinator.api.control;

import io.streamingcoordinator.api.entity.ProblemException;

/**
 * Checks the shape of a JSON text before any parser sees it: how deep it nests, how long its number
 * literals are, and that nothing follows the top-level value. A lexical scan of our own, so the
 * limits hold whatever JSON-P implementation (and whatever limits of its own) the server has.
 */
final class JsonLimits {

  /** Objects and arrays inside each other; task fields need two or three. */
  static final int MAX_DEPTH = 32;

  /** Characters in one number literal: enough for any double or long, far below a slow parse. */
  static final int MAX_NUMBER_LENGTH = 100;

  private JsonLimits() {}

  /** Throws a 400 problem if {@code text} is too deep, has a too long number or trailing text. */
  static void check(String text) {
    int depth = 0;
    boolean ended = false; // the top-level value is complete
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isWhitespace(c)) {
        continue;
      }
      if (ended) {
        throw ProblemException.badRequest(
            "The body must be one JSON object with nothing after it; more text follows at"
                + " character "
                + (i + 1));
      }
      if (c == '{' || c == '[') {
        if (++depth > MAX_DEPTH) {
          throw ProblemException.badRequest(
              "The body nests objects and arrays more than " + MAX_DEPTH + " levels deep");
        }
      } else if (c == '}' || c == ']') {
        if (--depth <= 0) {
          ended = depth == 0;
          if (depth < 0) {
            return; // not JSON at all: the parser says where
          }
        }
      } else if (c == '"') {
        i = endOfString(text, i);
        ended = depth == 0;
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        int end = endOfRun(text, i, true);
        if (end - i > MAX_NUMBER_LENGTH) {
          throw ProblemException.badRequest(
              "The body has a number longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        i = end - 1;
        ended = depth == 0;
      } else if (c >= 'a' && c <= 'z') {
        i = endOfRun(text, i, false) - 1; // true, false, null (or a mistake the parser reports)
        ended = depth == 0;
      }
    }
  }

  /** The index of the quote that closes the string opening at {@code start} (or the end). */
  private static int endOfString(String text, int start) {
    for (int i = start + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return text.length();
  }

  private static int endOfRun(String text, int start, boolean number) {
    int i = start;
    while (i < text.length()
        && (number ? isNumberChar(text.charAt(i)) : isLetter(text.charAt(i)))) {
      i++;
    }
    return i;
  }

  private static boolean isNumberChar(char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
  }

  private static boolean isLetter(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
}
