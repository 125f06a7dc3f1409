package dev.sluice.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.core.JobOptions;
import dev.sluice.core.JobStatus;
import dev.sluice.core.Pipeline;
import dev.sluice.core.aggregate.AggregateOperations;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * An async stage stores the events of its calls in flight and forwards the barrier at once; a
 * restore makes those calls again, so no result is lost.
 */
class AsyncCheckpointTest {

  private static Pipeline pipeline(
      GatedSequenceSource source, Function<Long, CompletionStage<Long>> call,
      CommittingSink<String> sink) {
    Pipeline p = Pipeline.create();
    p.source(source)
        .uid("numbers")
        .mapAsync(call, 256, true, Duration.ZERO)
        .uid("lookup")
        .keyBy(i -> i % 5)
        .rollingAggregate(AggregateOperations.counting())
        .uid("count")
        .map(kv -> kv.key() + ":" + kv.value())
        .sink(sink);
    return p;
  }

  @Test
  void callsInFlightAtASavepointAreMadeAgainAfterTheRestore() throws Exception {
    long n = 2_000;
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    CommittingSink<String> sink = new CommittingSink<>("out");
    try (Engine engine = CheckpointRestartTest.engine()) {
      GatedSequenceSource gated = new GatedSequenceSource(n, n / 2, false);
      // calls for the last hundred events before the gate never answer in the first run
      Function<Long, CompletionStage<Long>> stuck =
          i -> i >= n / 2 - 100 ? new CompletableFuture<>() : CompletableFuture.completedFuture(i);
      Job job =
          engine.submit(
              pipeline(gated, stuck, sink),
              JobOptions.defaults()
                  .withName("async")
                  .withCheckpointing(CheckpointConfig.savepointsOnly(store)));
      while (gated.paused.get() == 0) {
        Thread.sleep(5);
      }
      CompletedCheckpoint savepoint = job.triggerSavepoint().get(30, TimeUnit.SECONDS);
      assertThat(savepoint.parts()).containsKey("async/lookup/0");
      job.cancel();
      job.join(Duration.ofSeconds(30));
      Job restored =
          engine.submit(
              pipeline(
                  new GatedSequenceSource(n, n / 2, true), CompletableFuture::completedFuture, sink),
              JobOptions.defaults().withName("async").withRestoreFrom(savepoint));
      assertThat(restored.join(Duration.ofSeconds(60))).isEqualTo(JobStatus.COMPLETED);
    }
    List<String> got = sink.committed();
    got.sort(null);
    SavepointRestoreTest.assertSameLines(got, CheckpointRestartTest.expectedCounts(n, 5), "async");
  }
}
