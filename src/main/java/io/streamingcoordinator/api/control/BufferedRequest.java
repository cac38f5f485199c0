package io.streamingcoordinator.api.control;

import io.streamingcoordinator.security.entity.Caller;
import io.streamingcoordinator.security.entity.Role;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.stream.Collectors;

/**
 * A request whose body has already been read into memory, dispatched again with its caller as
 * identified when it arrived.
 */
public final class BufferedRequest extends HttpServletRequestWrapper {

  private final byte[] body;
  private final Caller caller;

  public BufferedRequest(HttpServletRequest request, byte[] body, Caller caller) {
    super(request);
    this.body = body;
    this.caller = caller;
  }

  /** Who sent {@code request} and which of the application's roles they hold. */
  public static Caller callerOf(HttpServletRequest request) {
    return new Caller(
        request.getUserPrincipal(),
        Role.ALL.stream().filter(request::isUserInRole).collect(Collectors.toUnmodifiableSet()));
  }

  @Override
  public Principal getUserPrincipal() {
    return caller.principal();
  }

  @Override
  public boolean isUserInRole(String role) {
    return caller.roles().contains(role);
  }

  @Override
  public ServletInputStream getInputStream() {
    ByteArrayInputStream bytes = new ByteArrayInputStream(body);
    return new ServletInputStream() {
      @Override
      public int read() {
        return bytes.read();
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        return bytes.read(buffer, offset, length);
      }

      @Override
      public boolean isFinished() {
        return bytes.available() == 0;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener listener) {
        try {
          listener.onAllDataRead();
        } catch (IOException e) {
          listener.onError(e);
        }
      }
    };
  }

  @Override
  public BufferedReader getReader() {
    String encoding = getCharacterEncoding();
    Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    return new BufferedReader(new InputStreamReader(getInputStream(), charset));
  }

  @Override
  public int getContentLength() {
    return body.length;
  }

  @Override
  public long getContentLengthLong() {
    return body.length;
  }
}
