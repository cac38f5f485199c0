package io.streamingcoordinator.security.entity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call a resource method ({@link Role#ADMIN} always may). Checked by the
 * application itself (security.boundary.RoleCheck) rather than left to {@code @RolesAllowed}, so
 * that {@code streaming.security.enabled=false} can turn the checks off on every server and every
 * refusal is the same problem+json answer.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Allowed {
  String[] value();
}
