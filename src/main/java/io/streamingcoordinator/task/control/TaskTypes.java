package io.streamingcoordinator.task.control;

import io.streamingcoordinator.task.entity.StreamTask;
import io.streamingcoordinator.task.entity.TaskType;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import jakarta.persistence.metamodel.EntityType;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every concrete {@link StreamTask} entity the persistence unit knows, by {@code app/model}: a new
 * task type is found here because it is an entity, with no registration of its own.
 */
@ApplicationScoped
public class TaskTypes {

  private static final System.Logger LOG = System.getLogger(TaskTypes.class.getName());

  @PersistenceUnit EntityManagerFactory emf;

  private Map<String, TaskType> types = Map.of();

  @PostConstruct
  void discover() {
    register(
        emf.getMetamodel().getEntities().stream()
            .map(EntityType::getJavaType)
            .collect(Collectors.toList()));
    LOG.log(System.Logger.Level.INFO, "Task types: {0}", types.keySet());
  }

  void register(Collection<Class<?>> entityClasses) {
    Map<String, TaskType> found = new TreeMap<>();
    for (Class<?> type : entityClasses) {
      if (StreamTask.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
        TaskType taskType =
            new TaskType(
                TaskType.appOf(type), type.getSimpleName(), type.asSubclass(StreamTask.class));
        TaskType clash = found.put(taskType.path(), taskType);
        if (clash != null) {
          throw new IllegalStateException(
              "two task types share the address %s: %s and %s"
                  .formatted(taskType.path(), clash.javaClass(), type));
        }
      }
    }
    types = Collections.unmodifiableMap(found);
  }

  public Optional<TaskType> find(String app, String model) {
    return Optional.ofNullable(types.get(app + "/" + model));
  }

  public TaskType of(StreamTask task) {
    return types.values().stream()
        .filter(t -> t.javaClass() == task.getClass())
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a task type: " + task.getClass()));
  }

  public Collection<TaskType> all() {
    return types.values();
  }
}
