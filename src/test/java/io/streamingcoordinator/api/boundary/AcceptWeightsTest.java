package io.streamingcoordinator.api.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AcceptWeightsTest {

  @Test
  void weightsFromZeroToOneAreAccepted() {
    for (String q : new String[] {"0", "1", "0.5", "1.000", "0.001", ".2", "1."}) {
      assertTrue(AcceptWeights.isWeight(q), q);
    }
  }

  @Test
  void anythingElseIsNoWeight() {
    for (String q :
        new String[] {"abc", "", "-1", "1.5", "2", "1e0", "0x1", "NaN", "1".repeat(400)}) {
      assertFalse(AcceptWeights.isWeight(q), q);
    }
  }
}
