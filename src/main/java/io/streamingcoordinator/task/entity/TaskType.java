package io.streamingcoordinator.task.entity;

/** A concrete task class and its address {@code {app}/{model}}. */
public record TaskType(String app, String model, Class<? extends StreamTask> javaClass) {

  public String path() {
    return app + "/" + model;
  }

  /** The app of a task class: its own or its package's {@link TaskApp}, else the package name. */
  public static String appOf(Class<?> type) {
    TaskApp onType = type.getAnnotation(TaskApp.class);
    if (onType != null) {
      return onType.value();
    }
    TaskApp onPackage = type.getPackage().getAnnotation(TaskApp.class);
    if (onPackage != null) {
      return onPackage.value();
    }
    String pkg = type.getPackageName();
    return pkg.substring(pkg.lastIndexOf('.') + 1);
  }
}
