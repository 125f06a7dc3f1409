package dev.sluice.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.emission.ScheduledEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTest {
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));

  @AfterEach
  void close() {
    engine.close();
  }

  private static Scenario scenario(double errorRate, Scenario.SuccessCriteria criteria) {
    return new Scenario("unit", "a short run", 2_000, 50, Duration.ofMillis(1500), "synthetic",
        128, errorRate, Scenario.LatencySpike.NONE, new Scenario.CircuitBreaker(1_000, 1_000),
        Scenario.Arrival.CONSTANT, List.of(), criteria);
  }

  @Test
  void runsTheBuiltInSystemUnderTestAndReports() throws Exception {
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    ScenarioReport r =
        new ScenarioRunner(engine)
            .run(
                scenario(0.01, new Scenario.SuccessCriteria(1_000, 0, 0, 0.95, 0)),
                new ScenarioRunner.Options(
                    new PrintStream(progress, true, StandardCharsets.UTF_8), false,
                    Duration.ofMillis(250), 42));
    assertThat(r.emitted()).isBetween(2_985L, 3_015L); // 1.5 s at 2,000 ev/s, within 0.5%
    assertThat(r.completed() + r.errors()).isEqualTo(r.emitted());
    // about 1% injected failures, dead-lettered
    assertThat((double) r.errors()).isCloseTo(30, within(25.0));
    assertThat(r.achievedEps()).isCloseTo(2_000 * (1 - 0.01), within(100.0));
    assertThat(r.latency().count()).isEqualTo(r.completed());
    assertThat(r.passed()).as(r.failures().toString()).isTrue();
    assertThat(r.timeline()).isNotEmpty();
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("[unit]").contains("ev/s");

    String text = ReportWriter.text(r);
    assertThat(text).contains("scenario unit").contains("PASSED").contains("p99");
    assertThat(ReportWriter.json(r)).contains("\"passed\" : true").contains("\"timeline\"");
    String html = ReportWriter.html(r);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("Throughput over time")
        .contains("Latency by percentile").doesNotContain("<script");
  }

  @Test
  void unmetCriteriaFailTheRunWithReasons() throws Exception {
    ScenarioReport r =
        new ScenarioRunner(engine)
            .run(scenario(0.2, new Scenario.SuccessCriteria(5_000, 0, 0, 0.99, 1)),
                ScenarioRunner.Options.quiet());
    assertThat(r.passed()).isFalse();
    assertThat(r.failures())
        .anySatisfy(f -> assertThat(f).startsWith("sustained rate"))
        .anySatisfy(f -> assertThat(f).startsWith("success rate"))
        .anySatisfy(f -> assertThat(f).startsWith("peak heap"));
    assertThat(ReportWriter.text(r)).contains("FAILED");
  }

  @Test
  void aCircuitBreakerOpensWhenTheStepKeepsFailing() throws Exception {
    Scenario s = new Scenario("breaker", "always failing", 1_000, 10, Duration.ofMillis(800),
        "synthetic", 64, 1.0, Scenario.LatencySpike.NONE, new Scenario.CircuitBreaker(5, 60_000),
        Scenario.Arrival.CONSTANT, List.of(), Scenario.SuccessCriteria.NONE);
    ScenarioReport r = new ScenarioRunner(engine).run(s, ScenarioRunner.Options.quiet());
    assertThat(r.circuitTransitions()).containsExactly("CLOSED->OPEN");
    assertThat(r.completed()).isZero();
    assertThat(r.errors()).isEqualTo(r.emitted());
  }

  @Test
  void runsAUserPipeline() throws Exception {
    ScenarioReport r =
        new ScenarioRunner(engine)
            .run(scenario(0, Scenario.SuccessCriteria.NONE), ScenarioRunner.Options.quiet(),
                in -> in.filter(e -> e.payload().length > 0),
                ScheduledEvent::intendedNanos);
    assertThat(r.completed()).isEqualTo(r.emitted());
  }
}
