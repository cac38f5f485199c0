package io.streamingcoordinator.bench.stock;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** A job of the stock baseline, stored like the product stores its tasks. */
@Entity
public class StockJob {

  @Id @GeneratedValue private Long id;

  private int eventCount; // COUNT and SIZE are reserved words in H2 2
  private int payloadSize;
  private int delayMs;
  private String status = "PENDING";
  private long createdAt = System.currentTimeMillis();
  private long completedAt;

  protected StockJob() {}

  StockJob(int count, int size, int delayMs) {
    this.eventCount = count;
    this.payloadSize = size;
    this.delayMs = delayMs;
  }

  Long getId() {
    return id;
  }

  void finish() {
    status = "COMPLETED";
    completedAt = System.currentTimeMillis();
  }

  @Override
  public String toString() {
    return "StockJob " + id + " " + status + " created " + createdAt + " completed " + completedAt;
  }
}
