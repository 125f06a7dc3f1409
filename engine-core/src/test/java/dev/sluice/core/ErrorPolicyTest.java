package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.fault.DeadLetter;
import dev.sluice.core.fault.ErrorPolicy;
import dev.sluice.testsupport.SeededRuns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fault injection: user code throws on chosen events; each policy's exact counts and outputs. */
class ErrorPolicyTest {
  /** One engine per test; the tries of a property share it. */
  private Engine engine;

  @BeforeEach
  void start() {
    engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  private Engine engine() {
    return engine;
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  /** Fails (divides by zero) on every x with x % 10 == 3: 100 of 1000. */
  private static int faulty(int x) {
    int divisor = x % 10 == 3 ? 0 : 1;
    return x / divisor;
  }

  private Job run(ErrorPolicy policy, CollectSink<Integer> out, CollectSink<DeadLetter> dl)
      throws Exception {
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("n", range(1000)))
        .map(ErrorPolicyTest::faulty)
        .named("faulty")
        .onError(policy)
        .sink(out);
    if (dl != null) {
      p.deadLetters().sink(dl);
    }
    Job job = engine().submit(p);
    job.join(Duration.ofSeconds(20));
    return job;
  }

  @Test
  void skipDropsAndCountsExactly() throws Exception {
    CollectSink<Integer> out = Sinks.collect("out");
    Job job = run(ErrorPolicy.SKIP, out, null);
    assertThat(out.items()).hasSize(900).doesNotContain(3, 13, 993);
    assertThat(job.counts("faulty")).isEqualTo(new StageCounts("faulty", 1000, 900, 100, 0, 0, 0, 100));
  }

  @Test
  void replaceEmitsTheDefaultInstead() throws Exception {
    CollectSink<Integer> out = Sinks.collect("out");
    Job job = run(ErrorPolicy.replaceWith(-1), out, null);
    assertThat(out.items()).hasSize(1000).filteredOn(x -> x == -1).hasSize(100);
    assertThat(out.items().get(3)).isEqualTo(-1);
    assertThat(job.counts("faulty")).isEqualTo(new StageCounts("faulty", 1000, 1000, 0, 0, 0, 0, 100));
  }

  @Test
  void deadLetterCarriesEventErrorAndStage() throws Exception {
    CollectSink<Integer> out = Sinks.collect("out");
    CollectSink<DeadLetter> dl = Sinks.collect("dl");
    Job job = run(ErrorPolicy.DEAD_LETTER, out, dl);
    assertThat(out.items()).hasSize(900);
    assertThat(dl.items()).hasSize(100).allSatisfy(d -> {
      assertThat(d.stage()).isEqualTo("faulty");
      assertThat(d.error()).isInstanceOf(ArithmeticException.class);
      assertThat((Integer) d.event() % 10).isEqualTo(3);
    });
    assertThat(job.counts("faulty")).isEqualTo(new StageCounts("faulty", 1000, 900, 0, 0, 0, 100, 100));
    job.counts().forEach(c -> assertThat(c.balanced()).as(c.toString()).isTrue());
  }

  @Test
  void failNamesStageAndEvent() {
    CollectSink<Integer> out = Sinks.collect("out");
    assertThatThrownBy(() -> run(ErrorPolicy.FAIL, out, null))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("stage 'faulty'")
        .hasMessageContaining("event '3'");
  }

  @Test
  void deadLetterWithoutASinkIsRejectedAtSubmit() {
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("n", range(3)))
        .map(x -> x)
        .named("m")
        .onError(ErrorPolicy.DEAD_LETTER)
        .sink(Sinks.discard("d"));
    assertThatThrownBy(() -> engine().submit(p))
        .isInstanceOf(PipelineValidationException.class)
        .hasMessageContaining("connect pipeline.deadLetters() to a sink");
  }

