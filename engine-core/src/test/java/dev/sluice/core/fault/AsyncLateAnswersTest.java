package dev.sluice.core.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.BackpressureStrategy;
import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.PushSource;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.StageCounts;
import dev.sluice.core.metrics.StageSnapshot;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An answer that arrives after its call timed out is discarded and counted (issue 16, 3). */
class AsyncLateAnswersTest {
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));

  @AfterEach
  void close() {
    engine.close();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what);
      }
      Thread.sleep(1);
    }
  }

  @Test
  void aLateAnswerIsDiscardedAndCounted() throws Exception {
    PushSource<Integer> in = Sources.push("in", 16, BackpressureStrategy.BLOCK);
    CompletableFuture<Integer> slow = new CompletableFuture<>();
    CollectSink<Integer> out = Sinks.collect("out");
    Pipeline p = Pipeline.create();
    p.source(in)
        .mapAsync(
            (Integer x) ->
                x == 1 ? slow.minimalCompletionStage() : CompletableFuture.completedFuture(x),
            AsyncCallSettings.defaults().withTimeout(Duration.ofMillis(20)))
        .named("remote")
        .onError(ErrorPolicy.SKIP)
        .sink(out);
    Job job = engine.submit(p);
    in.offer(1);
    await(() -> job.counts("remote").errors() == 1, "the timeout of call 1");
    slow.complete(100); // the late answer, while the job runs: queued without waiting
    in.offer(2);
    await(() -> out.items().contains(2), "event 2");
    in.complete();
    job.join(Duration.ofSeconds(30));

    assertThat(out.items()).containsExactly(2); // the late answer was not emitted
    StageCounts c = job.counts("remote");
    assertThat(c.lateAnswers()).isEqualTo(1);
    assertThat(c.errors()).isEqualTo(1);
    assertThat(c.filtered()).isEqualTo(1);
    assertThat(c.balanced()).as(c.toString()).isTrue(); // a late answer is outside the identity
    StageSnapshot s = engine.snapshot().jobs().get(0).stage("remote");
    assertThat(s.lateAnswers()).isEqualTo(1);
  }
}
