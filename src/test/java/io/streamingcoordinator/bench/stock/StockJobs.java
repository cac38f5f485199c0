package io.streamingcoordinator.bench.stock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** The stock baseline's storage: one row per job, written at creation and at the end. */
@ApplicationScoped
@Transactional
public class StockJobs {

  @PersistenceContext EntityManager em;

  public long create(int count, int size, int delayMs) {
    StockJob job = new StockJob(count, size, delayMs);
    em.persist(job);
    em.flush();
    return job.getId();
  }

  public void finish(long id) {
    StockJob job = em.find(StockJob.class, id);
    if (job != null) {
      job.finish();
    }
  }
}
