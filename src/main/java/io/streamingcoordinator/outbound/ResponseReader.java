package io.streamingcoordinator.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 answer from a connection that closes after it: status line and headers
 * (bounded), then the body by its framing (chunked, Content-Length, or up to the close), counted,
 * not kept, and failing past the size limit.
 */
final class ResponseReader {

  private static final int MAX_LINE = 8192;
  private static final int MAX_HEAD = 65536;

  private final InputStream in;
  private final long maxBytes;
  private final URI uri;

  ResponseReader(InputStream in, long maxBytes, URI uri) {
    this.in = in;
    this.maxBytes = maxBytes;
    this.uri = uri;
  }

  /** The answer; a redirect's body is not read (the connection closes after it). */
  Answer read() throws IOException {
    while (true) {
      Head head = head();
      if (head.status == 101) {
        throw malformed("switched protocols");
      }
      if (head.status < 200) {
        continue; // 1xx interim answers precede the real one
      }
      Answer answer = new Answer(head.status, head.reason, head.location, head.contentType, 0);
      if (Redirects.isRedirect(answer)) {
        return answer;
      }
      long bytes = body(head);
      return new Answer(head.status, head.reason, head.location, head.contentType, bytes);
    }
  }

  /** The headers a fetch needs; the others are read past. */
  private static final class Head {
    int status;
    String reason;
    String location;
    String contentType;
    String contentLength;
    String transferEncoding;
  }

  private Head head() throws IOException {
    String statusLine = line();
    String[] parts = statusLine.split(" ", 3);
    Head head = new Head();
    if (!parts[0].startsWith("HTTP/1.") || parts.length < 2 || !parts[1].matches("\\d{3}")) {
      throw malformed("not an HTTP/1.x status line");
    }
    head.status = Integer.parseInt(parts[1]);
    head.reason = parts.length > 2 ? parts[2].trim() : "";
    int size = statusLine.length();
    for (String line = line(); !line.isEmpty(); line = line()) {
      size += line.length();
      if (size > MAX_HEAD) {
        throw malformed("headers over " + MAX_HEAD + " bytes");
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        continue; // obsolete folding or garbage: not a header a fetch needs
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      switch (name) {
        case "location" -> head.location = value;
        case "content-type" -> head.contentType = value;
        case "content-length" -> head.contentLength = combine(head.contentLength, value);
        case "transfer-encoding" -> head.transferEncoding = combine(head.transferEncoding, value);
        default -> {}
      }
    }
    return head;
  }

  private long body(Head head) throws IOException {
    if (head.status == 204 || head.status == 304) {
      return 0;
    }
    if (head.transferEncoding != null) {
      String[] codings = head.transferEncoding.toLowerCase(Locale.ROOT).split(",");
      return codings[codings.length - 1].trim().equals("chunked") ? chunked() : untilClose();
    }
    if (head.contentLength != null) {
      long length = contentLength(head.contentLength);
      if (length > maxBytes) {
        throw tooLarge();
      }
      if (discard(length) < length) {
        throw malformed("the body ended before its Content-Length");
      }
      return length;
    }
    return untilClose();
  }

  private long chunked() throws IOException {
    long total = 0;
    while (true) {
      String size = line();
      int extension = size.indexOf(';');
      String hex = (extension < 0 ? size : size.substring(0, extension)).trim();
      if (!hex.matches("[0-9A-Fa-f]{1,15}")) {
        throw malformed("not a chunk size");
      }
      long chunk = Long.parseLong(hex, 16);
      if (chunk == 0) {
        for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
          // trailers are read past
        }
        return total;
      }
      total += chunk;
      if (total > maxBytes) {
        throw tooLarge();
      }
      if (discard(chunk) < chunk || !line().isEmpty()) {
        throw malformed("a chunk ended early");
      }
    }
  }

  private long untilClose() throws IOException {
    long total = discard(maxBytes + 1);
    if (total > maxBytes) {
      throw tooLarge();
    }
    return total;
  }

  /** Reads and drops up to {@code count} bytes; returns how many there were. */
  private long discard(long count) throws IOException {
    byte[] buffer = new byte[8192];
    long left = count;
    while (left > 0) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (read < 0) {
        break;
      }
      left -= read;
    }
    return count - left;
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(80);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw malformed("the connection closed in the middle of the answer");
      }
      if (line.size() == MAX_LINE) {
        throw malformed("a line over " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  private long contentLength(String value) throws IOException {
    String[] values = value.split(",");
    String first = values[0].trim();
    for (String other : values) {
      if (!other.trim().equals(first) || !first.matches("\\d{1,18}")) {
        throw malformed("an invalid Content-Length");
      }
    }
    return Long.parseLong(first);
  }

  private static String combine(String earlier, String value) {
    return earlier == null ? value : earlier + ", " + value;
  }

  private ResponseTooLargeException tooLarge() {
    return new ResponseTooLargeException(
        "GET %s: the answer is larger than %d bytes, the most a fetch reads (streaming.http.max-response-bytes)"
            .formatted(uri, maxBytes));
  }

  private IOException malformed(String what) {
    return new IOException("GET %s: a malformed HTTP answer (%s)".formatted(uri, what));
  }
}
