package dev.sluice.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.core.JobOptions;
import dev.sluice.core.JobStatus;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Source;
import dev.sluice.core.SourceReader;
import dev.sluice.core.Sources;
import dev.sluice.core.aggregate.AggregateOperations;
import dev.sluice.core.fault.RestartStrategy;
import dev.sluice.core.operator.Operator;
import dev.sluice.core.operator.Output;
import dev.sluice.testsupport.Generator;
import dev.sluice.testsupport.SeededRuns;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints that cannot complete are aborted and never used; restarts after failures at random
 * points give the output of an uninterrupted run.
 */
class CheckpointFailureTest {

  /** A pass-through operator that counts the checkpoint notifications it hears. */
  static final class Listening implements Operator<Object, Object>, CheckpointListener {
    static final AtomicLong completed = new AtomicLong();
    static final AtomicLong aborted = new AtomicLong();

    @Override
    public void onEvent(Object event, long timestamp, Output<Object> out) {
      out.emit(event);
    }

    @Override
    public void checkpointComplete(long checkpointId) {
      completed.incrementAndGet();
    }

    @Override
    public void checkpointAborted(long checkpointId) {
      aborted.incrementAndGet();
    }
  }

  /** A blocking source whose only read waits for a latch, then ends. */
  record Stuck(CountDownLatch release) implements Source<Object> {
    @Override
    public String name() {
      return "stuck";
    }

    @Override
    public boolean isBlocking() {
      return true;
    }

    @Override
    public SourceReader<Object> createReader(int instanceIndex, int parallelism) {
      return (out, max) -> {
        release.await();
        return SourceReader.END;
      };
    }
  }

