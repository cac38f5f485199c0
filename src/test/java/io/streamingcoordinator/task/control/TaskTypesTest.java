package io.streamingcoordinator.task.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.task.entity.GeneratorTask;
import io.streamingcoordinator.task.entity.StreamTask;
import io.streamingcoordinator.task.entity.TaskContext;
import io.streamingcoordinator.task.entity.TaskType;
import io.streamingcoordinator.task.examples.ContinueTask;
import io.streamingcoordinator.task.examples.ExampleTask;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskTypesTest {

  /** A type outside the examples package: its app is its package's last segment. */
  static class Local extends StreamTask {
    @Override
    protected Object process(TaskContext context) {
      return null;
    }
  }

  @Test
  void everyConcreteTaskEntityIsATypeAddressedByAppAndModel() {
    TaskTypes types = new TaskTypes();
    types.register(
        List.of(
            ExampleTask.class,
            ContinueTask.class,
            StreamTask.class,
            GeneratorTask.class,
            Local.class,
            String.class));

    assertEquals(
        List.of("control/Local", "tests/ContinueTask", "tests/ExampleTask"),
        types.all().stream().map(TaskType::path).toList());
    assertEquals(ExampleTask.class, types.find("tests", "ExampleTask").orElseThrow().javaClass());
    assertTrue(types.find("tests", "StreamTask").isEmpty(), "abstract types are not addressable");
    assertEquals("tests/ContinueTask", types.of(new ContinueTask()).path());
  }

  @Test
  void twoTypesWithOneAddressAreRefused() {
    TaskTypes types = new TaskTypes();
    IllegalStateException clash =
        assertThrows(
            IllegalStateException.class,
            () -> types.register(List.of(Local.class, OtherPackage.Local.class)));
    assertTrue(clash.getMessage().contains("control/Local"), clash.getMessage());
  }

  static final class OtherPackage {
    static class Local extends StreamTask {
      @Override
      protected Object process(TaskContext context) {
        return null;
      }
    }
  }
}
