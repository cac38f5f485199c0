package io.streamingcoordinator.task.entity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@code app} half of a task type's address {@code {app}/{model}}. Put it on a task class or on
 * its package; without it the app is the last segment of the package name.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.PACKAGE})
public @interface TaskApp {
  String value();
}
