package dev.sluice.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.JobOptions;
import dev.sluice.core.JobStatus;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sources;
import dev.sluice.core.aggregate.AggregateOperations;
import dev.sluice.core.fault.RestartStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A job that fails mid-stream restarts from its last checkpoint: nothing lost, nothing twice. */
class CheckpointRestartTest {
  private static final int KEYS = 13;

  static Engine engine() {
    return Engine.create(
        EngineConfig.defaults().withWorkerThreads(2).withThreadNamePrefix("ckpt-"));
  }

  /** The outputs of a rolling count per key over 0..n-1: key:1 .. key:count, sorted. */
  static List<String> expectedCounts(long n, int keys) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      long count = n / keys + (k < n % keys ? 1 : 0);
      for (long c = 1; c <= count; c++) {
        out.add(k + ":" + c);
      }
    }
    out.sort(null);
    return out;
  }

  /** Slows a source down a little so that checkpoints fall inside the run. */
  static long slowly(long i) {
    if (i % 2000 == 0) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return i;
  }

  @Test
  void aFailureRestartsFromTheLastCheckpointAndTheCommittedOutputEqualsAnUninterruptedRun()
      throws Exception {
    long n = 200_000;
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    CommittingSink<String> sink = new CommittingSink<>("out");
    AtomicBoolean failed = new AtomicBoolean();
    Pipeline p = Pipeline.create();
    p.source(Sources.sequence("numbers", n, CheckpointRestartTest::slowly))
        .uid("numbers")
        .map(
            i -> {
              if (i >= n / 2 && !failed.get() && !store.list("restart").isEmpty()) {
                failed.set(true);
                throw new IllegalStateException("injected failure at " + i);
              }
              return i;
            })
        .keyBy(i -> i % KEYS)
        .rollingAggregate(AggregateOperations.counting())
        .uid("count")
        .map(kv -> kv.key() + ":" + kv.value())
        .sink(sink);
    try (Engine engine = engine()) {
      Job job =
          engine.submit(
              p,
              JobOptions.defaults()
                  .withName("restart")
                  .withRestartStrategy(RestartStrategy.immediate(3))
                  .withCheckpointing(CheckpointConfig.every(Duration.ofMillis(10), store)));
      assertThat(job.join(Duration.ofSeconds(60))).isEqualTo(JobStatus.COMPLETED);
      assertThat(failed).isTrue();
      assertThat(job.restarts()).isEqualTo(1);
    }
    List<String> got = sink.committed();
    got.sort(null);
    assertThat(got).hasSize(expectedCounts(n, KEYS).size());
    assertThat(got).isEqualTo(expectedCounts(n, KEYS));
    assertThat(sink.recoverCalls.get()).isEqualTo(2); // the first attempt and the restored one
  }

  @Test
  void aJobStoppedWithoutWarningResumesFromTheNewestCheckpointWhenSubmittedAgain() throws Exception {
    long n = 60_000;
    int keys = 9;
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    CommittingSink<String> sink = new CommittingSink<>("out");
    try (Engine engine = engine()) {
      Job job =
          engine.submit(
              CrashTestPipeline.pipeline(n, keys, sink),
              JobOptions.defaults()
                  .withName(CrashTestPipeline.JOB_NAME)
                  .withRestoreFromLatest(store) // none yet: a fresh start
                  .withCheckpointing(CheckpointConfig.every(Duration.ofMillis(10), store)));
      while (store.list(CrashTestPipeline.JOB_NAME).size() < 2) {
        Thread.sleep(2);
      }
      job.cancel(); // stands for a crash: what no completed checkpoint covers is lost
      job.join(Duration.ofSeconds(30));
    }
    assertThat(sink.committed().size()).isLessThan(CrashTestPipeline.expected(n, keys).size());
    assertThat(CrashTestPipeline.run(store, sink, n, keys, Duration.ofMillis(10)))
        .isEqualTo(JobStatus.COMPLETED);
    List<String> got = sink.committed();
    got.sort(null);
    SavepointRestoreTest.assertSameLines(got, CrashTestPipeline.expected(n, keys), "resumed");
  }
}
