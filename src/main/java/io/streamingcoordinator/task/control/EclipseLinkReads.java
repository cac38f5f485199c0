package io.streamingcoordinator.task.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.lang.System.Logger.Level;

/**
 * EclipseLink, Payara's JPA provider, tries a read that failed for a lost connection three times
 * more, 5 s apart: while the database was out of reach every lookup answered after 10 s instead of
 * at once, and readiness took as long to say DOWN. The application waits out outages itself (runs
 * retry their writes, clients get 503 + Retry-After), so those retries are turned off when the
 * application starts. By reflection, so that the WAR deploys with any provider: on the others
 * (Hibernate on WildFly does not retry) it does nothing. The one provider-specific class.
 */
@ApplicationScoped
public class EclipseLinkReads {

  private static final System.Logger LOG = System.getLogger(EclipseLinkReads.class.getName());
  private static final String SESSION = "org.eclipse.persistence.sessions.Session";

  @PersistenceUnit(unitName = "tasks")
  EntityManagerFactory factory;

  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    try {
      Class<?> sessionType =
          Class.forName(SESSION, false, Thread.currentThread().getContextClassLoader());
      Object session = factory.unwrap(sessionType);
      Object login = sessionType.getMethod("getDatasourceLogin").invoke(session);
      login.getClass().getMethod("setQueryRetryAttemptCount", int.class).invoke(login, 0);
      LOG.log(Level.DEBUG, "EclipseLink's read retries are off");
    } catch (ReflectiveOperationException | RuntimeException | LinkageError other) {
      // another provider (or an EclipseLink without these methods): nothing to turn off
      LOG.log(Level.DEBUG, "No EclipseLink read retries to turn off: {0}", other.toString());
    }
  }
}
