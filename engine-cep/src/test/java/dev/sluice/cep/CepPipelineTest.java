package dev.sluice.cep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.BackpressureStrategy;
import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Pipeline;
import dev.sluice.core.PushSource;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.Stage;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.core.testing.Emitted;
import dev.sluice.core.testing.OperatorTestHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CEP stage in running pipelines: side outputs, counters, rules changed while running. */
class CepPipelineTest {
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));

  @AfterEach
  void close() {
    engine.close();
  }

  /** A timed event: the key is the event's key, the time its {@code value} times 1000. */
  record T(String key, char type, long time) {}

  private static Pattern<T> aThenB(long withinMillis) {
    return Pattern.<T>begin("a").where(e -> e.type() == 'a')
        .followedBy("b").where(e -> e.type() == 'b')
        .within(Duration.ofMillis(withinMillis));
  }

  private static Pattern<T> single(char type) {
    return Pattern.<T>begin(String.valueOf(type)).where(e -> e.type() == type);
  }

  private static String describe(Match<T> m) {
    StringBuilder s = new StringBuilder(m.ruleId()).append(':');
    for (int i = 0; i < m.size(); i++) {
      s.append(' ').append(m.nameOf(i)).append('@').append(m.timeOf(i));
    }
    return s.toString();
  }

  @Test
  void matchesTimeoutsAndStateInABoundedJob() throws Exception {
    Pipeline p = Pipeline.create();
    Stage<T> events = p.source(Sources.fromList("events", List.of(
            new T("k", 'a', 1000), new T("k", 'b', 1500), new T("k", 'a', 3000),
            new T("j", 'a', 2000), new T("j", 'x', 2100), new T("j", 'b', 2999))))
        .withTimestamps(T::time, 0);
    CepStage<String, T, String> cep = Cep.on(events.keyBy(T::key))
        .pattern(aThenB(1000))
        .select((key, m) -> key + " " + describe(m));
    CollectSink<String> matches = Sinks.collect("matches");
    CollectSink<TimedOutMatch<String, T>> timedOut = Sinks.collect("timed-out");
    cep.matches().sink(matches);
    cep.timedOut().sink(timedOut);
    cep.late().sink(Sinks.discard("late"));
    engine.submit(p).join(Duration.ofSeconds(30));

    assertThat(matches.items()).containsExactlyInAnyOrder(
        "k pattern: a@1000 b@1500", "j pattern: a@2000 b@2999");
    assertThat(timedOut.items()).containsExactly(new TimedOutMatch<>(
        "k", "pattern", Map.of("a", List.of(new T("k", 'a', 3000))), 3000, 3999));
    assertThat(cep.metrics().matches()).isEqualTo(2);
    assertThat(cep.metrics().timedOutPartialMatches()).isEqualTo(1);
  }

  @Test
  void lateEventsGoToTheLateOutputAndAreCounted() throws Exception {
    PushSource<T> source = Sources.push("events", 64, BackpressureStrategy.BLOCK);
    Pipeline p = Pipeline.create();
    CepStage<String, T, String> cep =
        Cep.on(p.source(source).withTimestamps(T::time, 0).keyBy(T::key))
            .pattern(single('p'))
            .select((key, m) -> describe(m));
    CollectSink<String> matches = Sinks.collect("matches");
    CollectSink<T> late = Sinks.collect("late");
    cep.matches().sink(matches);
    cep.late().sink(late);
    var job = engine.submit(p);
    source.offer(new T("k", 'p', 10_000));
    source.offer(new T("k", 'z', 10_001)); // the watermark passes the probe
    await(() -> matches.items().size() == 1);
    source.offer(new T("k", 'p', 500)); // behind the watermark: late
    source.complete();
    job.join(Duration.ofSeconds(30));
    assertThat(late.items()).containsExactly(new T("k", 'p', 500));
    assertThat(matches.items()).containsExactly("pattern: p@10000");
    assertThat(cep.metrics().lateEvents()).isEqualTo(1);
  }

  @Test
  void rulesChangeWhileRunningAndPartialMatchesOfAReplacedRuleAreDiscarded() throws Exception {
    PushSource<T> source = Sources.push("events", 64, BackpressureStrategy.BLOCK);
    CepRules<T> rules = CepRules.create("rules");
    Pipeline p = Pipeline.create();
    Pattern<T> aThenC = Pattern.<T>begin("a").where(e -> e.type() == 'a')
        .followedBy("c").where(e -> e.type() == 'c').within(Duration.ofSeconds(60));
    CepStage<String, T, String> cep =
        Cep.on(p.source(source).withTimestamps(T::time, 0).keyBy(T::key).maxParallelism(16))
            .rule("ab", aThenB(60_000))
            .rule("ac", aThenC)
            .rule("probe", single('p'))
            .rulesHandle(rules)
            .select((key, m) -> describe(m));
    CollectSink<String> matches = Sinks.collect("matches");
    cep.matches().sink(matches);
    var job = engine.submit(p);
    source.offer(new T("k", 'a', 1_000));
    source.offer(new T("k", 'p', 2_000));
    source.offer(new T("k", 'z', 3_000)); // the watermark passes a and the probe
    await(() -> matches.items().contains("probe: p@2000"));
    // rule "ab" is replaced: its open partial match (a@1000) is discarded; "ac" keeps its own
    rules.put("ab", aThenB(60_000).afterMatch(AfterMatchSkipStrategy.skipPastLastEvent()));
    rules.remove("probe");
    await(() -> cep.metrics().ruleUpdates() == 2);
    source.offer(new T("k", 'b', 4_000));
    source.offer(new T("k", 'c', 5_000));
    source.offer(new T("k", 'p', 6_000));
    source.offer(new T("k", 'a', 7_000));
    source.offer(new T("k", 'b', 8_000));
    source.complete();
    rules.close();
    job.join(Duration.ofSeconds(30));
    assertThat(matches.items()).containsExactlyInAnyOrder(
        "probe: p@2000", "ac: a@1000 c@5000", "ab: a@7000 b@8000");
    assertThat(cep.metrics().discardedPartialMatches()).isEqualTo(1);
  }

  @Test
  void anInvalidRuleIsRefusedByTheHandle() {
    CepRules<T> rules = CepRules.create("rules");
    assertThatThrownBy(() -> rules.put("bad", Pattern.<T>begin("x").notFollowedBy("y")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs within");
    rules.close();
  }

  @Test
  void stateReturnsToZeroAfterTheFinalWatermarkAndSurvivesRescaling() {
    var metrics = new CepMetrics();
    OperatorTestHarness.forKeyedOperator(T::key, Cep.<String, T, String>operator(
            Map.of("r", aThenB(1000)), (k, m) -> describe(m), StateCodecs.dynamic(), metrics))
        .event(new T("k", 'a', 1000), 1000).expectNothing()
        .event(new T("j", 'a', 1100), 1100).expectNothing()
        .rescale(3)
        .watermark(1200).expectNothing()
        .event(new T("k", 'b', 1400), 1400).expectNothing()
        .rescale(2)
        .watermark(1500).expect(List.of(
            Emitted.event("r: a@1000 b@1400", 1400), Emitted.watermark(1500)))
        .snapshotAndRestore()
        .event(new T("j", 'q', 900), 900).expectNothing() // late
        .end().expectNoState()
        .verify();
    assertThat(metrics.lateEvents()).isPositive();
    assertThat(metrics.timedOutPartialMatches()).isPositive(); // j's a timed out
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within 30 s");
      }
      Thread.sleep(5);
    }
  }
}
