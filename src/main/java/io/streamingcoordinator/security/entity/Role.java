package io.streamingcoordinator.security.entity;

import java.util.List;

/**
 * The application's roles, as the caller's identity names them (the {@code groups} of a
 * MicroProfile JWT, or the server realm's groups mapped to roles).
 */
public final class Role {

  /** Cleanup and anything operational; may also do whatever the other roles may. */
  public static final String ADMIN = "admin";

  /** Creates, changes and cancels tasks, and reads them. */
  public static final String PRODUCER = "producer";

  /** Reads tasks and watches their streams. */
  public static final String READER = "reader";

  public static final List<String> ALL = List.of(ADMIN, PRODUCER, READER);

  private Role() {}
}
