package dev.sluice.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.core.JobOptions;
import dev.sluice.core.JobStatus;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sources;
import dev.sluice.core.aggregate.AggregateOperations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Savepoints and explicit restores, at the same and at other parallelisms: the committed output
 * of a run stopped at a savepoint plus that of a run restored from it equals the output of an
 * uninterrupted run, for every kind of managed state (keyed value, list-valued, map and
 * namespaced state, event- and processing-time timers, operator list state, rolling aggregates)
 * and for source positions and sink transactions.
 */
class SavepointRestoreTest {
  private static final long N = 6_000;
  private static final int KEYS = 11;

  private static Pipeline allState(GatedSequenceSource source, CommittingSink<String> sink, int p) {
    Pipeline pipeline = Pipeline.create();
    pipeline
        .source(source)
        .uid("numbers")
        .withTimestamps(i -> i, 0)
        .keyBy(i -> i % KEYS)
        .customOperator("all-state", AllStateOperator::new)
        .uid("all-state")
        .parallelism(p)
        .customOperator("seen", SeenCountingOperator::new)
        .uid("seen")
        .parallelism(p)
        .sink(sink);
    return pipeline;
  }

  /** Sorted, with the per-instance totals ("seen:", "pending:") summed into one line each. */
  private static List<String> normalized(List<String> lines) {
    long seen = 0;
    long pending = 0;
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      if (l.startsWith("seen:")) {
        seen += Long.parseLong(l.substring(5));
      } else if (l.startsWith("pending:")) {
        pending += Long.parseLong(l.substring(8));
      } else {
        out.add(l);
      }
    }
    out.add("seen:" + seen);
    out.add("pending:" + pending);
    out.sort(null);
    return out;
  }

  /** Equal lists, or a failure naming what is missing and what is extra (first ten each). */
  static void assertSameLines(List<String> actual, List<String> expected, String what) {
    if (actual.equals(expected)) {
      return;
    }
    java.util.Map<String, Integer> diff = new java.util.TreeMap<>();
    for (String e : expected) {
      diff.merge(e, -1, Integer::sum);
    }
    for (String a : actual) {
      diff.merge(a, 1, Integer::sum);
    }
    List<String> missing = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    for (var e : diff.entrySet()) {
      if (e.getValue() < 0) {
        missing.add(e.getKey() + " x" + -e.getValue());
      } else if (e.getValue() > 0) {
        extra.add(e.getKey() + " x" + e.getValue());
      }
    }
    throw new AssertionError(
        what + ": " + actual.size() + " lines, expected " + expected.size() + "; missing "
            + missing.size() + " " + missing.subList(0, Math.min(10, missing.size()))
            + "; extra " + extra.size() + " " + extra.subList(0, Math.min(10, extra.size())));
  }

  private static List<String> uninterrupted(int parallelism) throws Exception {
    CommittingSink<String> sink = new CommittingSink<>("out");
    try (Engine engine = CheckpointRestartTest.engine()) {
      Job job = engine.submit(allState(new GatedSequenceSource(N, N / 2, true), sink, parallelism));
      assertThat(job.join(Duration.ofSeconds(60))).isEqualTo(JobStatus.COMPLETED);
    }
    return normalized(sink.committed());
  }

  /** Runs to the gate, takes a savepoint, cancels; restores at {@code after}; returns both. */
  private static List<String> stoppedAndRestored(int before, int after, boolean checkpointAfter)
      throws Exception {
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    // one sink object for both runs: it stands for durable storage that outlives a job
    CommittingSink<String> sink = new CommittingSink<>("out");
    CommittingSink<String> first = sink;
    CommittingSink<String> second = sink;
    CompletedCheckpoint savepoint;
    try (Engine engine = CheckpointRestartTest.engine()) {
      GatedSequenceSource gated = new GatedSequenceSource(N, N / 2, false);
      Job job =
          engine.submit(
              allState(gated, first, before),
              JobOptions.defaults()
                  .withName("savepoint")
                  .withCheckpointing(CheckpointConfig.savepointsOnly(store)));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (gated.paused.get() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(gated.paused.get()).isPositive();
      savepoint = job.triggerSavepoint().get(30, TimeUnit.SECONDS);
      assertThat(savepoint.kind()).isEqualTo(CheckpointKind.SAVEPOINT);
      assertThat(store.list("savepoint")).containsExactly(savepoint.id());
      assertThat(job.lastCompletedCheckpoint()).contains(savepoint);
      job.cancel();
      assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.CANCELLED);

      JobOptions restore = JobOptions.defaults().withName("savepoint").withRestoreFrom(savepoint);
      if (checkpointAfter) {
        restore = restore.withCheckpointing(CheckpointConfig.every(Duration.ofMillis(5), store));
      }
      Job restored =
          engine.submit(allState(new GatedSequenceSource(N, N / 2, true), second, after), restore);
      assertThat(restored.join(Duration.ofSeconds(60))).isEqualTo(JobStatus.COMPLETED);
    }
    assertThat(sink.recoverCalls.get()).isGreaterThanOrEqualTo(2);
    return normalized(sink.committed());
  }

  @Test
  void aRunStoppedAtASavepointAndRestoredGivesTheOutputOfAnUninterruptedRun() throws Exception {
    List<String> expected = uninterrupted(2);
    assertThat(expected).contains("seen:" + N, "pending:" + KEYS);
    assertSameLines(stoppedAndRestored(2, 2, true), expected, "restored at 2");
  }

  @Test
  void restoringWithoutCheckpointingCommitsTheRestAtTheEnd() throws Exception {
    assertSameLines(stoppedAndRestored(2, 2, false), uninterrupted(2), "restored at 2");
  }

  @Test
  void aSavepointTakenAtParallelismTwoRestoresAtOneAndAtFour() throws Exception {
    List<String> expected = uninterrupted(2);
    assertSameLines(uninterrupted(1), expected, "uninterrupted at 1");
    assertSameLines(stoppedAndRestored(2, 1, true), expected, "restored at 1");
    assertSameLines(stoppedAndRestored(2, 4, true), expected, "restored at 4");
  }

  @Test
  void aParallelReplayableSourceAndItsRollingCountsRescale() throws Exception {
    long n = 20_000;
    List<String> expected = CheckpointRestartTest.expectedCounts(n, 7);
    for (int after : new int[] {1, 4}) {
      InMemoryCheckpointStore store = new InMemoryCheckpointStore();
      CommittingSink<String> sink = new CommittingSink<>("out");
      CommittingSink<String> first = sink;
      CommittingSink<String> second = sink;
      try (Engine engine = CheckpointRestartTest.engine()) {
        GatedSequenceSource gated = new GatedSequenceSource(n, n / 3, false);
        Job job =
            engine.submit(
                counts(gated, first, 2),
                JobOptions.defaults()
                    .withName("rescale")
                    .withCheckpointing(CheckpointConfig.savepointsOnly(store)));
        while (gated.paused.get() < 1) {
          Thread.sleep(5);
        }
        CompletedCheckpoint sp = job.triggerSavepoint().get(30, TimeUnit.SECONDS);
        job.cancel();
        job.join(Duration.ofSeconds(30));
        Job restored =
            engine.submit(
                counts(new GatedSequenceSource(n, n / 3, true), second, after),
                JobOptions.defaults()
                    .withName("rescale")
                    .withRestoreFromLatest(store)
                    .withCheckpointing(CheckpointConfig.every(Duration.ofMillis(5), store)));
        assertThat(restored.join(Duration.ofSeconds(60))).isEqualTo(JobStatus.COMPLETED);
        assertThat(restored.lastCompletedCheckpoint().orElseThrow().id()).isGreaterThan(sp.id());
      }
      List<String> all = sink.committed();
      all.sort(null);
      assertSameLines(all, expected, "restored at parallelism " + after);
    }
  }

  private static Pipeline counts(GatedSequenceSource source, CommittingSink<String> sink, int p) {
    Pipeline pipeline = Pipeline.create();
    pipeline
        .source(source)
        .uid("numbers")
        .parallelism(p)
        .keyBy(i -> i % 7)
        .rollingAggregate(AggregateOperations.counting())
        .uid("count")
        .parallelism(p)
        .map(kv -> kv.key() + ":" + kv.value())
        .parallelism(p)
        .sink(sink);
    return pipeline;
  }

  @Test
  void aCheckpointHoldingStateOfAStageThePipelineLacksIsRefusedAtSubmission() throws Exception {
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    try (Engine engine = CheckpointRestartTest.engine()) {
      GatedSequenceSource gated = new GatedSequenceSource(100, 50, false);
      Job job =
          engine.submit(
              counts(gated, new CommittingSink<>("out"), 1),
              JobOptions.defaults()
                  .withName("refused")
                  .withCheckpointing(CheckpointConfig.savepointsOnly(store)));
      CompletedCheckpoint sp = job.triggerSavepoint().get(30, TimeUnit.SECONDS);
      job.cancel();
      Pipeline other = Pipeline.create();
      other.source(Sources.sequence("numbers", 10, i -> i)).uid("numbers").sink(new CommittingSink<>("o"));
      assertThatThrownBy(
              () -> engine.submit(other, JobOptions.defaults().withName("refused").withRestoreFrom(sp)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("stage uid 'count'");
    }
  }
}
