package io.streamingcoordinator.task.control;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a failure may tell a client. A task's own words (its exceptions' messages) are passed on;
 * what comes from underneath — the database, the JDK's programming errors, the JVM — is replaced by
 * a plain sentence quoting an incident id, under which the whole cause is logged. Nothing a client
 * sees carries SQL, a Java class name or stack text.
 */
public final class Failures {

  /** What a client is told of a failure: a message and a stable error type. */
  public record Described(String message, String errorType, boolean masked) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_MESSAGE = 500;

  // SQL states of a database that cannot be reached now: connection exceptions (08), H2's
  // "database is closed" (90098), PostgreSQL's shutdown/terminated/cannot-connect (57P01..03) and
  // too many connections (53300)
  private static final Set<String> UNAVAILABLE_STATES = Set.of("90098", "57P01", "57P02", "57P03");
  private static final Pattern JAVA_NAME =
      Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+\\.[A-Z][A-Za-z0-9_$]*\\b");
  private static final Pattern SQL =
      Pattern.compile(
          "\\b(SELECT|INSERT|UPDATE|DELETE)\\b.*\\b(FROM|INTO|SET|WHERE)\\b|\\bSQL\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Set<String> JDK_BUGS =
      Set.of(
          "java.lang.NullPointerException",
          "java.lang.ClassCastException",
          "java.lang.ArrayIndexOutOfBoundsException",
          "java.lang.StringIndexOutOfBoundsException",
          "java.lang.IndexOutOfBoundsException",
          "java.lang.NegativeArraySizeException",
          "java.lang.ArrayStoreException",
          "java.util.ConcurrentModificationException",
          "java.util.NoSuchElementException");

  private Failures() {}

  /** A short random id that ties a client's message to the log line with the whole cause. */
  public static String incident() {
    byte[] bytes = new byte[4];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** What a client of a task that failed with {@code failure} is told. */
  public static Described describe(Throwable failure, String incident) {
    if (failure instanceof DatabaseOutageException outage) {
      // its message is the application's own and names the bound; the cause goes to the log
      return new Described(
          outage.getMessage() + " (incident " + incident + ")", "DatabaseUnavailable", true);
    }
    if (isDatabase(failure)) {
      return new Described(
          "The task could not use the database (incident " + incident + ")", "DatabaseError", true);
    }
    if (failure instanceof Error || JDK_BUGS.contains(failure.getClass().getName())) {
      return new Described(
          "The task failed inside the server (incident " + incident + ")", "InternalError", true);
    }
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      return new Described(
          "The task failed without saying why (incident " + incident + ")",
          failure.getClass().getSimpleName(),
          true);
    }
    String line = message.lines().findFirst().orElse("").strip();
    if (JAVA_NAME.matcher(line).find() || SQL.matcher(line).find()) {
      return new Described(
          "The task failed (incident " + incident + ")", failure.getClass().getSimpleName(), true);
    }
    if (line.length() > MAX_MESSAGE) {
      line = line.substring(0, MAX_MESSAGE) + "…";
    }
    return new Described(line, failure.getClass().getSimpleName(), false);
  }

  /** Whether the database (JDBC, JPA, JTA underneath) is anywhere in the cause. */
  public static boolean isDatabase(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String name = t.getClass().getName();
      if (t instanceof SQLException
          || name.startsWith("jakarta.persistence.")
          || name.startsWith("jakarta.transaction.")
          || name.startsWith("org.eclipse.persistence.")
          || name.startsWith("org.hibernate.")
          || name.startsWith("org.h2.")
          || name.startsWith("org.postgresql.")) {
        return true;
      }
    }
    return false;
  }

  /** The innermost cause of {@code failure}: what names the trouble, for the server's log only. */
  public static Throwable rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  /** Whether the cause is a database that cannot be reached now (answer 503, not 500). */
  public static boolean isDatabaseUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientException
          || t instanceof SQLRecoverableException
          || t.getClass().getSimpleName().endsWith("TimeoutException")) {
        return true;
      }
      if (t instanceof SQLException sql
          && sql.getMessage() != null
          && sql.getMessage().contains("allocating a connection")) {
        return true; // the server's pool found no connection (GlassFish/Payara wording)
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.equals("53300") || UNAVAILABLE_STATES.contains(state)) {
          return true;
        }
      }
    }
    return false;
  }
}
