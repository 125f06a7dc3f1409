package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class MapAsyncTest {
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  @AfterEach
  void close() {
    engine.close();
  }

  /** Completes after a pseudo-random delay, tracking how many calls are in flight. */
  private CompletableFuture<Integer> slowTimesTen(int x) {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    Executor later = CompletableFuture.delayedExecutor((x * 7919L) % 5, TimeUnit.MILLISECONDS);
    return CompletableFuture.supplyAsync(
        () -> {
          inFlight.decrementAndGet();
          return x * 10;
        },
        later);
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  @Test
  void orderedResultsKeepInputOrderWithinTheConcurrencyLimit() throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<Integer> out = Sinks.collect("out");
    p.source(Sources.fromIterable("n", range(500)))
        .mapAsync(this::slowTimesTen, 8, true, Duration.ZERO)
        .named("lookup")
        .sink(out);
    Job job = engine.submit(p);
    job.join(Duration.ofSeconds(30));
    assertThat(out.items()).containsExactlyElementsOf(range(500).stream().map(x -> x * 10).toList());
    assertThat(maxInFlight.get()).isBetween(1, 8);
    assertThat(job.counts("lookup")).extracting(StageCounts::in, StageCounts::out).containsExactly(500L, 500L);
  }

  @Test
  void unorderedResultsAreCompleteButMayReorder() throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<Integer> out = Sinks.collect("out");
    p.source(Sources.fromIterable("n", range(500)))
        .mapAsync(this::slowTimesTen, 16, false, Duration.ZERO)
        .sink(out);
    engine.submit(p).join(Duration.ofSeconds(30));
    assertThat(out.items())
        .containsExactlyInAnyOrderElementsOf(range(500).stream().map(x -> x * 10).toList());
    assertThat(maxInFlight.get()).isBetween(1, 16);
  }

  @Test
  void monoCallsWork() throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<String> out = Sinks.collect("out");
    p.source(Sources.fromIterable("n", range(100)))
        .mapAsync(x -> Mono.just("v" + x).delayElement(Duration.ofMillis(1)).toFuture(), 4, true,
            Duration.ofSeconds(5))
        .sink(out);
    engine.submit(p).join(Duration.ofSeconds(30));
    assertThat(out.items()).hasSize(100).startsWith("v0", "v1");
  }

  @Test
  void aCallThatNeverCompletesTimesOutAndFailsTheJobNamingTheStage() {
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("n", range(10)))
        .mapAsync(x -> x == 3 ? new CompletableFuture<Integer>() : CompletableFuture.completedFuture(x),
            4, true, Duration.ofMillis(50))
        .named("remote")
        .sink(Sinks.discard("d"));
    Job job = engine.submit(p);
    assertThatThrownBy(() -> job.join(Duration.ofSeconds(30)))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("stage 'remote'")
        .hasMessageContaining("event '3'")
        .hasCauseInstanceOf(TimeoutException.class);
  }

  @Test
  void watermarksDoNotOvertakeInFlightEvents() throws Exception {
    record Ev(String key, long time) {}
    List<Ev> input = range(2000).stream().map(i -> new Ev("k" + (i % 5), i)).toList();
    Pipeline p = Pipeline.create();
    CollectSink<TumblingCountOperator.WindowCount<String>> out = Sinks.collect("out");
    p.source(Sources.fromIterable("n", input))
        .withTimestamps(Ev::time, 0)
        .mapAsync(
            e -> CompletableFuture.supplyAsync(
                () -> e, CompletableFuture.delayedExecutor(e.time() % 3, TimeUnit.MILLISECONDS)),
            32, false, Duration.ZERO)
        .keyBy(Ev::key)
        .customOperator("count", () -> new TumblingCountOperator<String>(100))
        .sink(out);
    engine.submit(p).join(Duration.ofSeconds(30));
    // had a watermark overtaken an event, that event would be late and its window short
    assertThat(out.items()).hasSize(5 * 20).allSatisfy(w -> assertThat(w.count()).isEqualTo(20));
  }
}
