package dev.sluice.core.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.JobFailedException;
import dev.sluice.core.JobStatus;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.StageCounts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Regression tests for issue 16, defects 3 and 4: late answers to timed-out calls, cancellation
 * of abandoned calls, and a null CompletionStage.
 */
class AsyncDefectsTest {
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));

  @AfterEach
  void close() {
    engine.close();
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  /**
   * Defect 3: every call times out; after the job has ended the client completes its futures
   * (which it can, since a minimal stage is not cancelled through). The completing thread must
   * return: before the fix it spun forever pushing into a full queue nobody read.
   */
  @Test
  void aClientCompletingLateFuturesAfterTheJobEndedReturns() throws Exception {
    int n = 64;
    ConcurrentHashMap<Integer, CompletableFuture<Integer>> futures = new ConcurrentHashMap<>();
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("n", range(n)))
        .mapAsync(
            (Integer x) -> {
              CompletableFuture<Integer> f = new CompletableFuture<>();
              futures.put(x, f);
              return f.minimalCompletionStage(); // cancel does not reach f
            },
            AsyncCallSettings.defaults().withMaxConcurrency(2).withTimeout(Duration.ofMillis(5)))
        .named("remote")
        .onError(ErrorPolicy.SKIP)
        .sink(Sinks.discard("d"));
    Job job = engine.submit(p);
    assertThat(job.join(Duration.ofSeconds(60))).isEqualTo(JobStatus.COMPLETED);
    assertThat(job.counts("remote").errors()).isEqualTo(n);
    assertThat(futures).hasSize(n);

    Thread client =
        new Thread(
            () -> {
              for (CompletableFuture<Integer> f : futures.values()) {
                f.complete(1); // the late answer, on the client's thread
              }
            },
            "late-client");
    client.setDaemon(true); // before the fix it never ends
    client.start();
    client.join(30_000);
    assertThat(client.isAlive()).as("the completing thread returned").isFalse();
  }

  /** Defect 3: a timed-out call's future is cancelled, so the client can stop the work. */
  @Test
  void theFutureOfATimedOutCallIsCancelled() throws Exception {
    int n = 20;
    ConcurrentHashMap<Integer, CompletableFuture<Integer>> futures = new ConcurrentHashMap<>();
    Pipeline p = Pipeline.create();
    CollectSink<Integer> out = Sinks.collect("out");
    p.source(Sources.fromIterable("n", range(n)))
        .mapAsync(
            (Integer x) -> {
              if (x % 2 == 0) {
                return CompletableFuture.completedFuture(x);
              }
              CompletableFuture<Integer> f = new CompletableFuture<>();
              futures.put(x, f);
              return f; // never answered
            },
            AsyncCallSettings.defaults().withMaxConcurrency(4).withTimeout(Duration.ofMillis(5)))
        .named("remote")
        .onError(ErrorPolicy.SKIP)
        .sink(out);
    Job job = engine.submit(p);
    job.join(Duration.ofSeconds(60));
    assertThat(futures).hasSize(n / 2);
    assertThat(futures.values()).allSatisfy(f -> assertThat(f.isCancelled()).isTrue());
    StageCounts c = job.counts("remote");
    assertThat(c.errors()).isEqualTo(n / 2);
    assertThat(c.balanced()).as(c.toString()).isTrue();
    assertThat(out.items())
        .containsExactlyElementsOf(range(n).stream().filter(x -> x % 2 == 0).toList());
  }

  /** Defect 3: mapAsyncMono disposes the subscription of a Mono whose call timed out. */
  @Test
  void theSubscriptionOfATimedOutMonoIsCancelled() throws Exception {
    int n = 10;
    AtomicInteger subscribed = new AtomicInteger();
    AtomicInteger cancelled = new AtomicInteger();
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("n", range(n)))
        .mapAsyncMono(
            (Integer x) ->
                Mono.<Integer>never()
                    .doOnSubscribe(s -> subscribed.incrementAndGet())
                    .doOnCancel(cancelled::incrementAndGet),
            AsyncCallSettings.defaults().withMaxConcurrency(3).withTimeout(Duration.ofMillis(5)))
        .named("remote")
        .onError(ErrorPolicy.SKIP)
        .sink(Sinks.discard("d"));
    Job job = engine.submit(p);
    job.join(Duration.ofSeconds(60));
    assertThat(subscribed.get()).isEqualTo(n);
    assertThat(cancelled.get()).isEqualTo(n);
  }

  /** Defect 3: calls still in flight when the job is cancelled are cancelled too. */
  @Test
  void callsInFlightWhenTheJobIsCancelledAreCancelled() throws Exception {
    ConcurrentHashMap<Integer, CompletableFuture<Integer>> futures = new ConcurrentHashMap<>();
    Pipeline p = Pipeline.create();
    p.source(Sources.generator("n", new AtomicInteger()::getAndIncrement, Long.MAX_VALUE))
        .mapAsync(
            (Integer x) -> {
              CompletableFuture<Integer> f = new CompletableFuture<>();
              futures.put(x, f);
              return f;
            },
            AsyncCallSettings.defaults().withMaxConcurrency(4))
        .sink(Sinks.discard("d"));
    Job job = engine.submit(p);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (futures.size() < 4 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(futures).hasSize(4); // at the concurrency limit
    job.cancel();
    assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.CANCELLED);
    assertThat(futures.values()).allSatisfy(f -> assertThat(f.isCancelled()).isTrue());
  }

  private static Pipeline nullStagePipeline(ErrorPolicy policy, CollectSink<Integer> out,
      CollectSink<DeadLetter> dl) {
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("n", range(10)))
        .map(x -> x) // the upstream stage, which must not be blamed
        .named("upstream")
        .mapAsync(
            (Integer x) -> x == 3 ? null : CompletableFuture.completedFuture(x),
            AsyncCallSettings.defaults())
        .named("remote")
        .onError(policy)
        .sink(out);
    if (dl != null) {
      p.deadLetters().sink(dl);
    }
    return p;
  }

  /** Defect 4: a null CompletionStage goes to the async stage's policy, here SKIP. */
  @Test
  void aNullStageIsSkippedByTheAsyncStage() throws Exception {
    CollectSink<Integer> out = Sinks.collect("out");
    Job job = engine.submit(nullStagePipeline(ErrorPolicy.SKIP, out, null));
    job.join(Duration.ofSeconds(30));
    assertThat(out.items()).containsExactly(0, 1, 2, 4, 5, 6, 7, 8, 9);
    StageCounts c = job.counts("remote");
    assertThat(c.errors()).isEqualTo(1);
    assertThat(c.filtered()).isEqualTo(1);
    assertThat(c.balanced()).isTrue();
  }

  /** Defect 4: ... replaced under REPLACE. */
  @Test
  void aNullStageIsReplacedByTheAsyncStage() throws Exception {
    CollectSink<Integer> out = Sinks.collect("out");
    Job job = engine.submit(nullStagePipeline(ErrorPolicy.replaceWith(-1), out, null));
    job.join(Duration.ofSeconds(30));
    assertThat(out.items()).containsExactly(0, 1, 2, -1, 4, 5, 6, 7, 8, 9);
    assertThat(job.counts("remote").errors()).isEqualTo(1);
  }

  /** Defect 4: ... dead-lettered, naming the async stage. */
  @Test
  void aNullStageIsDeadLetteredByTheAsyncStage() throws Exception {
    CollectSink<Integer> out = Sinks.collect("out");
    CollectSink<DeadLetter> dl = Sinks.collect("dl");
    Job job = engine.submit(nullStagePipeline(ErrorPolicy.DEAD_LETTER, out, dl));
    job.join(Duration.ofSeconds(30));
    assertThat(out.items()).containsExactly(0, 1, 2, 4, 5, 6, 7, 8, 9);
    assertThat(dl.items()).singleElement().satisfies(d -> {
      assertThat(d.stage()).isEqualTo("remote");
      assertThat(d.event()).isEqualTo(3);
      assertThat(d.error())
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("'remote'")
          .hasMessageContaining("returned null");
    });
    assertThat(job.counts("upstream").errors()).isZero();
  }

  /** Defect 4: ... and under FAIL the job fails naming the async stage, not the upstream one. */
  @Test
  void aNullStageFailsTheJobNamingTheAsyncStage() {
    Job job = engine.submit(nullStagePipeline(ErrorPolicy.FAIL, Sinks.collect("out"), null));
    assertThatThrownBy(() -> job.join(Duration.ofSeconds(30)))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("stage 'remote'")
        .hasMessageContaining("event '3'")
        .hasCauseInstanceOf(NullPointerException.class);
  }
}
