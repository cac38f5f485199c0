package io.streamingcoordinator.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The schema version the WAR's migrations lead to (the highest {@code V<n>__} file under
 * src/main/resources/db/migration/postgresql; H2's folder has the same versions), so that the tests
 * that count migrations follow each new one by themselves.
 */
final class Schema {

  private Schema() {}

  static int latest() {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration/postgresql"))) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.matches("V\\d+__.*\\.sql"))
          .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
          .max()
          .orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
