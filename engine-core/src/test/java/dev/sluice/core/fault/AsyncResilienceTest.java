package dev.sluice.core.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.StageCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** mapAsync with retry, a circuit breaker under each while-open policy, and a fallback. */
class AsyncResilienceTest {
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T00:00:00Z"));
  private final AtomicInteger calls = new AtomicInteger();
  private volatile boolean serviceUp;

  @AfterEach
  void close() {
    engine.close();
  }

  private CompletionStage<Integer> service(int x) {
    calls.incrementAndGet();
    return serviceUp
        ? CompletableFuture.completedFuture(x * 2)
        : CompletableFuture.failedFuture(new IllegalStateException("service down"));
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  private AsyncCallSettings breaker(WhileOpen whileOpen) {
    return AsyncCallSettings.defaults()
        .withMaxConcurrency(1)
        .withClock(clock)
        .withCircuitBreaker(
            new CircuitBreakerSettings("svc", 3, Duration.ofSeconds(10), 2, whileOpen));
  }

  @Test
  void retriesUntilTheCallSucceeds() throws Exception {
    Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();
    Pipeline p = Pipeline.create();
    CollectSink<Integer> out = Sinks.collect("out");
    p.source(Sources.fromIterable("n", range(50)))
        .mapAsync(
            (Integer x) -> attempts.computeIfAbsent(x, k -> new AtomicInteger()).incrementAndGet() < 3
                ? CompletableFuture.<Integer>failedFuture(new IllegalStateException("flaky"))
                : CompletableFuture.completedFuture(x),
            AsyncCallSettings.defaults().withRetry(3, Duration.ofMillis(1), 2.0))
        .named("flaky")
        .sink(out);
    Job job = engine.submit(p);
    job.join(Duration.ofSeconds(20));
    assertThat(out.items()).containsExactlyElementsOf(range(50));
    assertThat(attempts.values()).allSatisfy(a -> assertThat(a.get()).isEqualTo(3));
  }

  @Test
  void retriesFollowARestartStrategyAndGiveUpAfterItsMaximum() throws Exception {
    Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();
    Pipeline p = Pipeline.create();
    CollectSink<Integer> out = Sinks.collect("out");
    p.source(Sources.fromIterable("n", range(20)))
        .mapAsyncMono(
            (Integer x) -> reactor.core.publisher.Mono.defer(() ->
                attempts.computeIfAbsent(x, k -> new AtomicInteger()).incrementAndGet() < 3
                    ? reactor.core.publisher.Mono.<Integer>error(new IllegalStateException("flaky"))
                    : reactor.core.publisher.Mono.just(x)),
            AsyncCallSettings.defaults()
                .withRetry(RestartStrategy.exponentialBackoff(
                    Duration.ofMillis(1), 2.0, Duration.ofMillis(4), 0.5, 1)))
        .named("one-retry")
        .onError(ErrorPolicy.SKIP)
        .sink(out);
    Job job = engine.submit(p);
    job.join(Duration.ofSeconds(20));
    // one retry allowed: every event fails twice, so every event is skipped after 2 attempts
    assertThat(out.items()).isEmpty();
    assertThat(attempts.values()).allSatisfy(a -> assertThat(a.get()).isEqualTo(2));
    assertThat(job.counts("one-retry").errors()).isEqualTo(20);
  }

  @Test
  void failFastWithFallbackServesDegradedResultsAndStopsCalling() throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<Integer> out = Sinks.collect("out");
    p.source(Sources.fromIterable("n", range(100)))
        .mapAsync(this::service, breaker(WhileOpen.FAIL_FAST).withFallback((Integer x) -> -x))
        .named("svc-call")
        .sink(out);
    engine.submit(p).join(Duration.ofSeconds(20));
    assertThat(out.items()).containsExactlyElementsOf(range(100).stream().map(x -> -x).toList());
    assertThat(calls.get()).isEqualTo(3); // the circuit opened after three failures
  }

  @Test
  void dropWhileOpenCountsExactly() throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<Integer> out = Sinks.collect("out");
    p.source(Sources.fromIterable("n", range(100)))
        .mapAsync(this::service, breaker(WhileOpen.DROP))
        .named("svc-call")
        .onError(ErrorPolicy.SKIP)
        .sink(out);
    Job job = engine.submit(p);
    job.join(Duration.ofSeconds(20));
    StageCounts c = job.counts("svc-call");
    assertThat(c.errors()).isEqualTo(3);
    assertThat(c.dropped()).isEqualTo(97);
    assertThat(c.balanced()).as(c.toString()).isTrue();
    assertThat(out.items()).isEmpty();
  }

  @Test
  void waitHoldsEventsUntilTheCircuitLetsCallsThrough() throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<Integer> out = Sinks.collect("out");
    p.source(Sources.fromIterable("n", range(20)))
        .mapAsync(this::service, breaker(WhileOpen.WAIT))
        .named("svc-call")
        .onError(ErrorPolicy.SKIP)
        .sink(out);
    Job job = engine.submit(p);
    while (calls.get() < 3) {
      Thread.sleep(1);
    }
    Thread.sleep(50);
    assertThat(calls.get()).as("no call while open").isEqualTo(3);
    assertThat(job.status().isTerminal()).isFalse();
    serviceUp = true;
    clock.advance(Duration.ofMillis(10_001));
    job.join(Duration.ofSeconds(20));
    assertThat(out.items()).containsExactlyElementsOf(range(20).subList(3, 20).stream().map(x -> x * 2).toList());
    assertThat(job.counts("svc-call").errors()).isEqualTo(3);
  }
}
