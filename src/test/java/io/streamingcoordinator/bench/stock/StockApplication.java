package io.streamingcoordinator.bench.stock;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The stock baseline: the same URLs as the product's SpamTask, served by a JAX-RS broadcaster. */
@ApplicationPath("/")
public class StockApplication extends Application {}
