package dev.sluice.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingAcknowledgementsTest {

  @Test
  void completionAcknowledgesEverythingBeforeItsBarrierAndEarlierOnes() {
    PendingAcknowledgements<Integer> p = new PendingAcknowledgements<>();
    List<Integer> acked = new ArrayList<>();
    p.add(1);
    p.add(2);
    p.barrier(10);
    p.add(3);
    p.barrier(11); // will be aborted
    p.add(4);
    p.barrier(12);
    p.add(5); // after the last barrier
    assertThat(p.size()).isEqualTo(5);
    assertThat(p.complete(9, acked::add)).isZero();
    assertThat(p.complete(10, acked::add)).isEqualTo(2);
    assertThat(acked).containsExactly(1, 2);
    // 11 aborted: its messages wait for a later completion, which covers them
    assertThat(p.complete(12, acked::add)).isEqualTo(2);
    assertThat(acked).containsExactly(1, 2, 3, 4);
    assertThat(p.size()).isEqualTo(1);
    assertThat(p.drainOpen(acked::add)).isEqualTo(1);
    assertThat(acked).containsExactly(1, 2, 3, 4, 5);
    assertThat(p.size()).isZero();
  }

  @Test
  void aBarrierWithNothingNewAddsNoGroup() {
    PendingAcknowledgements<String> p = new PendingAcknowledgements<>();
    p.barrier(1);
    p.add("a");
    p.barrier(2);
    List<String> acked = new ArrayList<>();
    assertThat(p.complete(1, acked::add)).isZero();
    assertThat(p.complete(2, acked::add)).isEqualTo(1);
  }
}
