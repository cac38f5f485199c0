package io.streamingcoordinator.task.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class FailuresTest {

  @Test
  void aTasksOwnWordsArePassedOn() {
    Failures.Described told =
        Failures.describe(new IOException("GET https://api.example/x answered 404 Not Found"), "x");
    assertEquals("GET https://api.example/x answered 404 Not Found", told.message());
    assertEquals("IOException", told.errorType());
    assertFalse(told.masked());
    assertEquals(
        "boom",
        Failures.describe(new IllegalArgumentException("boom\n\tat a.B.c(B.java:1)"), "x")
            .message());
  }

  @Test
  void theDatabaseIsNeverQuoted() {
    RuntimeException eclipselink =
        new IllegalStateException(
            "Exception [EclipseLink-4002]: Internal Exception: org.postgresql.util.PSQLException",
            new SQLException("ERROR: relation \"stream_task\" does not exist", "42P01"));
    Failures.Described told = Failures.describe(eclipselink, "1a2b3c4d");
    assertEquals("The task could not use the database (incident 1a2b3c4d)", told.message());
    assertEquals("DatabaseError", told.errorType());
    assertTrue(told.masked());
    assertTrue(Failures.isDatabase(eclipselink));
  }

  @Test
  void sqlClassNamesAndProgrammingErrorsAreMasked() {
    assertTrue(
        Failures.describe(new IllegalStateException("SELECT id FROM stream_task WHERE x"), "i")
            .masked());
    assertTrue(
        Failures.describe(new IllegalStateException("bad io.streamingcoordinator.task.Foo"), "i")
            .masked());
    Failures.Described npe =
        Failures.describe(new NullPointerException("Cannot invoke \"String.length()\""), "ab");
    assertEquals("The task failed inside the server (incident ab)", npe.message());
    assertEquals("InternalError", npe.errorType());
    assertTrue(Failures.describe(new OutOfMemoryError("Java heap space"), "i").masked());
    assertTrue(Failures.describe(new IllegalStateException(), "i").masked());
    String long1000 = "x".repeat(1000);
    assertEquals(
        501, Failures.describe(new IllegalStateException(long1000), "i").message().length());
  }

  @Test
  void anUnreachableDatabaseIsToldApartFromAFailingStatement() {
    assertTrue(
        Failures.isDatabaseUnavailable(
            new RuntimeException(new SQLTransientConnectionException("refused"))));
    assertTrue(
        Failures.isDatabaseUnavailable(new RuntimeException(new SQLException("x", "08001"))));
    assertTrue(
        Failures.isDatabaseUnavailable(
            new RuntimeException(new SQLException("terminating connection", "57P01"))));
    assertTrue(
        Failures.isDatabaseUnavailable(
            new RuntimeException(new SQLException("Database is already closed", "90098"))));
    assertTrue(
        Failures.isDatabaseUnavailable(
            new RuntimeException(
                new SQLException("Error in allocating a connection. Cause: Connection refused"))));
    assertFalse(
        Failures.isDatabaseUnavailable(new RuntimeException(new SQLException("dup", "23505"))));
    assertFalse(Failures.isDatabaseUnavailable(new IllegalStateException("no")));
    assertEquals(8, Failures.incident().length());
  }
}