  @Test
  void aCheckpointThatTimesOutIsAbortedNeverStoredAndItsListenersAreTold() throws Exception {
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    CountDownLatch release = new CountDownLatch(1);
    CommittingSink<Object> sink = new CommittingSink<>("out");
    Pipeline p = Pipeline.create();
    p.source(Sources.sequence("numbers", 1000, i -> (Object) i))
        .union(p.source(new Stuck(release)))
        .customOperator("listening", Listening::new)
        .sink(sink);
    Listening.aborted.set(0);
    try (Engine engine = CheckpointRestartTest.engine()) {
      Job job =
          engine.submit(
              p,
              JobOptions.defaults()
                  .withName("stuck")
                  .withCheckpointing(
                      CheckpointConfig.savepointsOnly(store).withTimeout(Duration.ofMillis(300))));
      assertThatThrownBy(() -> job.triggerCheckpoint().get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("aborted")
          .hasMessageContaining("timed out");
      assertThat(store.list("stuck")).isEmpty();
      assertThat(job.lastCompletedCheckpoint()).isEmpty();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (Listening.aborted.get() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(Listening.aborted.get()).isEqualTo(1);
      assertThat(sink.committed()).isEmpty(); // the aborted checkpoint's transaction is not committed
      release.countDown();
      assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);
      // the final checkpoint of the exactly-once sink committed everything
      assertThat(store.list("stuck")).hasSize(1);
      assertThat(sink.committed()).hasSize(1000);
    }
  }

  /** A store that fails while {@link #failing} is set. */
  static final class FlakyStore implements CheckpointStore {
    final InMemoryCheckpointStore inner = new InMemoryCheckpointStore();
    final AtomicBoolean failing = new AtomicBoolean();

    @Override
    public void store(CompletedCheckpoint checkpoint) throws IOException {
      if (failing.get()) {
        throw new IOException("disk full (injected)");
      }
      inner.store(checkpoint);
    }

    @Override
    public java.util.Optional<CompletedCheckpoint> loadLatest(
        String jobName, Consumer<String> warnings) {
      return inner.loadLatest(jobName, warnings);
    }

    @Override
    public CompletedCheckpoint load(String jobName, long id) throws IOException {
      return inner.load(jobName, id);
    }

    @Override
    public List<Long> list(String jobName) {
      return inner.list(jobName);
    }
  }

  @Test
  void aCheckpointWhoseStoreFailsIsNeverUsedAndTheRestartTakesTheOneBefore() throws Exception {
    long n = 20_000;
    FlakyStore store = new FlakyStore();
    CommittingSink<String> sink = new CommittingSink<>("out");
    GatedSequenceSource gated = new GatedSequenceSource(n, n / 2, false);
    AtomicBoolean failed = new AtomicBoolean();
    Pipeline p = Pipeline.create();
    p.source(gated)
        .uid("numbers")
        .map(
            i -> {
              if (i == n / 2 + 100 && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("injected");
              }
              return i;
            })
        .keyBy(i -> i % 7)
        .rollingAggregate(AggregateOperations.counting())
        .uid("count")
        .map(kv -> kv.key() + ":" + kv.value())
        .sink(sink);
    try (Engine engine = CheckpointRestartTest.engine()) {
      Job job =
          engine.submit(
              p,
              JobOptions.defaults()
                  .withName("flaky")
                  .withRestartStrategy(RestartStrategy.immediate(2))
                  .withCheckpointing(CheckpointConfig.savepointsOnly(store)));
      while (gated.paused.get() == 0) {
        Thread.sleep(5);
      }
      CompletedCheckpoint good = job.triggerCheckpoint().get(30, TimeUnit.SECONDS);
      store.failing.set(true);
      assertThatThrownBy(() -> job.triggerCheckpoint().get(30, TimeUnit.SECONDS))
          .hasMessageContaining("disk full (injected)");
      store.failing.set(false);
      assertThat(store.list("flaky")).containsExactly(good.id());
      gated.open.set(true);
      assertThat(job.join(Duration.ofSeconds(60))).isEqualTo(JobStatus.COMPLETED);
      assertThat(job.restarts()).isEqualTo(1);
    }
    List<String> got = sink.committed();
    got.sort(null);
    SavepointRestoreTest.assertSameLines(got, CheckpointRestartTest.expectedCounts(n, 7), "output");
  }

  @Test
  void failuresAtRandomPointsGiveTheOutputOfAnUninterruptedRun() {
    SeededRuns.run(4, CheckpointFailureTest::randomFailures);
  }

  private static void randomFailures(Generator g) throws Exception {
    long n = g.longBetween(5_000, 40_000);
    int parallelism = g.intBetween(1, 3);
    int keys = g.intBetween(2, 20);
    int failures = g.intBetween(1, 3);
    long intervalMillis = g.intBetween(2, 15);
    Set<Long> failAt = ConcurrentHashMap.newKeySet();
    for (int k = 0; k < failures; k++) {
      failAt.add(g.longBetween(0, n - 1));
    }
    Set<Long> pending = ConcurrentHashMap.newKeySet();
    pending.addAll(failAt);
    InMemoryCheckpointStore store = new InMemoryCheckpointStore(2);
    CommittingSink<String> sink = new CommittingSink<>("out");
    Pipeline p = Pipeline.create();
    p.source(Sources.sequence("numbers", n, CheckpointRestartTest::slowly))
        .uid("numbers")
        .parallelism(parallelism)
        .map(
            i -> {
              if (pending.remove(i)) {
                throw new IllegalStateException("injected failure at " + i);
              }
              return i;
            })
        .parallelism(parallelism)
        .keyBy(i -> i % keys)
        .rollingAggregate(AggregateOperations.counting())
        .uid("count")
        .parallelism(parallelism)
        .map(kv -> kv.key() + ":" + kv.value())
        .sink(sink);
    try (Engine engine = CheckpointRestartTest.engine()) {
      Job job =
          engine.submit(
              p,
              JobOptions.defaults()
                  .withName("random")
                  .withRestartStrategy(RestartStrategy.immediate(failures + 1))
                  .withCheckpointing(
                      CheckpointConfig.every(Duration.ofMillis(intervalMillis), store)));
      assertThat(job.join(Duration.ofSeconds(60))).isEqualTo(JobStatus.COMPLETED);
      assertThat(pending).isEmpty();
      // parallel instances may hit two failure points within one attempt: one restart for both
      assertThat(job.restarts()).isBetween(1, failAt.size());
    }
    List<String> got = sink.committed();
    got.sort(null);
    SavepointRestoreTest.assertSameLines(
        got, CheckpointRestartTest.expectedCounts(n, keys),
        "n=" + n + " p=" + parallelism + " keys=" + keys + " failAt=" + failAt);
  }
}
