package io.streamingcoordinator.api.control;

import io.streamingcoordinator.api.entity.Problem;
import jakarta.ws.rs.core.Response;

/**
 * The problem for an HTTP status the container or JAX-RS answers on its own (unknown URL, wrong
 * method, a malformed request): its title and a detail in plain words, the same from either.
 */
public final class StatusProblems {

  public static final String SERVER_FAILED = "The server failed; the error is in its log";

  private StatusProblems() {}

  public static Problem of(int status) {
    return Problem.of(status, title(status), detail(status));
  }

  static String title(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    if (known != null) {
      return known.getReasonPhrase();
    }
    return switch (status) {
      case 413 -> "Content Too Large";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      default -> status >= 500 ? "Server Error" : "Client Error";
    };
  }

  static String detail(int status) {
    return switch (status) {
      case 400 -> "The request is malformed";
      case 401 ->
          "The credentials sent are not valid: a bearer token must be well formed, unexpired and"
              + " signed by the issuer the server trusts (mp.jwt.verify.*)";
      case 403 -> "The request is not allowed";
      case 404 -> "There is nothing at this URL";
      case 405 -> "This URL does not answer that method";
      case 406 -> "This URL cannot answer in the requested media type";
      case 408 -> "The request took too long to arrive";
      case 411 -> "The request needs a Content-Length";
      case 413 -> "The request is too large";
      case 414 -> "The URL is too long";
      case 415 -> "This URL does not accept that media type";
      case 431 -> "The request's headers are too large";
      case 500 -> SERVER_FAILED;
      case 501 -> "The server does not know that method";
      case 503 -> "The server cannot answer now; try again later";
      case 505 -> "The server speaks HTTP/1.0 and HTTP/1.1 only";
      default ->
          status >= 500
              ? "The server cannot answer this request"
              : "The request cannot be answered";
    };
  }
}