  @Test
  void partialFanOutBeforeAFailureStillBalances() throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<Integer> out = Sinks.collect("out");
    p.source(Sources.fromIterable("n", range(100)))
        .<Integer>flatMap(x -> () -> IntStream.range(0, 3).map(i -> {
          if (i == 2 && x % 4 == 0) {
            throw new IllegalStateException("third output of " + x);
          }
          return x * 10 + i;
        }).iterator())
        .named("split")
        .onError(ErrorPolicy.SKIP)
        .sink(out);
    Job job = engine().submit(p);
    job.join(Duration.ofSeconds(20));
    StageCounts c = job.counts("split");
    assertThat(c.errors()).isEqualTo(25);
    assertThat(c.out()).isEqualTo(75 * 3 + 25 * 2);
    assertThat(c.balanced()).as(c.toString()).isTrue();
  }

  @Test
  void asyncFailuresFollowThePolicy() throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<Integer> out = Sinks.collect("out");
    CollectSink<DeadLetter> dl = Sinks.collect("dl");
    p.source(Sources.fromIterable("n", range(200)))
        .mapAsync(
            x -> x % 5 == 0
                ? CompletableFuture.<Integer>failedFuture(new IllegalStateException("remote " + x))
                : CompletableFuture.completedFuture(x),
            8, true, Duration.ZERO)
        .named("remote")
        .onError(ErrorPolicy.DEAD_LETTER)
        .sink(out);
    p.deadLetters().sink(dl);
    Job job = engine().submit(p);
    job.join(Duration.ofSeconds(20));
    assertThat(out.items()).hasSize(160);
    assertThat(dl.items()).hasSize(40).allSatisfy(d -> assertThat(d.error()).hasMessageStartingWith("remote"));
    assertThat(job.counts("remote").deadLettered()).isEqualTo(40);
  }

  /** Inputs of {@link #underDeadLetterNothingIsLost}; {@code seed} chooses the failing events. */
  record DeadLetterCase(double failureRate, int parallelism, int n, long seed) {}

  @Test
  void underDeadLetterNothingIsLost() {
    // the edge cases: no input, nothing fails, everything fails, one instance and four
    SeededRuns.forAll(
        40,
        List.of(
            new DeadLetterCase(0.0, 1, 0, 0L),
            new DeadLetterCase(1.0, 4, 2000, -1L),
            new DeadLetterCase(0.0, 4, 2000, Long.MIN_VALUE),
            new DeadLetterCase(1.0, 1, 1, Long.MAX_VALUE),
            new DeadLetterCase(0.01, 2, 2000, 7L)),
        g ->
            new DeadLetterCase(
                g.decimalBetween(0.0, 1.0, 2), g.intBetween(1, 4), g.intBetween(0, 2000), g.anyLong()),
        c -> underDeadLetterNothingIsLost(c.failureRate(), c.parallelism(), c.n(), c.seed()));
  }

  private void underDeadLetterNothingIsLost(double failureRate, int parallelism, int n, long seed)
      throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<Integer> out = Sinks.collect("out");
    CollectSink<DeadLetter> dl = Sinks.collect("dl");
    // deterministic injection per event and stage, independent of threads and order
    p.source(Sources.fromIterable("n", range(n)))
        .rebalance()
        .parallelism(parallelism)
        .map(x -> x / (failsAt(x, 1, seed, failureRate) ? 0 : 1))
        .named("first")
        .onError(ErrorPolicy.DEAD_LETTER)
        .keyBy(x -> x % 7)
        .mapStateful(() -> new long[1], (long[] s, Integer k, Integer x) -> {
          if (failsAt(x, 2, seed, failureRate)) {
            throw new IllegalStateException("second stage on " + x);
          }
          s[0]++;
          return x;
        })
        .named("second")
        .onError(ErrorPolicy.DEAD_LETTER)
        .sink(out);
    p.deadLetters().sink(dl);
    Job job = engine().submit(p);
    job.join(Duration.ofSeconds(30));
    List<Integer> accounted = new ArrayList<>(out.items());
    for (DeadLetter d : dl.items()) {
      accounted.add((Integer) d.event());
    }
    assertThat(accounted).containsExactlyInAnyOrderElementsOf(range(n));
    job.counts().forEach(c -> assertThat(c.balanced()).as(c.toString()).isTrue());
  }

  private static boolean failsAt(int x, int stage, long seed, double rate) {
    long h = (x * 0x9E3779B97F4A7C15L) ^ (seed + stage * 0xBF58476D1CE4E5B9L);
    h ^= h >>> 31;
    h *= 0x94D049BB133111EBL;
    h ^= h >>> 29;
    return (h >>> 11) * 0x1.0p-53 < rate;
  }
}
